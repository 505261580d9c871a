import Catalog
import Foundation
import GRDB
import Vocabulary

/// Recording file versions: all or nothing, counted once, latest wins.
///
/// **Acceptance.** A version with any error-severity issue is rejected
/// whole: its issues and the periods it names are stored, none of its
/// observations. Otherwise it is accepted, with its observations and
/// warnings.
///
/// **Resubmission.** A content (SHA-256) is recorded once per path: giving
/// `record` a content already recorded at that path changes nothing and
/// returns the stored version with `isNew == false`. `hasSeen` lets the
/// pipeline skip such a file before reading it. (A consequence: putting an
/// older content back at a path does not revive it; the file has to change.)
///
/// **Supersession.** A version supersedes, for each period P it covers,
/// every earlier accepted version of the same submitter (region +
/// department, whatever their file names) that still counts for P.
/// "Earlier" is the order the ledger recorded them in, so within one run
/// the pipeline should record a submitter's files oldest modification first.
/// Supersession is per period: a later file for 2025-03 withdraws an
/// earlier file's 2025-03 figures, all of them, including indicators the
/// later file leaves out (the latest report for a month is the report),
/// and leaves that file's other months counted. A version becomes
/// `superseded` once none of its periods counts any more; it stays in the
/// history with its observations and issues. A rejected version supersedes
/// nothing: the last accepted report keeps counting. The same content
/// dropped under a second file name by the same submitter supersedes the
/// first copy, so it is never counted twice either.
extension LedgerTransaction {
    /// Records one file version: the version, its periods, issues and (if
    /// accepted) observations, the supersession of earlier versions, and the
    /// file's state for the inbox fast path. All or nothing: if anything
    /// fails, nothing of this version is written and the transaction it is
    /// part of goes on without it.
    public func record(_ new: NewVersion, observations: some Collection<ObservationRecord>, issues: [Issue]) throws
        -> RecordOutcome
    {
        var outcome: RecordOutcome?
        try db.inSavepoint {
            outcome = try recordWhole(new, observations: observations, issues: issues)
            return .commit
        }
        return outcome!
    }

    private func recordWhole(_ new: NewVersion, observations: some Collection<ObservationRecord>, issues: [Issue])
        throws
        -> RecordOutcome
    {
        let submissionId = try Self.submissionId(for: new, in: db)
        try FileState(path: new.path, size: new.size, modified: new.modified, sha256: new.sha256).save(in: db)
        if let stored = try VersionRecord.fetchAll(
            db, where: "v.submissionId = ? AND v.sha256 = ?",
            arguments: [submissionId, new.sha256]
        ).first {
            return RecordOutcome(version: stored, isNew: false, superseded: [])
        }
        let accepted = !issues.rejectsFile
        let periods = Set(new.periods).union(observations.lazy.map(\.period))
        let status: VersionStatus = accepted ? .accepted : .rejected
        // The received time as the ledger keeps it (GRDB's text, to the
        // millisecond), for the record returned as well as for the row.
        let receivedAt = new.receivedAt.databaseValue
        let versionId = try Self.insertVersion(
            new, receivedAt: receivedAt, submissionId: submissionId, status: status, periods: periods, in: db)
        try Self.insert(issues, versionId: versionId, in: db)
        var superseded: [Supersession] = []
        if accepted {
            try Self.insert(observations, versionId: versionId, in: db)
            superseded = try Self.supersede(by: versionId, submitter: new.submitter, periods: periods, in: db)
        }
        // The version as a fetch would read it back, made from what was just
        // written instead of reading it (a run records every file once).
        let stored = VersionRecord(
            id: versionId, submitter: new.submitter, path: new.path, sha256: new.sha256, size: new.size,
            modified: Date(timeIntervalSince1970: new.modified.timeIntervalSince1970),
            receivedAt: Date.fromDatabaseValue(receivedAt)!, runId: new.runId, status: status,
            layoutId: new.layoutId, periods: periods.sorted(), supersededBy: nil, archivePath: new.archivePath)
        return RecordOutcome(version: stored, isNew: true, superseded: superseded)
    }

    // Statements below are cached: a run records thousands of versions, and
    // preparing each statement anew cost more than executing it.

    /// The submission row of the version's path, created on first sight.
    private static func submissionId(for new: NewVersion, in db: Database) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO submission (region, department, path) VALUES (?, ?, ?) ON CONFLICT (path) DO NOTHING
                """
        ).execute(arguments: [new.submitter.region, new.submitter.department, new.path])
        let recorded = try SubmissionRow.fetchOne(
            db.cachedStatement(sql: "SELECT id, region, department FROM submission WHERE path = ?"),
            arguments: [new.path])!
        guard recorded.submitter == new.submitter else {
            throw LedgerError.submitterMismatch(path: new.path, recorded: recorded.submitter, given: new.submitter)
        }
        return recorded.id
    }

    /// A `submission` row: its id and whose path it is.
    private struct SubmissionRow: Decodable, FetchableRecord {
        var id: Int64
        var submitter: Submitter
    }

    /// Inserts the version and the periods it covers; returns its id.
    private static func insertVersion(
        _ new: NewVersion, receivedAt: DatabaseValue, submissionId: Int64, status: VersionStatus,
        periods: Set<Period>, in db: Database
    ) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO version (submissionId, sha256, size, modified, receivedAt, runId, status, layoutId, archivePath)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            submissionId, new.sha256, new.size, new.modified.timeIntervalSince1970,
            receivedAt, new.runId, status, new.layoutId, new.archivePath,
        ])
        let versionId = db.lastInsertedRowID
        let insertPeriod = try db.cachedStatement(sql: "INSERT INTO version_period (versionId, period) VALUES (?, ?)")
        for period in periods {
            try insertPeriod.execute(arguments: [versionId, period])
        }
        return versionId
    }

    private static func insert(_ issues: [Issue], versionId: Int64, in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO issue
                    (versionId, code, severity, sheet, cell, rowNumber, columnNumber, messageZh, messageEn, confirmation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for issue in issues {
            let place = issue.location
            try statement.execute(arguments: [
                versionId, issue.code, issue.severity, place.sheet, place.cell,
                place.row, place.column, issue.messageZh, issue.messageEn, issue.confirmation,
            ])
        }
    }

    private static func insert(_ observations: some Collection<ObservationRecord>, versionId: Int64, in db: Database)
        throws
    {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO observation (versionId, region, indicator, period, value, writtenValue, writtenUnit, sheet, cell)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for observation in observations {
            try statement.execute(arguments: [
                versionId, observation.region, observation.indicator, observation.period,
                observation.value, observation.writtenValue, observation.writtenUnit,
                observation.sheet, observation.cell,
            ])
        }
    }

    /// Withdraws, for each of `periods`, the earlier accepted versions of
    /// `submitter` still counting for it; marks a version `superseded` once
    /// none of its periods counts.
    private static func supersede(
        by versionId: Int64, submitter: Submitter, periods: Set<Period>,
        in db: Database
    ) throws -> [Supersession] {
        guard !periods.isEmpty else { return [] }
        // CROSS JOIN fixes SQLite's join order: from the submitter's few
        // files, not from every submitter's versions of the period.
        let withdrawn = try Supersession.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT cp.versionId, cp.period, s.path
                    FROM submission s
                    CROSS JOIN counted_period cp ON cp.submissionId = s.id
                    WHERE s.region = ? AND s.department = ?
                      AND cp.versionId < ? AND cp.period IN (\(databaseQuestionMarks(count: periods.count)))
                    ORDER BY cp.versionId, cp.period
                    """),
            arguments: [submitter.region, submitter.department, versionId] + StatementArguments(periods.sorted()))
        let withdraw = try db.cachedStatement(
            sql: """
                UPDATE version_period SET supersededBy = ? WHERE versionId = ? AND period = ?
                """)
        for item in withdrawn {
            try withdraw.execute(arguments: [versionId, item.versionId, item.period])
        }
        for older in Set(withdrawn.map(\.versionId)) {
            try db.cachedStatement(
                sql: """
                    UPDATE version SET status = 'superseded', supersededBy = ?
                    WHERE id = ? AND NOT EXISTS (SELECT 1 FROM counted_period WHERE versionId = ?)
                    """
            ).execute(arguments: [versionId, older, older])
        }
        return withdrawn
    }
}

extension LedgerReader {
    /// The version already recorded with this content for this submitter:
    /// the one at `path` if there is one, else one at another of the
    /// submitter's paths (its `path` says which), else nil.
    public func hasSeen(sha256: String, path: String, submitter: Submitter) throws -> VersionRecord? {
        let versions = try versions(sha256: sha256, submitter: submitter)
        return versions.first { $0.path == path } ?? versions.first
    }

    /// The submitter's versions with this content, oldest first.
    public func versions(sha256: String, submitter: Submitter) throws -> [VersionRecord] {
        try VersionRecord.fetchAll(
            db, where: "v.sha256 = ? AND s.region = ? AND s.department = ?",
            arguments: [sha256, submitter.region, submitter.department])
    }

    /// The id and path of each of the submitter's versions with this content
    /// up to `versionId`, oldest first: what a receipt asks to find the file
    /// a version copies, without reading each version whole (its periods
    /// as one text, which a 100-month file made most of the query).
    public func versionPaths(sha256: String, submitter: Submitter, through versionId: Int64) throws
        -> [(id: Int64, path: String)]
    {
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT v.id, s.path FROM version v JOIN submission s ON s.id = v.submissionId
                    WHERE v.sha256 = ? AND s.region = ? AND s.department = ? AND v.id <= ?
                    ORDER BY v.id
                    """), arguments: [sha256, submitter.region, submitter.department, versionId])
        var versions: [(id: Int64, path: String)] = []
        while let row = try rows.next() { versions.append((try row.decode(atIndex: 0), try row.decode(atIndex: 1))) }
        return versions
    }
}
