import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LedgerDatabase {
    /// A backup that could not be made; nothing half-written is left under its name.
    public struct BackupFailure: Error, CustomStringConvertible {
        public var path: String
        public var detail: String

        public var description: String {
            "ledger-backup-failed: 台账备份失败 the ledger backup failed: \(path) (\(detail))"
        }
    }

    /// Copies the ledger with SQLite's online backup API to
    /// `<folder>/ledger-<stamp>.sqlite` (`copy(to:)`), then removes all but
    /// the newest `keep` backups. Returns the backup's path.
    @discardableResult
    public func backUp(into folder: String, stamp: String, keep: Int) throws -> String {
        let path = "\(folder)/\(Self.backupPrefix)\(stamp)\(Self.backupSuffix)"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw BackupFailure(path: path, detail: "\(error)")
        }
        try copy(to: path)
        try Self.prune(folder, keep: keep)
        return path
    }

    /// Copies the ledger to `path` with SQLite's online backup API (GRDB's
    /// `backup(to:)`: a consistent snapshot while others read and write),
    /// whole or not at all: into a temporary file beside it, switched out of
    /// WAL so that it is one self-contained file, checked with
    /// `quick_check`, flushed, renamed, the folder flushed.
    public func copy(to path: String) throws {
        try Self.publishChecked(at: path) { temporary in
            let copy = try DatabaseQueue(path: temporary)
            try pool.backup(to: copy)
            try copy.close()
        }
    }

    /// Makes `path` whole or not at all: `fill` writes an SQLite database
    /// into a temporary file beside it, which is switched out of WAL,
    /// checked with `quick_check`, flushed and renamed over `path`.
    static func publishChecked(at path: String, _ fill: (String) throws -> Void) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = "\(folder)/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        do {
            unlink(temporary)
            try fill(temporary)
            let copy = try DatabaseQueue(path: temporary)
            let problems = try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                return try LedgerDatabase.integrityProblems(in: db)
            }
            try copy.close()
            guard problems.isEmpty else {
                throw BackupFailure(path: path, detail: "quick_check: \(problems.prefix(3))")
            }
            try flushToDisk(temporary)
            guard rename(temporary, path) == 0 else {
                throw BackupFailure(path: path, detail: String(cString: strerror(errno)))
            }
            try flushToDisk(folder.isEmpty ? "." : folder)
        } catch let failure as BackupFailure {
            unlink(temporary)
            throw failure
        } catch {
            unlink(temporary)
            throw BackupFailure(path: path, detail: "\(error)")
        }
    }

    /// The backups in `folder`, oldest first (their stamps sort by time).
    public static func backups(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(backupPrefix) && $0.hasSuffix(backupSuffix) }.sorted().map {
            "\(folder)/\($0)"
        }
    }

    static let backupPrefix = "ledger-"
    static let backupSuffix = ".sqlite"

    private static func prune(_ folder: String, keep: Int) throws {
        for old in backups(in: folder).dropLast(max(1, keep)) where unlink(old) != 0 {
            throw BackupFailure(path: old, detail: "cannot remove an old backup: \(String(cString: strerror(errno)))")
        }
    }
}

/// fsync of a file or folder, outside `LedgerDatabase`, whose `open(path:access:)` would shadow open(2).
private func flushToDisk(_ path: String) throws {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
        throw LedgerDatabase.BackupFailure(path: path, detail: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else {
        throw LedgerDatabase.BackupFailure(path: path, detail: String(cString: strerror(errno)))
    }
}
