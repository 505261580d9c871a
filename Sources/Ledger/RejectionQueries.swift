import Foundation
import GRDB
import Vocabulary

/// A rejected file version still the latest content at its path.
public struct RejectedFile: Hashable, Sendable, Codable {
    public var submitter: Submitter
    /// Path under `Inbox/`.
    public var path: String
    public var versionId: Int64
    public var receivedAt: Date
}

/// A rejected file still waiting for its correction, with its first error.
public struct UncorrectedRejection: Hashable, Sendable, Codable {
    public var file: RejectedFile
    public var firstError: Issue?
}

extension LedgerReader {
    /// The rejected files the ledger knows no period of: intake could not
    /// read them (corrupt, an unsupported format such as `.xls`) or found no
    /// month in them. Completeness places them by name or arrival, so that
    /// the department shows as 退回, not as having sent nothing. Only the
    /// latest content at each path counts (a file overwritten since is judged
    /// by its new content). Ordered by region, department and path.
    public func unplacedRejections() throws -> [RejectedFile] {
        try latestRejected(
            where: "NOT EXISTS (SELECT 1 FROM version_period vp WHERE vp.versionId = v.id)",
            orderBy: "s.region, s.department, s.path")
    }

    /// The rejected files nobody has corrected yet: each path whose latest
    /// version was rejected, unless a later accepted version of the same
    /// submitter covers one of its months (a corrected file may have another
    /// name: `2026-Q2-更正.csv`) or, for a file without months, any later
    /// accepted version of the submitter does. Ordered by path, each with its
    /// first error in intake's order. `paths`: only those among these paths
    /// (a round of uploads asks of its own files, not of the province's).
    ///
    /// One query for all: a quiet night names every uncorrected file of a
    /// province, 13,637 of its 90,600. The accepted versions of each
    /// submitter and month are listed once, for all of them (`covered`), not
    /// by going through each rejected file's submitter's versions (0.71 → 0.34 s
    /// in sqlite3 on that ledger); unsorted, as the question is whether any
    /// is later, not which is last (a GROUP BY for the latest cost its own
    /// sort: 0.30–0.38 → 0.23 s). The first error comes in the same row,
    /// not in a query per file. For a few paths it is the other way round:
    /// `covered` reads every version of the ledger, which each round of
    /// uploads paid again (its cost grew with the ledger), while going
    /// through the submitter's later versions reads a few rows.
    public func uncorrectedRejections(among paths: [String]? = nil) throws -> [UncorrectedRejection] {
        let sql: String
        var arguments = StatementArguments()
        if let paths {
            arguments = [try jsonArgument(paths)]
            sql = """
                WITH uncorrected AS (
                    \(Self.latestRejected)
                      AND s.path IN (SELECT value FROM json_each(?))
                      AND NOT EXISTS (
                          SELECT 1 FROM submission ls CROSS JOIN version later ON later.submissionId = ls.id
                          WHERE ls.region = s.region AND ls.department = s.department
                            AND later.id > v.id AND later.status != 'rejected'
                            AND (NOT EXISTS (SELECT 1 FROM version_period WHERE versionId = v.id)
                                 OR EXISTS (
                                     SELECT 1 FROM version_period mine JOIN version_period theirs
                                       ON theirs.versionId = later.id AND theirs.period = mine.period
                                     WHERE mine.versionId = v.id)))
                )
                """
        } else {
            sql = """
                WITH covered AS MATERIALIZED (
                    SELECT s.region, s.department, vp.period, v.id AS versionId
                    FROM version v JOIN submission s ON s.id = v.submissionId
                    JOIN version_period vp ON vp.versionId = v.id
                    WHERE v.status != 'rejected'
                ), uncorrected AS (
                    \(Self.latestRejected)
                      AND CASE WHEN EXISTS (SELECT 1 FROM version_period WHERE versionId = v.id)
                          THEN NOT EXISTS (
                              SELECT 1 FROM version_period mine JOIN covered c
                                ON c.region = s.region AND c.department = s.department AND c.period = mine.period
                              WHERE mine.versionId = v.id AND c.versionId > v.id)
                          ELSE NOT EXISTS (
                              SELECT 1 FROM version later JOIN submission ls ON ls.id = later.submissionId
                              WHERE ls.region = s.region AND ls.department = s.department AND later.id > v.id
                                AND later.status != 'rejected')
                          END
                )
                """
        }
        return try Row.fetchAll(
            db,
            sql: sql + """

                SELECT u.*, \(Self.issueColumns(of: "i"))
                FROM uncorrected u
                LEFT JOIN issue i ON i.id = (
                    SELECT id FROM issue WHERE versionId = u.id AND severity = 'error' ORDER BY id LIMIT 1)
                ORDER BY u.path
                """, arguments: arguments
        ).map { row in
            // The file's five columns, then its first error's (all null when it has none).
            UncorrectedRejection(
                file: try Self.rejectedFile(row),
                firstError: row.hasNull(atIndex: 5) ? nil : try Self.issue(row, from: 5))
        }
    }

    /// The rejected versions that are the latest at their path and meet `condition`.
    private func latestRejected(where condition: String, orderBy order: String) throws
        -> [RejectedFile]
    {
        try Row.fetchAll(db, sql: "\(Self.latestRejected) AND \(condition) ORDER BY \(order)").map(Self.rejectedFile)
    }

    /// The rejected versions that are the latest at their path, as `v` of
    /// `submission s`, for a condition to follow (`AND …`).
    private static let latestRejected = """
        SELECT s.region, s.department, s.path, v.id, v.receivedAt
        FROM version v JOIN submission s ON s.id = v.submissionId
        WHERE v.status = 'rejected'
          AND v.id = (SELECT MAX(id) FROM version WHERE submissionId = s.id)
        """

    /// The file in `latestRejected`'s five columns, by position (see `issue(_:from:)`).
    private static func rejectedFile(_ row: Row) throws -> RejectedFile {
        RejectedFile(
            submitter: Submitter(region: try row.decode(atIndex: 0), department: try row.decode(atIndex: 1)),
            path: try row.decode(atIndex: 2), versionId: try row.decode(atIndex: 3),
            receivedAt: try row.decode(atIndex: 4))
    }
}
