import GRDB

/// The ledger's SQLite file: every submission version, issue and accepted
/// observation, with their history. Opened in WAL mode so that `status` can
/// read while a run writes, with foreign keys on, and migrated to the
/// current schema (`LedgerSchema`) on open.
///
/// Several instances, in one process or several, may share a file: each
/// write is one immediate transaction, and a writer waits up to ten seconds
/// for another to finish.
public final class LedgerDatabase: Sendable {
    /// Read through `read`, write through `inTransaction`; tests of the
    /// schema itself reach the pool with `@testable import`.
    let pool: DatabasePool

    /// How long any connection to the ledger waits for another's lock.
    static let busyMode = Database.BusyMode.timeout(10)

    /// Opens (creating if needed) the ledger at `path` and applies every
    /// pending migration, one transaction each. `readOnly`: opens it as it
    /// is, never writing (`LedgerDatabase.open` checks it first).
    public init(path: String, readOnly: Bool = false, migrate: Bool = true) throws {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.busyMode = Self.busyMode
        // FULL: a commit is on disk when it returns, so that the nightly run
        // writes a batch's receipts only after the ledger has it for good.
        // The run commits once per batch of files, so this costs one flush
        // per batch, not per file.
        //
        // The writer's temporaries in memory: each file is recorded in a
        // savepoint inside its batch's transaction, and SQLite journals the
        // pages a savepoint changes in a temporary file, released with it. On
        // disk that was 920 MB of writes for 9,060 files, 8 of every 9 bytes
        // the run wrote to SQLite; in memory it is a file's few pages at a time
        // (a migration that builds an index sorts in memory too, once).
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        if migrate, !readOnly { try LedgerSchema.migrator.migrate(pool) }
    }
}

extension LedgerReader {
    /// Names of the migrations applied so far, oldest first.
    public func appliedMigrations() throws -> [String] {
        try LedgerSchema.migrator.appliedMigrations(db)
    }

}
