import Foundation

/// A file found in `Inbox/<region>/<department>/`: the path names the submitter.
public struct InboxFile: Hashable, Sendable {
    /// Path under `Inbox/`, e.g. `371502/commerce/2026-10.xlsx`.
    public var relativePath: String
    public var region: String
    public var department: String
    public var size: Int64
    public var modified: Date

    public var fileName: String { String(relativePath.split(separator: "/").last ?? "") }
}

/// What one look at the inbox found.
public struct InboxScan: Sendable {
    /// Files in a submitter's folder, settled, ready for intake.
    public var submissions: [InboxFile] = []
    /// Files outside any `<region>/<department>/` folder: each gets a
    /// receipt saying where it should have gone.
    public var misplaced: [String] = []
    /// Partial, lock and hidden files, never read.
    public var ignored: [String] = []
    /// Files changed within the settling interval: read on a later run.
    public var settling: [String] = []
}

/// Lists the inbox without reading, moving or changing any file.
public struct InboxScanner: Sendable {
    public var root: URL
    /// A file whose modification time is newer than this many seconds is
    /// still being copied and is left for the next run.
    public var settlingInterval: TimeInterval

    public init(root: URL, settlingInterval: TimeInterval = 60) {
        self.root = root
        self.settlingInterval = settlingInterval
    }

    /// Names that editors and copy tools leave while they work: `.~lock…`,
    /// Office's `~$…` owner files, `*.tmp`, `*.part`.
    public static func isIgnored(fileName name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$") || name.hasSuffix(".tmp") || name.hasSuffix(".part")
    }

    public func scan(now: Date = Date()) throws -> InboxScan {
        var scan = InboxScan()
        let manager = FileManager.default
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        guard let walker = manager.enumerator(at: root, includingPropertiesForKeys: keys) else { return scan }
        let rootComponents = root.standardizedFileURL.pathComponents.count
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: Set(keys))
            let components = Array(url.standardizedFileURL.pathComponents.dropFirst(rootComponents))
            let relative = components.joined(separator: "/")
            if components.contains(where: { $0.hasPrefix(".") }) {
                scan.ignored.append(relative)
                if values.isRegularFile != true { walker.skipDescendants() }
                continue
            }
            guard values.isRegularFile == true else { continue }
            let name = url.lastPathComponent
            if Self.isIgnored(fileName: name) || (components.count == 1 && name == "README.md") {
                scan.ignored.append(relative)
                continue
            }
            guard components.count == 3 else {
                scan.misplaced.append(relative)
                continue
            }
            let modified = values.contentModificationDate ?? .distantPast
            if now.timeIntervalSince(modified) < settlingInterval {
                scan.settling.append(relative)
                continue
            }
            scan.submissions.append(InboxFile(relativePath: relative, region: components[0], department: components[1],
                                              size: Int64(values.fileSize ?? 0), modified: modified))
        }
        scan.submissions.sort { $0.relativePath < $1.relativePath }
        scan.misplaced.sort()
        scan.ignored.sort()
        scan.settling.sort()
        return scan
    }
}
