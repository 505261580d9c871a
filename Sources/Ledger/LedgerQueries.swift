import Catalog
import Foundation
import GRDB
import Vocabulary

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
    /// `submission s`, oldest first, each with its periods, in the columns
    /// `init(row:)` reads by position.
    static func fetchAll(_ db: Database, where condition: String, arguments: StatementArguments) throws
        -> [VersionRecord]
    {
        try fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT v.id, s.region, s.department, s.path, v.sha256, v.size, v.modified, v.receivedAt,
                           v.runId, v.status, v.layoutId,
                           (SELECT group_concat(period) FROM version_period WHERE versionId = v.id),
                           v.supersededBy, v.archivePath
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
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT \(Self.issueColumns()) FROM issue WHERE versionId = ? ORDER BY id"),
            arguments: [versionId])
        var issues: [Issue] = []
        while let row = try rows.next() { issues.append(try Self.issue(row, from: 0)) }
        return issues
    }

    /// An `Issue`'s columns of `table` (an alias of `issue`), in the order `issue(_:from:)` reads them.
    static func issueColumns(of table: String = "issue") -> String {
        ["code", "severity", "sheet", "cell", "rowNumber", "columnNumber", "messageZh", "messageEn", "confirmation"]
            .map { "\(table).\($0)" }.joined(separator: ", ")
    }

    /// The issue in `issueColumns`' columns from the row's column `first` on.
    /// By position, not by Codable: that looked each column up by its name,
    /// lowercasing it, and a quiet night reads the first error of each of a
    /// province's 13,637 uncorrected files (a third of their query's time).
    static func issue(_ row: Row, from first: Int) throws -> Issue {
        Issue(
            code: try row.decode(atIndex: first), severity: try row.decode(atIndex: first + 1),
            location: IssueLocation(
                sheet: try row.decode(atIndex: first + 2), a1: try row.decode(atIndex: first + 3),
                row: try row.decode(atIndex: first + 4), column: try row.decode(atIndex: first + 5)),
            zh: try row.decode(atIndex: first + 6), en: try row.decode(atIndex: first + 7),
            confirmation: try row.decode(atIndex: first + 8))
    }

    /// The observations a version brought, counted now or not (superseded
    /// versions keep theirs), in the order they were recorded.
    public func observations(versionId: Int64) throws -> [ObservationRecord] {
        // By position, as `issue(_:from:)`: every receipt reads its file's figures.
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT region, indicator, period, value, writtenValue, writtenUnit, sheet, cell
                    FROM observation WHERE versionId = ? ORDER BY id
                    """), arguments: [versionId])
        var observations: [ObservationRecord] = []
        while let row = try rows.next() {
            observations.append(
                ObservationRecord(
                    region: try row.decode(atIndex: 0), indicator: try row.decode(atIndex: 1),
                    period: try row.decode(atIndex: 2), value: try row.decode(atIndex: 3),
                    writtenValue: try row.decode(atIndex: 4), writtenUnit: try row.decode(atIndex: 5),
                    sheet: try row.decode(atIndex: 6), cell: try row.decode(atIndex: 7)))
        }
        return observations
    }

    /// How many observations a version brought (what its receipt counts).
    public func observationCount(versionId: Int64) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM observation WHERE versionId = ?"),
            arguments: [versionId]) ?? 0
    }

    /// The figures of `region` counted now for each of `indicators` that has
    /// any, oldest month first: what intake's cross-period checks compare a
    /// file's figures with. One figure a month, chosen as `eachCountedReport`
    /// chooses it for the roll-up: when two versions count the same month (two
    /// submitters), the one recorded last, so that a figure is checked against
    /// the history the roll-up shows.
    ///
    /// One query for all of a file's indicators, read in the index's order,
    /// each month's figure chosen here: a query per indicator that ranked its
    /// months in SQL (a window) cost twice the CPU on a province's ledger.
    /// That query reads every version's figure of each month; when the
    /// region's months have been corrected again and again (a department
    /// uploading its file anew through the portal), it reads one a month
    /// instead (`countedSeriesByMonth`), as it costs more where a month has
    /// a figure or two: 44 ms against 1 ms for 100 months of 340 versions,
    /// 0.45 against 1.1 ms for a night's shallow history.
    public func countedSeries(region: String, indicators: Set<String>) throws
        -> [String: [(period: Period, value: Double)]]
    {
        guard !indicators.isEmpty else { return [:] }
        let codes = try jsonArgument(indicators.sorted())
        let deep = try Bool.fetchOne(db.cachedStatement(sql: Self.isDeepHistory), arguments: [region, codes])!
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: deep ? Self.countedSeriesByMonth : Self.countedSeriesByFigure),
            arguments: [region, codes])
        var series: [String: [(period: Period, value: Double)]] = [:]
        // The figure kept for the month read last: its version decides against the next.
        var kept: (indicator: String, period: Period, versionId: Int64)?
        while let row = try rows.next() {
            let indicator: String = row[0]
            let period: Period = row[1]
            let value: Double = row[2]
            let versionId: Int64 = row[3]
            if let last = kept, last.indicator == indicator, last.period == period {
                guard versionId > last.versionId else { continue }
                series[indicator]![series[indicator]!.count - 1].value = value
            } else {
                series[indicator, default: []].append((period, value))
            }
            kept = (indicator, period, versionId)
        }
        return series
    }

    /// Every counted figure of the region's indicators (`?2`, a JSON array),
    /// in the index's order: every version's figure of a month is read.
    static let countedSeriesByFigure = """
        SELECT indicator, period, value, versionId FROM counted_observation
        WHERE region = ?1 AND indicator IN (SELECT value FROM json_each(?2))
        ORDER BY indicator, period
        """

    /// The counted figure recorded last of each month, found by walking the
    /// index back from the latest month: each step reads the newest figures
    /// of the month before first, and stops at the first counted one
    /// (observations are recorded in the order of their versions, so the
    /// higher id is the version recorded later).
    static let countedSeriesByMonth = """
        WITH RECURSIVE figure(indicator, id, period) AS (
            SELECT w.value, o.id, o.period FROM json_each(?2) w JOIN observation o ON o.id = (
                SELECT c.id FROM observation c JOIN version v ON v.id = c.versionId
                JOIN version_period vp ON vp.versionId = c.versionId AND vp.period = c.period
                WHERE c.region = ?1 AND c.indicator = w.value AND v.status = 'accepted' AND vp.supersededBy IS NULL
                ORDER BY c.period DESC, c.id DESC LIMIT 1)
            UNION ALL
            SELECT f.indicator, o.id, o.period FROM figure f JOIN observation o ON o.id = (
                SELECT c.id FROM observation c JOIN version v ON v.id = c.versionId
                JOIN version_period vp ON vp.versionId = c.versionId AND vp.period = c.period
                WHERE c.region = ?1 AND c.indicator = f.indicator AND c.period < f.period
                  AND v.status = 'accepted' AND vp.supersededBy IS NULL
                ORDER BY c.period DESC, c.id DESC LIMIT 1))
        SELECT f.indicator, f.period, o.value, o.versionId FROM figure f JOIN observation o ON o.id = f.id
        ORDER BY f.indicator, f.period
        """

    /// Whether the region's first indicator has at least `deepHistory`
    /// figures a month, on average over the months from its first to its
    /// last: two index searches and a count that stops there, so the night's
    /// files, whose months have a version or two, pay almost nothing. The
    /// whole span, not the latest month alone: a department that corrects
    /// its past months again and again while a later month has one version
    /// (a province's nightly files, then uploads of 2017–2025) made the
    /// choice fall on the figure-by-figure query, which read every version
    /// of them, for each upload more (2 → 27 ms a query).
    static let isDeepHistory = """
        WITH first(code) AS (SELECT MIN(value) FROM json_each(?2)),
        bounds(earliest, latest) AS (
            SELECT (SELECT MIN(period) FROM observation WHERE region = ?1 AND indicator = (SELECT code FROM first)),
                   (SELECT MAX(period) FROM observation WHERE region = ?1 AND indicator = (SELECT code FROM first))),
        span(months) AS (
            SELECT COALESCE((CAST(substr(latest, 1, 4) AS INTEGER) - CAST(substr(earliest, 1, 4) AS INTEGER)) * 12
                 + CAST(substr(latest, 6, 2) AS INTEGER) - CAST(substr(earliest, 6, 2) AS INTEGER) + 1, 0)
            FROM bounds)
        SELECT COUNT(*) >= \(deepHistory) * (SELECT months FROM span) AND COUNT(*) > 0 FROM (
            SELECT 1 FROM observation WHERE region = ?1 AND indicator = (SELECT code FROM first)
            LIMIT \(deepHistory) * (SELECT months FROM span))
        """

    /// Figures a month from which the month-by-month walk is the cheaper.
    static let deepHistory = 3
}
