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
    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
    }

    /// Lets `body` write the temporary file of `path`, flushed to disk if
    /// `flush`, and returns its path; removes it if anything fails.
    static func writeTemporary(for path: String, creatingFolder: Bool, flush: Bool,
                               _ body: (FileHandle) throws -> Void) throws -> String {
        if creatingFolder {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
        }
        let temporary = temporaryPath(for: path)
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            defer { try? handle.close() }
            try body(handle)
            if flush { try handle.synchronize() }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        return temporary
    }

    /// Renames `temporary` over `path`; removes it if that fails.
    static func moveIntoPlace(_ temporary: String, at path: String) throws {
        guard rename(temporary, path) == 0 else {
            let error = CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}
