import GRDB
import Vocabulary

/// The ledger's tables, built by migrations that are never edited once
/// shipped: a later schema change is a new migration appended here.
///
/// Nothing is ever deleted: no table has `ON DELETE CASCADE`, and the only
/// table whose rows are replaced is `file_state`, a cache.
///
/// Times are GRDB dates (UTC text to the millisecond, sortable); file
/// modification times are seconds since 1970 as `REAL`, so that the inbox
/// fast path compares them exactly.
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try createRun(db)
            try createSubmission(db)
            try createVersion(db)
            try createVersionPeriod(db)
            try createIssue(db)
            try createObservation(db)
            try createFileState(db)
        }
        migrator.registerMigration("v2-figure-history") { db in
            // Intake's cross-period checks ask for one region's figures of
            // one indicator, a few times per file: without this index each
            // question read the indicator's figures of every region.
            try db.create(
                index: "observation_by_region_indicator_period", on: "observation",
                columns: ["region", "indicator", "period"])
        }
        migrator.registerMigration("v3-counted-observation") { db in
            try createCountedViews(db)
        }
        migrator.registerMigration("v4-portal-accounts") { db in
            try PortalSchema.create(db)
        }
        migrator.registerMigration("v5-run-failure") { db in
            // Why a run failed (a full disk, an I/O error, any error it
            // threw), so that `status` and the next night can say so.
            try db.alter(table: "run") { t in t.add(column: "failure", .text) }
        }
        migrator.registerMigration("v6-replaced-months") { db in
            // A receipt names the months its version replaced (`replaced(by:)`):
            // without this index each receipt read every version's months.
            try db.create(
                index: "version_period_by_superseding_version", on: "version_period", columns: ["supersededBy"],
                condition: Column("supersededBy") != nil)
        }
        migrator.registerMigration("v7-issue-confirmation") { db in
            // A warning a department confirmed in the figure's row (数据属实说明),
            // with its words, so that every receipt issued again says so.
            try db.alter(table: "issue") { t in t.add(column: "confirmation", .text) }
        }
        migrator.registerMigration("v8-counted-versions-by-submission") { db in
            // Supersession asks for the submitter's versions that still count
            // (`counted_period`): by `version_on_submissionId` it read every
            // version of each of the submitter's paths, so a department's 300th
            // upload of a file cost more than its first. Only accepted versions
            // count, and a path has one or a few.
            try db.create(
                index: "version_accepted_by_submission", on: "version", columns: ["submissionId"],
                condition: Column("status") == "accepted")
        }
        migrator.registerMigration("v9-run-clean-end") { db in
            // A night that ended with everything it wrote in place
            // (`markCleanEnd`), so that the next one need not walk the
            // Outbox's receipts and archive for a killed run's temporaries.
            try db.alter(table: "run") { t in t.add(column: "cleanEnd", .boolean).notNull().defaults(to: false) }
        }
        return migrator
    }

    /// `run`: one row per nightly batch, so every version can say which run
    /// first saw it, and a run killed mid-way stays visible as `running`
    /// without a finish time.
    private static func createRun(_ db: Database) throws {
        try db.create(table: "run") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("startedAt", .datetime).notNull()
            t.column("finishedAt", .datetime)
            t.column("status", .text).notNull().check { ["running", "completed", "failed"].contains($0) }
            t.column("filesSeen", .integer).notNull().defaults(to: 0)
            t.column("accepted", .integer).notNull().defaults(to: 0)
            t.column("rejected", .integer).notNull().defaults(to: 0)
            t.column("unchanged", .integer).notNull().defaults(to: 0)
            t.column("superseded", .integer).notNull().defaults(to: 0)
        }
    }

    /// `submission`: a submitter's file, by its path under `Inbox/`. The
    /// path names the submitter (`<region>/<department>/<file>`); a
    /// department that overwrites the file adds versions to the same row.
    private static func createSubmission(_ db: Database) throws {
        try db.create(table: "submission") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("region", .text).notNull()
            t.column("department", .text).notNull()
            t.column("path", .text).notNull().unique()
        }
        try db.create(index: "submission_by_submitter", on: "submission", columns: ["region", "department"])
    }

    /// `version`: each distinct content (SHA-256) seen at a path, accepted
    /// or rejected as a whole. The unique (submission, sha256) key is what
    /// makes a resubmitted identical file count once.
    /// A version becomes `superseded` (with `supersededBy`) once every period
    /// it covered has been superseded; see `version_period`.
    private static func createVersion(_ db: Database) throws {
        try db.create(table: "version") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("submission").notNull()
            t.column("sha256", .text).notNull().check { length($0) == 64 }
            t.column("size", .integer).notNull()
            t.column("modified", .double).notNull()
            t.column("receivedAt", .datetime).notNull()
            t.belongsTo("run")
            t.column("status", .text).notNull().check { ["accepted", "rejected", "superseded"].contains($0) }
            t.column("layoutId", .text)
            t.column("supersededBy", .integer).references("version")
            t.column("archivePath", .text)
            t.uniqueKey(["submissionId", "sha256"])
            t.check(sql: "(status = 'superseded') = (supersededBy IS NOT NULL)")
        }
        try db.create(index: "version_by_sha256", on: "version", columns: ["sha256"])
    }

    /// `version_period`: the periods a version covers, and for each whether
    /// a newer accepted version of the same submitter has superseded it.
    /// Supersession is per period because one `records` file may carry
    /// several months, and a later file for one of them must not withdraw
    /// the others.
    private static func createVersionPeriod(_ db: Database) throws {
        try db.create(table: "version_period") { t in
            t.belongsTo("version").notNull()
            t.column("period", .text).notNull().check(sql: periodFormat)
            t.column("supersededBy", .integer).references("version")
            t.primaryKey(["versionId", "period"])
        }
        try db.create(index: "version_period_by_period", on: "version_period", columns: ["period"])
    }

    /// `issue`: every problem found in a version, errors and warnings, with
    /// its place: a cell (`sheet` + A1 `cell`), or a whole row or column
    /// (`rowNumber` / `columnNumber`, 1-based as people see them).
    private static func createIssue(_ db: Database) throws {
        try db.create(table: "issue") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("version").notNull()
            t.column("code", .text).notNull()
            t.column("severity", .text).notNull().check { ["error", "warning"].contains($0) }
            t.column("sheet", .text)
            t.column("cell", .text)
            t.column("rowNumber", .integer)
            t.column("columnNumber", .integer)
            t.column("messageZh", .text).notNull()
            t.column("messageEn", .text).notNull()
        }
    }

    /// `observation`: the figures of accepted versions, in the indicator's
    /// canonical unit, with the value and unit as written and the cell they
    /// came from. The foreign key to `version_period` guarantees every
    /// figure's period is one its version covers, so supersession by period
    /// reaches it. One key may appear once per version.
    private static func createObservation(_ db: Database) throws {
        try db.create(table: "observation") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("versionId", .integer).notNull()
            t.column("region", .text).notNull()
            t.column("indicator", .text).notNull()
            t.column("period", .text).notNull()
            t.column("value", .double).notNull()
            t.column("writtenValue", .text).notNull()
            t.column("writtenUnit", .text)
            t.column("sheet", .text)
            t.column("cell", .text)
            t.foreignKey(["versionId", "period"], references: "version_period", columns: ["versionId", "period"])
            t.uniqueKey(["versionId", "region", "indicator", "period"])
        }
        // Roll-ups ask by indicator and period range, then region.
        try db.create(
            index: "observation_by_indicator_period", on: "observation",
            columns: ["indicator", "period", "region"])
    }

    /// `file_state`: the inbox fast path. The last size and modification
    /// time seen at a path, and the SHA-256 of the content then: a file whose
    /// size and time are unchanged is not read again.
    private static func createFileState(_ db: Database) throws {
        try db.create(table: "file_state", options: .withoutRowID) { t in
            t.primaryKey("path", .text)
            t.column("size", .integer).notNull()
            t.column("modified", .double).notNull()
            t.column("sha256", .text).notNull()
        }
    }

    /// The ledger's one rule of what counts now, as views every query that
    /// means "counted now" reads, so that the rule is written once.
    ///
    /// `counted_period`: a version's period counts while the version is
    /// accepted and no newer version of its submitter superseded that
    /// period (a rejected version never counts; a superseded one no
    /// longer does). With the version's submission, time and content.
    ///
    /// `counted_observation`: the figures of the counted periods, with the
    /// same columns of their version.
    ///
    /// Plain joins, so that SQLite flattens them into the query that reads
    /// them and plans it as it would the joins written out; `version` comes
    /// first so that a query starting from a submitter's files (supersession)
    /// reaches its versions before their periods.
    private static func createCountedViews(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE VIEW counted_period AS
                SELECT vp.versionId, vp.period, v.submissionId, v.sha256, v.receivedAt
                FROM version v JOIN version_period vp ON vp.versionId = v.id
                WHERE v.status = 'accepted' AND vp.supersededBy IS NULL;

                CREATE VIEW counted_observation AS
                SELECT o.*, cp.submissionId, cp.sha256, cp.receivedAt
                FROM observation o JOIN counted_period cp ON cp.versionId = o.versionId AND cp.period = o.period;
                """)
    }

    /// `YYYY-MM`, as `Period.description` writes it.
    private static let periodFormat = "period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'"
}
