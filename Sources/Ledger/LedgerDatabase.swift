import GRDB

/// The ledger's SQLite file: opened in WAL mode so that `status` can read
/// while a run writes, and migrated to the current schema on open.
public final class LedgerDatabase: Sendable {
    public let pool: DatabasePool

    /// Opens (creating if needed) the ledger at `path` and applies every
    /// pending migration in one transaction each.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    /// Names of the migrations applied so far, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { try Self.migrator.appliedMigrations($0) }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-submissions-observations") { db in
            // One row per file a submitter has dropped (by its inbox path).
            try db.create(table: "submission") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("region", .text).notNull()
                t.column("department", .text).notNull()
                t.column("path", .text).notNull().unique()
            }
            // Every distinct content (SHA-256) seen at that path.
            try db.create(table: "version") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("submission").notNull()
                t.column("sha256", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("receivedAt", .text).notNull()
                t.column("status", .text).notNull()  // accepted | rejected | superseded
                t.column("supersededBy", .integer).references("version")
                t.uniqueKey(["submissionId", "sha256"])
            }
            try db.create(table: "issue") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("version", onDelete: .cascade).notNull()
                t.column("code", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("sheet", .text)
                t.column("cell", .text)
                t.column("messageZh", .text).notNull()
                t.column("messageEn", .text).notNull()
            }
            try db.create(table: "observation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("version", onDelete: .cascade).notNull()
                t.column("region", .text).notNull()
                t.column("indicator", .text).notNull()
                t.column("period", .text).notNull()
                t.column("value", .double).notNull()
                t.column("sheet", .text)
                t.column("cell", .text)
            }
            try db.create(index: "observation_by_key", on: "observation", columns: ["region", "indicator", "period"])
        }
        return migrator
    }
}
