import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a whole file or nothing: the bytes go to a temporary file in the
/// same folder, are flushed to disk, and the temporary file is renamed over
/// the destination. A run killed at any instant leaves either the previous
/// file or the new one, never half of either. For many files at once,
/// `StagedFiles` does the same with one flush for all of them.
public enum AtomicFile {
    public static func write(_ data: some DataProtocol, to path: String) throws {
        try write(to: path) { handle in try handle.write(contentsOf: data) }
    }

    /// Lets `body` stream into the temporary file, then publishes it.
    public static func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
        let temporary = try writeTemporary(for: path, creatingFolder: true, flush: true, body)
        try moveIntoPlace(temporary, at: path)
    }

    /// `.<name>.<pid>.tmp` beside `path`: hidden, so the inbox scanner and
    /// people skip it; a killed run's are removed by the next (`NightlyRun`).
    public static func temporaryPath(for path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return ".\(path).\(processId).tmp" }
        return "\(path[...slash]).\(path[path.index(after: slash)...]).\(processId).tmp"
    }

    /// The folder `path` is in (`.` for a bare name). NSString's
    /// `deletingLastPathComponent` cost 60,000 instructions a call.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static let processId = getpid()

    /// Lets `body` write the temporary file of `path`, flushed to disk if
    /// `flush`, and returns its path; removes it if anything fails.
    static func writeTemporary(
        for path: String, creatingFolder: Bool, flush: Bool,
        _ body: (FileHandle) throws -> Void
    ) throws -> String {
        if creatingFolder {
            do {
                try FileManager.default.createDirectory(atPath: folder(of: path), withIntermediateDirectories: true)
            } catch {
                throw FileIOError.wrap(error, .createFolder, path: folder(of: path))
            }
        }
        let temporary = temporaryPath(for: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw FileIOError.errno(.create, path: temporary) }
        do {
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            defer { try? handle.close() }
            try body(handle)
            if flush { try handle.synchronize() }
        } catch {
            unlink(temporary)
            throw FileIOError.wrap(error, .write, path: temporary)
        }
        return temporary
    }

    /// Renames `temporary` over `path`; removes it if that fails.
    static func moveIntoPlace(_ temporary: String, at path: String) throws {
        guard rename(temporary, path) == 0 else {
            let error = FileIOError.errno(.rename, path: path)
            unlink(temporary)
            throw error
        }
    }
}

extension AtomicFile {
    /// Removes every temporary file (`temporaryPath`'s form) below `folder`:
    /// those a killed writer left. Only for a caller that knows no writer is
    /// at work (the run, under its lock). Walks with `readdir`: the Outbox of
    /// a province holds some 350,000 files after 40 months. `report` hears of
    /// each file removed, or of the error that stopped a folder's walk.
    /// Folders of `folder` named in `skipped` are not walked.
    public static func removeAbandonedTemporaries(
        under folder: String, skipping skipped: Set<String> = [], report: (String, (any Error)?) -> Void
    ) {
        do {
            // A path is made only for a folder or a temporary, not for every file.
            _ = try FolderEntry.forEach(inFolder: folder) { entry in
                if try entry.isFolder() {
                    if !skipped.contains(entry.name) {
                        removeAbandonedTemporaries(under: folder + "/" + entry.name, report: report)
                    }
                } else if isTemporaryName(entry.name) {
                    let path = folder + "/" + entry.name
                    guard unlink(path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                    report(path, nil)
                }
            }
        } catch {
            report(folder, error)
        }
    }

    /// Whether a file name is one of `temporaryPath`'s (`.<name>.<pid>.tmp`).
    static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.hasSuffix(".tmp")
    }
}
