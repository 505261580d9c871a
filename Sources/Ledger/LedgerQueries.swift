import Catalog
import Foundation
import GRDB
import Vocabulary

/// Where a counted figure comes from: the file version and its file.
/// The sheet and cell are on the observation itself.
public struct ObservationSource: Hashable, Sendable, Codable {
    public var versionId: Int64
    public var sha256: String
    /// Path under `Inbox/`.
    public var path: String
    public var submitter: Submitter
    public var receivedAt: Date
}

/// A figure counted now, with its source.
public struct SourcedObservation: Hashable, Sendable, Codable {
    public var observation: ObservationRecord
    public var source: ObservationSource
}

/// Where one submitter's report for one period stands, for completeness:
/// the caller decides `late` by comparing `firstAcceptedAt` with its
/// deadline, and `missing` for the submitters and periods absent here.
public struct ReportStatus: Hashable, Sendable, Codable {
    public var submitter: Submitter
    public var period: Period
    /// The latest version naming this period: `accepted` or `rejected`
    /// (a rejected correction leaves the earlier accepted report counting).
    public var latestVersionId: Int64
    public var latestStatus: VersionStatus
    public var latestReceivedAt: Date
    public var latestPath: String
    /// When a version for this period was first accepted; nil if none was.
    public var firstAcceptedAt: Date?
    /// This submitter's observations for this period counted now.
    public var observations: Int
}

/// Row counts, for run summaries and health checks.
public struct LedgerCounts: Hashable, Sendable, Codable {
    public var submissions: Int
    public var versions: Int
    public var accepted: Int
    public var rejected: Int
    public var superseded: Int
    public var issues: Int
    /// All observations stored, superseded ones included.
    public var observations: Int
    /// Observations counted now.
    public var currentObservations: Int
}

extension LedgerReader {
    /// The figures counted now (see `counted_observation`), each with its
    /// source, ordered by indicator, region and period. A nil filter does
    /// not filter.
    public func currentObservations(
        regions: Set<String>? = nil, indicators: Set<String>? = nil,
        periods: ClosedRange<Period>? = nil
    ) throws -> [SourcedObservation] {
        var conditions = ["TRUE"]
        var arguments = StatementArguments()
        if let regions {
            conditions.append("o.region IN (\(databaseQuestionMarks(count: regions.count)))")
            arguments += StatementArguments(regions.sorted())
        }
        if let indicators {
            conditions.append("o.indicator IN (\(databaseQuestionMarks(count: indicators.count)))")
            arguments += StatementArguments(indicators.sorted())
        }
        if let periods {
            conditions.append("o.period BETWEEN ? AND ?")
            arguments += [periods.lowerBound, periods.upperBound]
        }
        return try SourcedObservation.fetchAll(
            db,
            sql: """
                SELECT o.*, s.path, s.region AS submitterRegion, s.department
                FROM counted_observation o
                JOIN submission s ON s.id = o.submissionId
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY o.indicator, o.region, o.period, o.versionId
                """, arguments: arguments)
    }

    /// One status per submitter and period any version named, ordered by
    /// period, region and department.
    public func reportStatuses(periods: ClosedRange<Period>? = nil) throws -> [ReportStatus] {
        let bounds: StatementArguments = periods.map { [$0.lowerBound, $0.upperBound] } ?? ["0000-00", "9999-99"]
        return try ReportStatus.fetchAll(
            db,
            sql: """
                WITH keyed AS (
                    SELECT s.region, s.department, s.path, vp.period, v.id, v.status, v.receivedAt
                    FROM version_period vp
                    JOIN version v ON v.id = vp.versionId
                    JOIN submission s ON s.id = v.submissionId
                    WHERE vp.period BETWEEN ?1 AND ?2
                ), grouped AS (
                    SELECT region, department, period, MAX(id) AS latestId,
                           MIN(CASE WHEN status != 'rejected' THEN receivedAt END) AS firstAcceptedAt
                    FROM keyed GROUP BY region, department, period
                ), counted AS (
                    SELECT s.region, s.department, o.period, COUNT(*) AS observations
                    FROM counted_observation o JOIN submission s ON s.id = o.submissionId
                    WHERE o.period BETWEEN ?1 AND ?2
                    GROUP BY s.region, s.department, o.period
                )
                SELECT g.region, g.department, g.period, g.firstAcceptedAt, g.latestId AS latestVersionId,
                       k.status AS latestStatus, k.receivedAt AS latestReceivedAt, k.path AS latestPath,
                       COALESCE(c.observations, 0) AS observations
                FROM grouped g
                JOIN keyed k ON k.id = g.latestId AND k.period = g.period
                LEFT JOIN counted c ON c.region = g.region AND c.department = g.department AND c.period = g.period
                ORDER BY g.period, g.region, g.department
                """, arguments: bounds)
    }

    /// How many rows of each kind the ledger holds.
    public func counts() throws -> LedgerCounts {
        try LedgerCounts.fetchOne(
            db,
            sql: """
                SELECT (SELECT COUNT(*) FROM submission) AS submissions,
                       (SELECT COUNT(*) FROM version) AS versions,
                       (SELECT COUNT(*) FROM version WHERE status = 'accepted') AS accepted,
                       (SELECT COUNT(*) FROM version WHERE status = 'rejected') AS rejected,
                       (SELECT COUNT(*) FROM version WHERE status = 'superseded') AS superseded,
                       (SELECT COUNT(*) FROM issue) AS issues,
                       (SELECT COUNT(*) FROM observation) AS observations,
                       (SELECT COUNT(*) FROM counted_observation) AS currentObservations
                """)!
    }
}

extension VersionRecord {
    /// The versions matching an SQL condition on `version v` joined with
    /// `submission s`, oldest first, each with its periods.
    static func fetchAll(_ db: Database, where condition: String, arguments: StatementArguments) throws
        -> [VersionRecord]
    {
        try fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT v.*, s.region, s.department, s.path,
                           (SELECT group_concat(period) FROM version_period WHERE versionId = v.id) AS periods
                    FROM version v JOIN submission s ON s.id = v.submissionId
                    WHERE \(condition)
                    ORDER BY v.id
                    """), arguments: arguments)
    }
}

// Statements run once per file version are cached: a run reads them
// thousands of times, and preparing each anew cost more than running it.
extension LedgerReader {
    /// A version by id.
    public func version(id: Int64) throws -> VersionRecord? {
        try VersionRecord.fetchAll(db, where: "v.id = ?", arguments: [id]).first
    }

    /// Every version seen at a path, oldest first: the submission's history.
    public func versions(path: String) throws -> [VersionRecord] {
        try VersionRecord.fetchAll(db, where: "s.path = ?", arguments: [path])
    }

    /// Every archive copy a version names, relative to `Outbox/`.
    public func archivePaths() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT archivePath FROM version WHERE archivePath IS NOT NULL")
    }

    /// The version of this content seen at a path (a path holds each content once).
    public func version(path: String, sha256: String) throws -> VersionRecord? {
        try VersionRecord.fetchAll(db, where: "s.path = ? AND v.sha256 = ?", arguments: [path, sha256]).first
    }

    /// The id of the latest version seen at a path, without reading the others.
    public func latestVersionId(path: String) throws -> Int64? {
        try Int64.fetchOne(
            db.cachedStatement(
                sql: "SELECT MAX(v.id) FROM version v JOIN submission s ON s.id = v.submissionId WHERE s.path = ?"),
            arguments: [path])
    }

    /// The newest version's id, 0 for an empty ledger: every file recorded
    /// raises it, so what is computed from the figures is kept by it (the
    /// portal's targets are recomputed once it has moved).
    public func newestVersionId() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM version") ?? 0
    }

    /// The issues of a version, in the order intake reported them.
    public func issues(versionId: Int64) throws -> [Issue] {
        // The location is read from the same row; `row` and `column` are
        // its names for the table's `rowNumber` and `columnNumber`.
        try Issue.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT code, severity, sheet, cell, rowNumber AS "row", columnNumber AS "column", messageZh, messageEn,
                        confirmation
                    FROM issue WHERE versionId = ? ORDER BY id
                    """), arguments: [versionId])
    }

    /// The observations a version brought, counted now or not (superseded
    /// versions keep theirs), in the order they were recorded.
    public func observations(versionId: Int64) throws -> [ObservationRecord] {
        try ObservationRecord.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM observation WHERE versionId = ? ORDER BY id"),
            arguments: [versionId])
    }

    /// How many observations a version brought (what its receipt counts).
    public func observationCount(versionId: Int64) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM observation WHERE versionId = ?"),
            arguments: [versionId]) ?? 0
    }

    /// The figures of `region` and `indicator` counted now for months before
    /// `period`, the latest `limit` months, oldest first: what intake's
    /// cross-period checks compare a new figure with. One figure a month:
    /// when two versions count the same month (two submitters), the one
    /// received last, and of two received at once the one recorded last.
    public func countedFigures(region: String, indicator: String, before period: Period, limit: Int) throws
        -> [(period: Period, value: Double)]
    {
        guard limit > 0 else { return [] }
        let figures = try CountedFigure.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT period, value FROM (
                        SELECT period, value,
                               ROW_NUMBER() OVER (PARTITION BY period ORDER BY receivedAt DESC, versionId DESC) AS rank
                        FROM counted_observation
                        WHERE region = ? AND indicator = ? AND period < ?
                    )
                    WHERE rank = 1
                    ORDER BY period DESC
                    LIMIT ?
                    """), arguments: [region, indicator, period, limit])
        return figures.reversed().map { ($0.period, $0.value) }
    }
}

/// One month's figure, as `countedFigures` reads it.
private struct CountedFigure: Decodable, FetchableRecord {
    var period: Period
    var value: Double
}
