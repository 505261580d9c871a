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

    /// Copies the ledger with SQLite's online backup API (GRDB's
    /// `backup(to:)`: a consistent snapshot while others read and write) to
    /// `<folder>/ledger-<stamp>.sqlite`, whole or not at all: into a
    /// temporary file, switched out of WAL so that it is one self-contained
    /// file, checked with `quick_check`, flushed, renamed, the folder
    /// flushed. Then removes all but the newest `keep` backups. Returns the
    /// backup's path.
    @discardableResult
    public func backUp(into folder: String, stamp: String, keep: Int) throws -> String {
        let path = "\(folder)/\(Self.backupPrefix)\(stamp)\(Self.backupSuffix)"
        let temporary = "\(folder)/.\(Self.backupPrefix)\(stamp)\(Self.backupSuffix).\(getpid()).tmp"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            unlink(temporary)
            let copy = try DatabaseQueue(path: temporary)
            try pool.backup(to: copy)
            let problems = try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                return try String.fetchAll(db, sql: "PRAGMA quick_check").filter { $0 != "ok" }
            }
            try copy.close()
            guard problems.isEmpty else {
                throw BackupFailure(path: path, detail: "quick_check: \(problems.prefix(3))")
            }
            try flushToDisk(temporary)
            guard rename(temporary, path) == 0 else {
                throw BackupFailure(path: path, detail: String(cString: strerror(errno)))
            }
            try flushToDisk(folder)
        } catch let failure as BackupFailure {
            unlink(temporary)
            throw failure
        } catch {
            unlink(temporary)
            throw BackupFailure(path: path, detail: "\(error)")
        }
        try Self.prune(folder, keep: keep)
        return path
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
