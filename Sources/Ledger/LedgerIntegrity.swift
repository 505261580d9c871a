import Foundation
import GRDB

/// Why a ledger file is not opened: the ledger holds the programme's whole
/// history, so a file that is empty, not a ledger or damaged is never taken
/// for a new ledger, migrated or read from; the command stops and says what
/// to do (exit 2).
public struct LedgerRefusal: Error, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// `PRAGMA quick_check` failed, or SQLite says the file is corrupt.
        case damaged = "ledger-damaged"
        /// The file is there with no bytes: a ledger lost, not a new one.
        case empty = "ledger-empty"
        /// Not an SQLite file, or one without the ledger's migrations.
        case notALedger = "ledger-not-a-ledger"
        /// No file, but the Outbox holds an earlier ledger's archive or runs.
        case missing = "ledger-missing"
        /// A newer huanxin's schema, or an older one a read-only command cannot migrate.
        case schema = "ledger-schema"
        /// SQLite could not open or read it (permissions, I/O).
        case unreadable = "ledger-unreadable"
    }

    public var reason: Reason
    public var path: String
    /// What SQLite or the check said.
    public var detail: String

    public init(_ reason: Reason, path: String, detail: String) {
        self.reason = reason
        self.path = path
        self.detail = detail
    }

    /// Stable ASCII code, for logs and tests.
    public var code: String { reason.rawValue }

    /// Whether `huanxin ledger recover` is the way back: the file is lost,
    /// empty or damaged, not merely of another huanxin or unreadable to us.
    public var isRecoverable: Bool {
        switch reason {
        case .damaged, .empty, .notALedger, .missing: true
        case .schema, .unreadable: false
        }
    }

    public var description: String {
        let what: String =
            switch reason {
            case .damaged: "台账文件已损坏 the ledger is damaged"
            case .empty: "台账文件为空（0 字节），不会被当作新台账 the ledger file is empty and is not taken for a new ledger"
            case .notALedger: "该文件不是 huanxin 台账 the file is not a huanxin ledger"
            case .missing:
                "台账不存在，但 Outbox 中已有以前的归档或运行记录 no ledger, but the Outbox holds an earlier ledger's archive or runs"
            case .schema: "台账结构版本不符 the ledger's schema does not match this huanxin"
            case .unreadable: "无法读取台账 the ledger cannot be read"
            }
        let recovery: String =
            switch reason {
            case .missing:
                "如确需新建台账，请加 --new-ledger；否则请运行 huanxin ledger recover，从 Outbox/backups/ 恢复最新备份。"
                    + " Run `huanxin ledger recover` to restore the latest backup from Outbox/backups/,"
                    + " or pass --new-ledger to start a new ledger on purpose."
            case .schema, .unreadable:
                "请检查文件权限与 huanxin 版本。 Check the file's permissions and the huanxin version."
            case .damaged, .empty, .notALedger:
                "请运行 huanxin ledger recover：损坏的文件移到一旁保留，恢复 Outbox/backups/ 中最新的完好备份"
                    + "（无备份时抢救可读的记录），再运行 huanxin run，备份之后收到的文件会重新读入。"
                    + " Run `huanxin ledger recover`: it moves the file aside (kept), restores the newest whole backup"
                    + " in Outbox/backups/ (or, with none, saves what can be read), and says what the next"
                    + " huanxin run reads again."
            }
        return "\(code): \(what): \(path) (\(detail))\n\(recovery)"
    }
}

extension LedgerDatabase {
    /// How a command may open the ledger.
    public enum Access: Sendable {
        /// The nightly run: migrates; creates a new ledger only where
        /// `allowNew` says one may be (see `Ledger.open`).
        case readWrite(allowNew: Bool)
        /// `status`, `rollup`'s reading, `ledger check`: never writes,
        /// works on a read-only Outbox.
        case readOnly
    }

    /// The first 16 bytes of every SQLite database file.
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Opens the ledger at `path` only after making sure it is one and whole:
    /// an empty file, another kind of file or a damaged one is refused
    /// (`LedgerRefusal`) instead of being initialised, migrated or read.
    /// `PRAGMA quick_check` runs on every open: on a province's 100 MB
    /// ledger it takes about a second, against hours of history lost.
    public static func open(path: String, access: Access) throws -> LedgerDatabase {
        var header = [UInt8](repeating: 0, count: sqliteHeader.count)
        var status = stat()
        if stat(path, &status) != 0 {
            guard errno == ENOENT else {
                throw LedgerRefusal(.unreadable, path: path, detail: String(cString: strerror(errno)))
            }
            switch access {
            case .readWrite(allowNew: true): break
            case .readWrite(allowNew: false):
                throw LedgerRefusal(.missing, path: path, detail: "no such file")
            case .readOnly:
                throw LedgerRefusal(.unreadable, path: path, detail: "no such file")
            }
        } else if status.st_size == 0 {
            throw LedgerRefusal(.empty, path: path, detail: "0 bytes")
        } else {
            guard let file = fopen(path, "rb") else {
                throw LedgerRefusal(.unreadable, path: path, detail: String(cString: strerror(errno)))
            }
            let count = fread(&header, 1, header.count, file)
            fclose(file)
            guard count == header.count, header == sqliteHeader else {
                throw LedgerRefusal(.notALedger, path: path, detail: "no SQLite header")
            }
        }
        let existed = status.st_size > 0
        do {
            // Checked before anything opens it for writing: a read-write pool
            // writes on open (GRDB makes the WAL file non-empty), which would
            // change a damaged file that `ledger recover` must keep as it is.
            if existed { try check(path: path, readOnly: access.isReadOnly) }
            let ledger = try LedgerDatabase(
                path: access.isReadOnly ? readOnlyLocation(path) : path,
                readOnly: access.isReadOnly, migrate: false)
            if !access.isReadOnly { try LedgerSchema.migrator.migrate(ledger.pool) }
            return ledger
        } catch let error as DatabaseError {
            throw refusal(error, path: path)
        }
    }

    /// Where SQLite opens a ledger read-only: the path, or in a folder it
    /// cannot write (a read-only Outbox) and without the `-shm` file a WAL
    /// database needs, an `immutable` URI: there no one can be writing.
    /// (Debian's SQLite takes URIs as file names.)
    static func readOnlyLocation(_ path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        guard access(folder, W_OK) != 0, access(path + "-shm", F_OK) != 0 else { return path }
        var escaped = ""
        for character in path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3F"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:\(escaped)?immutable=1"
    }

    /// What SQLite finds wrong with the file, empty when it is whole:
    /// `quick_check` (every page and row, linear time) by default, which
    /// opening a ledger asks; `integrity_check` when `thorough` (indexes
    /// against their tables too), which tests of killed and concurrent runs ask.
    public func integrityProblems(thorough: Bool = false) throws -> [String] {
        try pool.read { db in try Self.integrityProblems(in: db, thorough: thorough) }
    }

    /// The check itself, on any connection: the ledger's own, the refusal's
    /// read-only one, a backup's copy.
    static func integrityProblems(in db: Database, thorough: Bool = false) throws -> [String] {
        let pragma = thorough ? "integrity_check" : "quick_check"
        return try String.fetchAll(db, sql: "PRAGMA \(pragma)").filter { $0 != "ok" }
    }

    /// Throws `LedgerRefusal` unless the file passes `quick_check` and
    /// holds the ledger's migrations, all known to this huanxin (and all of
    /// them for a reader, which cannot migrate), before anything migrates
    /// it; on a read-only connection of its own, which writes nothing.
    private static func check(path: String, readOnly: Bool) throws {
        var configuration = Configuration()
        configuration.readonly = true
        // As long as the ledger's own connections wait: a writer closing its
        // last connection checkpoints the WAL under an exclusive lock, and a
        // reader arriving then is told "database is locked" at once otherwise.
        configuration.busyMode = LedgerDatabase.busyMode
        let connection = try DatabaseQueue(path: readOnlyLocation(path), configuration: configuration)
        defer { try? connection.close() }
        let problems = try connection.read { db in try integrityProblems(in: db) }
        guard problems.isEmpty else {
            throw LedgerRefusal(
                .damaged, path: path, detail: "quick_check: " + problems.prefix(3).joined(separator: "; "))
        }
        let applied = try connection.read { db in
            try db.tableExists("grdb_migrations") ? try LedgerSchema.migrator.appliedMigrations(db) : []
        }
        let known = LedgerSchema.migrator.migrations
        guard !applied.isEmpty else { throw LedgerRefusal(.notALedger, path: path, detail: "no ledger migrations") }
        guard applied.allSatisfy(known.contains), !readOnly || applied.count == known.count else {
            throw LedgerRefusal(.schema, path: path, detail: "migrations \(applied.joined(separator: ", "))")
        }
    }

    /// SQLite's error, as a refusal naming the file.
    static func refusal(_ error: DatabaseError, path: String) -> LedgerRefusal {
        let damaged = error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
        return LedgerRefusal(
            damaged ? .damaged : .unreadable, path: path,
            detail: "SQLite \(error.resultCode.rawValue): \(error.message ?? "\(error)")")
    }
}

extension LedgerDatabase {
    /// Whether SQLite failed for its storage (full, read-only, I/O error,
    /// damaged), not for what was asked of it.
    public static func isStorageFailure(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_CORRUPT, .SQLITE_CANTOPEN].contains(
            error.resultCode)
    }
}

extension LedgerDatabase.Access {
    var isReadOnly: Bool {
        if case .readOnly = self { return true }
        return false
    }
}
