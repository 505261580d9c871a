import Foundation
import Outbox

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file found in `Inbox/<region>/<department>/`: the path names the submitter.
public struct InboxFile: Hashable, Sendable {
    /// Path under `Inbox/`, e.g. `371502/commerce/2026-10.xlsx`.
    public var relativePath: String
    public var region: String
    public var department: String
    public var size: Int64
    public var modified: Date
    /// The file name's bytes when they are not UTF-8 (GBK from a Windows
    /// copy): `relativePath` ends in their escaped form (`FileNameText`),
    /// which keys the file in the ledger and names its receipts, and the
    /// file is opened by these bytes. Nil for a UTF-8 name.
    public var nameBytes: [UInt8]? = nil

    public var fileName: String { Self.fileName(of: relativePath) }

    /// Runs `body` with a path that opens the file in the inbox at `inbox`:
    /// its path, or for a name that is not UTF-8 the file opened by its
    /// bytes (`FileNameText.withOpenPath`).
    public func withDiskPath<T>(in inbox: String, _ body: (String) throws -> T) throws -> T {
        let shown = inbox + "/" + relativePath
        guard let bytes = pathBytes(in: inbox) else { return try body(shown) }
        return try FileNameText.withOpenPath(bytes: bytes, shown: shown, body)
    }

    /// What `lstat` says of the file now, found by its bytes where its name is not UTF-8.
    public func status(in inbox: String) throws -> FileStatus? {
        let shown = inbox + "/" + relativePath
        guard let bytes = pathBytes(in: inbox) else { return try FileStatus.of(shown) }
        return try (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer {
            try FileStatus.of(cName: $0.baseAddress!, shown: shown)
        }
    }

    /// The file's path as bytes when its name is not UTF-8 (the folders are: they name the submitter).
    private func pathBytes(in inbox: String) -> [UInt8]? {
        nameBytes.map { Array((inbox + "/" + region + "/" + department + "/").utf8) + $0 }
    }

    /// The last component of a path under `Inbox/`.
    public static func fileName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// The format a file's name gives it: its extension, lowercased (`xlsx`,
    /// `csv`; empty without one). The same bytes under two formats may be
    /// read differently, so they are not copies of each other.
    public static func format(of path: String) -> String {
        let name = fileName(of: path)
        return name.lastIndex(of: ".").map { name[name.index(after: $0)...].lowercased() } ?? ""
    }
}

/// What one look at the inbox found.
public struct InboxScan: Sendable {
    /// Files in a submitter's folder, settled, ready for intake.
    public var submissions: [InboxFile] = []
    /// Files outside any submitter's `<region>/<department>/` folder: each
    /// gets a receipt saying where it should have gone.
    public var misplaced: [String] = []
    /// Partial, lock and hidden files, never read.
    public var ignored: [String] = []
    /// Files changed within the settling interval: read on a later run.
    public var settling: [String] = []
    /// Entries that are not read, each with a receipt saying why: links,
    /// FIFOs, devices, sockets, and folders whose names are not UTF-8.
    public var refused: [RefusedEntry] = []
}

/// An inbox entry huanxin does not read, and why.
public struct RefusedEntry: Hashable, Sendable {
    public enum Reason: String, Sendable {
        case link, fifo, device, socket
        /// A folder whose name is not UTF-8 (GBK from a Windows copy, say):
        /// no submitter's folder, and nothing in it is read. (A file so
        /// named is read, under its escaped name.)
        case nameNotText = "name-not-utf8"

        /// What the sender is told, in a sentence.
        public var advice: String {
            switch self {
            case .link: "这是一个符号链接（快捷方式），不会被读取。请把文件本身放入文件夹。"
            case .fifo, .socket: "这不是普通文件（管道或套接字），不会被读取。请放入普通的表格文件。"
            case .device: "这是一个设备文件，不会被读取。请放入普通的表格文件。"
            case .nameNotText:
                "文件夹名的文字编码无法识别（不是 UTF-8，常见于从 Windows 复制的 GBK 名称），其中的文件未读取。请把文件放入以地区代码和部门代码命名的文件夹。"
            }
        }
    }

    /// Path under `Inbox/`, a name that is not UTF-8 escaped (`FileNameText`).
    public var path: String
    public var reason: Reason
    public var size: Int64
    public var modified: Date
}

/// Lists the inbox without reading, moving or changing any file.
public struct InboxScanner: Sendable {
    public var root: URL
    /// A file whose modification time is newer than this many seconds is
    /// still being copied and is left for the next run.
    public var settlingInterval: TimeInterval
    /// The catalog's submitters: a file in a folder that names none
    /// (`东昌府区/商务局/`, an unknown code) is misplaced. nil takes any
    /// `<region>/<department>/` folder.
    public var folders: SubmitterFolders?

    public init(root: URL, settlingInterval: TimeInterval = 60, folders: SubmitterFolders? = nil) {
        self.root = root
        self.settlingInterval = settlingInterval
        self.folders = folders
    }

    /// Names that editors and copy tools leave while they work: `.~lock…`,
    /// Office's `~$…` owner files, `*.tmp`, `*.part`.
    public static func isIgnored(fileName name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("~$") || name.hasSuffix(".tmp") || name.hasSuffix(".part")
    }

    /// Walks the inbox with `readdir` and `fstatat`, one system call per
    /// entry: Foundation's enumerator and resource values took 5 s for a
    /// province's 90,000 files, most of a quiet night's run.
    public func scan(now: Date) throws -> InboxScan {
        var scan = InboxScan()
        try walk(root.path, components: [], now: now, into: &scan)
        scan.submissions.sort { $0.relativePath < $1.relativePath }
        scan.misplaced.sort()
        scan.ignored.sort()
        scan.settling.sort()
        scan.refused.sort { $0.path < $1.path }
        return scan
    }

    /// Classifies only the given paths under the root, as `scan` would; a
    /// path that is not a file now is passed over.
    public func scan(paths: [String], now: Date) throws -> InboxScan {
        var scan = InboxScan()
        for relative in Set(paths).sorted() {
            let components = relative.split(separator: "/").map(String.init)
            guard !components.isEmpty, !components.contains(where: { $0.hasPrefix(".") }),
                let status = try FileStatus.of(root.path + "/" + relative), status.kind == .file
            else { continue }
            classify(relative, components, status, now: now, into: &scan)
        }
        return scan
    }

    /// Classifies every entry of the folder `path` (at `components` under
    /// the root), descending into subfolders; hidden folders are listed as
    /// ignored and not entered, links, FIFOs, devices and folders whose names
    /// are not UTF-8 are refused (never opened, nor entered), and what vanishes
    /// while the scan looks (or an inbox not made yet) is not there.
    private func walk(_ path: String, components: [String], now: Date, into scan: inout InboxScan) throws {
        _ = try FolderEntry.forEach(inFolder: path) { entry in
            guard let status = try entry.status() else { return }
            let entryComponents = components + [entry.name]
            let relative = entryComponents.joined(separator: "/")
            if entry.name.hasPrefix(".") {
                scan.ignored.append(relative)
                return
            }
            func refuse(_ reason: RefusedEntry.Reason) {
                scan.refused.append(
                    RefusedEntry(path: relative, reason: reason, size: status.size, modified: status.modified))
            }
            switch status.kind {
            case .folder where entry.undecodable != nil: refuse(.nameNotText)
            case .folder: try walk(path + "/" + entry.name, components: entryComponents, now: now, into: &scan)
            case .file:
                let nameBytes = entry.undecodable.map { $0.dropLast().map { UInt8(bitPattern: $0) } }
                classify(relative, entryComponents, status, nameBytes: nameBytes, now: now, into: &scan)
            case .link: refuse(.link)
            case .fifo: refuse(.fifo)
            case .device: refuse(.device)
            case .socket: refuse(.socket)
            }
        }
    }

    private func classify(
        _ relative: String, _ components: [String], _ status: FileStatus, nameBytes: [UInt8]? = nil, now: Date,
        into scan: inout InboxScan
    ) {
        let name = components[components.count - 1]
        if Self.isIgnored(fileName: name) || (components.count == 1 && name == "README.md") {
            scan.ignored.append(relative)
        } else if components.count != 3
            || folders?.isSubmitter(region: components[0], department: components[1]) == false
        {
            scan.misplaced.append(relative)
        } else if now.timeIntervalSince(status.modified) < settlingInterval {
            scan.settling.append(relative)
        } else {
            scan.submissions.append(
                InboxFile(
                    relativePath: relative, region: components[0], department: components[1],
                    size: status.size, modified: status.modified, nameBytes: nameBytes))
        }
    }
}
