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

extension LedgerDatabase {
    /// The figures counted now (of accepted versions, in periods no newer
    /// version superseded), each with its source, ordered by indicator,
    /// region and period. A nil filter does not filter.
    public func currentObservations(regions: Set<String>? = nil, indicators: Set<String>? = nil,
                                    periods: ClosedRange<Period>? = nil) throws -> [SourcedObservation] {
        var conditions = ["v.status = 'accepted'", "vp.supersededBy IS NULL"]
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
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.*, v.sha256, v.receivedAt, s.path, s.region AS submitterRegion, s.department
                FROM observation o
                JOIN version_period vp ON vp.versionId = o.versionId AND vp.period = o.period
                JOIN version v ON v.id = o.versionId
                JOIN submission s ON s.id = v.submissionId
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY o.indicator, o.region, o.period, o.versionId
                """, arguments: arguments).map { row in
                SourcedObservation(
                    observation: try ObservationRecord(row: row),
                    source: ObservationSource(
                        versionId: try row.decode(forColumn: "versionId"), sha256: try row.decode(forColumn: "sha256"),
                        path: try row.decode(forColumn: "path"),
                        submitter: Submitter(region: try row.decode(forColumn: "submitterRegion"),
                                             department: try row.decode(forColumn: "department")),
                        receivedAt: try row.decode(forColumn: "receivedAt")))
            }
        }
    }

    /// One status per submitter and period any version named, ordered by
    /// period, region and department.
    public func reportStatuses(periods: ClosedRange<Period>? = nil) throws -> [ReportStatus] {
        let bounds: StatementArguments = periods.map { [$0.lowerBound, $0.upperBound] } ?? ["0000-00", "9999-99"]
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                WITH keyed AS (
                    SELECT s.region, s.department, s.path, vp.period, vp.supersededBy, v.id, v.status, v.receivedAt
                    FROM version_period vp
                    JOIN version v ON v.id = vp.versionId
                    JOIN submission s ON s.id = v.submissionId
                    WHERE vp.period BETWEEN ? AND ?
                ), grouped AS (
                    SELECT region, department, period, MAX(id) AS latestId,
                           MIN(CASE WHEN status != 'rejected' THEN receivedAt END) AS firstAcceptedAt
                    FROM keyed GROUP BY region, department, period
                ), counted AS (
                    SELECT k.region, k.department, k.period, COUNT(*) AS observations
                    FROM keyed k JOIN observation o ON o.versionId = k.id AND o.period = k.period
                    WHERE k.status = 'accepted' AND k.supersededBy IS NULL
                    GROUP BY k.region, k.department, k.period
                )
                SELECT g.region, g.department, g.period, g.firstAcceptedAt, g.latestId,
                       k.status, k.receivedAt, k.path, COALESCE(c.observations, 0) AS observations
                FROM grouped g
                JOIN keyed k ON k.id = g.latestId AND k.period = g.period
                LEFT JOIN counted c ON c.region = g.region AND c.department = g.department AND c.period = g.period
                ORDER BY g.period, g.region, g.department
                """, arguments: bounds).map { row in
                ReportStatus(
                    submitter: Submitter(region: try row.decode(forColumn: "region"),
                                         department: try row.decode(forColumn: "department")),
                    period: try row.decode(forColumn: "period"), latestVersionId: try row.decode(forColumn: "latestId"),
                    latestStatus: try row.decode(forColumn: "status"), latestReceivedAt: try row.decode(forColumn: "receivedAt"),
                    latestPath: try row.decode(forColumn: "path"),
                    firstAcceptedAt: try row.decode(forColumn: "firstAcceptedAt"),
                    observations: try row.decode(forColumn: "observations"))
            }
        }
    }

    /// A version by id.
    public func version(id: Int64) throws -> VersionRecord? {
        try reading { try $0.version(id: id) }
    }

    /// Every version seen at a path, oldest first: the submission's history.
    public func versions(path: String) throws -> [VersionRecord] {
        try reading { try $0.versions(path: path) }
    }

    /// The issues of a version, in the order intake reported them.
    public func issues(versionId: Int64) throws -> [Issue] {
        try reading { try $0.issues(versionId: versionId) }
    }

    /// The observations a version brought, counted now or not (superseded
    /// versions keep theirs), in the order they were recorded.
    public func observations(versionId: Int64) throws -> [ObservationRecord] {
        try reading { try $0.observations(versionId: versionId) }
    }

    /// How many observations a version brought.
    public func observationCount(versionId: Int64) throws -> Int {
        try reading { try $0.observationCount(versionId: versionId) }
    }

    /// The figures of one region and indicator counted now for the months
    /// before `period` (see `LedgerTransaction.countedFigures`).
    public func countedFigures(region: String, indicator: String, before period: Period, limit: Int) throws
        -> [(period: Period, value: Double)]
    {
        try reading { try $0.countedFigures(region: region, indicator: indicator, before: period, limit: limit) }
    }

    /// How many rows of each kind the ledger holds.
    public func counts() throws -> LedgerCounts {
        try pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM submission) AS submissions,
                       (SELECT COUNT(*) FROM version) AS versions,
                       (SELECT COUNT(*) FROM version WHERE status = 'accepted') AS accepted,
                       (SELECT COUNT(*) FROM version WHERE status = 'rejected') AS rejected,
                       (SELECT COUNT(*) FROM version WHERE status = 'superseded') AS superseded,
                       (SELECT COUNT(*) FROM issue) AS issues,
                       (SELECT COUNT(*) FROM observation) AS observations,
                       (SELECT COUNT(*) FROM observation o
                          JOIN version_period vp ON vp.versionId = o.versionId AND vp.period = o.period
                          JOIN version v ON v.id = o.versionId
                          WHERE v.status = 'accepted' AND vp.supersededBy IS NULL) AS currentObservations
                """)!
            return LedgerCounts(
                submissions: try row.decode(forColumn: "submissions"), versions: try row.decode(forColumn: "versions"),
                accepted: try row.decode(forColumn: "accepted"), rejected: try row.decode(forColumn: "rejected"),
                superseded: try row.decode(forColumn: "superseded"), issues: try row.decode(forColumn: "issues"),
                observations: try row.decode(forColumn: "observations"),
                currentObservations: try row.decode(forColumn: "currentObservations"))
        }
    }
}

extension ObservationRecord {
    init(row: Row) throws {
        self.init(region: try row.decode(forColumn: "region"), indicator: try row.decode(forColumn: "indicator"),
                  period: try row.decode(forColumn: "period"), value: try row.decode(forColumn: "value"),
                  writtenValue: try row.decode(forColumn: "writtenValue"),
                  writtenUnit: try row.decode(forColumn: "writtenUnit"),
                  sheet: try row.decode(forColumn: "sheet"), cell: try row.decode(forColumn: "cell"))
    }
}

extension VersionRecord {
    /// The versions matching an SQL condition on `version v` joined with
    /// `submission s`, oldest first, each with its periods.
    static func fetchAll(_ db: Database, where condition: String, arguments: StatementArguments) throws
        -> [VersionRecord]
    {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT v.*, s.region, s.department, s.path,
                   (SELECT group_concat(period) FROM version_period WHERE versionId = v.id) AS periods
            FROM version v JOIN submission s ON s.id = v.submissionId
            WHERE \(condition)
            ORDER BY v.id
            """), arguments: arguments).map { row in
            let periods: String? = try row.decode(forColumn: "periods")
            return VersionRecord(
                id: try row.decode(forColumn: "id"),
                submitter: Submitter(region: try row.decode(forColumn: "region"),
                                     department: try row.decode(forColumn: "department")),
                path: try row.decode(forColumn: "path"), sha256: try row.decode(forColumn: "sha256"),
                size: try row.decode(forColumn: "size"),
                modified: Date(timeIntervalSince1970: try row.decode(forColumn: "modified")),
                receivedAt: try row.decode(forColumn: "receivedAt"), runId: try row.decode(forColumn: "runId"),
                status: try row.decode(forColumn: "status"), layoutId: try row.decode(forColumn: "layoutId"),
                periods: (periods ?? "").split(separator: ",").compactMap { Period($0) }.sorted(),
                supersededBy: try row.decode(forColumn: "supersededBy"),
                archivePath: try row.decode(forColumn: "archivePath"))
        }
    }
}

// Statements run once per file version are cached: a run reads them
// thousands of times, and preparing each anew cost more than running it.
extension LedgerTransaction {
    public func version(id: Int64) throws -> VersionRecord? {
        try VersionRecord.fetchAll(db, where: "v.id = ?", arguments: [id]).first
    }

    public func versions(path: String) throws -> [VersionRecord] {
        try VersionRecord.fetchAll(db, where: "s.path = ?", arguments: [path])
    }

    public func issues(versionId: Int64) throws -> [Issue] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM issue WHERE versionId = ? ORDER BY id"),
                         arguments: [versionId]).map { row in
            Issue(
                code: try row.decode(forColumn: "code"), severity: try row.decode(forColumn: "severity"),
                location: IssueLocation(sheet: try row.decode(forColumn: "sheet"), a1: try row.decode(forColumn: "cell"),
                                        row: try row.decode(forColumn: "rowNumber"),
                                        column: try row.decode(forColumn: "columnNumber")),
                zh: try row.decode(forColumn: "messageZh"), en: try row.decode(forColumn: "messageEn"))
        }
    }

    public func observations(versionId: Int64) throws -> [ObservationRecord] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM observation WHERE versionId = ? ORDER BY id"),
                         arguments: [versionId]).map(ObservationRecord.init(row:))
    }

    /// How many observations a version brought (what its receipt counts).
    public func observationCount(versionId: Int64) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM observation WHERE versionId = ?"),
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
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT period, value FROM (
                SELECT o.period, o.value,
                       ROW_NUMBER() OVER (PARTITION BY o.period ORDER BY v.receivedAt DESC, o.versionId DESC) AS rank
                FROM observation o
                JOIN version_period vp ON vp.versionId = o.versionId AND vp.period = o.period
                JOIN version v ON v.id = o.versionId
                WHERE o.region = ? AND o.indicator = ? AND o.period < ?
                  AND v.status = 'accepted' AND vp.supersededBy IS NULL
            )
            WHERE rank = 1
            ORDER BY period DESC
            LIMIT ?
            """), arguments: [region, indicator, period, limit])
        return try rows.reversed().map { (try $0.decode(forColumn: "period"), try $0.decode(forColumn: "value")) }
    }
}
