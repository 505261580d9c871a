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
    /// accepted version of the submitter does. Ordered by path.
    public func uncorrectedRejections() throws -> [UncorrectedRejection] {
        try latestRejected(
            where: """
                NOT EXISTS (
                    SELECT 1 FROM version later JOIN submission ls ON ls.id = later.submissionId
                    WHERE ls.region = s.region AND ls.department = s.department AND later.id > v.id
                      AND later.status != 'rejected'
                      AND (NOT EXISTS (SELECT 1 FROM version_period WHERE versionId = v.id)
                           OR EXISTS (SELECT 1 FROM version_period mine JOIN version_period theirs
                                        ON theirs.period = mine.period AND theirs.versionId = later.id
                                      WHERE mine.versionId = v.id)))
                """, orderBy: "s.path"
        ).map { file in
            UncorrectedRejection(file: file, firstError: try firstError(versionId: file.versionId))
        }
    }

    /// The rejected versions that are the latest at their path and meet `condition`.
    private func latestRejected(where condition: String, orderBy order: String) throws
        -> [RejectedFile]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.region, s.department, s.path, v.id, v.receivedAt
                FROM version v JOIN submission s ON s.id = v.submissionId
                WHERE v.status = 'rejected'
                  AND v.id = (SELECT MAX(id) FROM version WHERE submissionId = v.submissionId)
                  AND \(condition)
                ORDER BY \(order)
                """
        ).map { row in
            RejectedFile(
                submitter: Submitter(
                    region: try row.decode(forColumn: "region"),
                    department: try row.decode(forColumn: "department")),
                path: try row.decode(forColumn: "path"), versionId: try row.decode(forColumn: "id"),
                receivedAt: try row.decode(forColumn: "receivedAt"))
        }
    }
}
