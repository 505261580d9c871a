import Foundation
import GRDB
import Vocabulary

/// A rejected file the ledger knows no period of: intake could not read it
/// (corrupt, an unsupported format such as `.xls`) or found no month in it.
/// Completeness places it by its name or the month it arrived, so that the
/// department shows as 退回, not as having sent nothing.
public struct UnplacedRejection: Hashable, Sendable, Codable {
    public var submitter: Submitter
    /// Path under `Inbox/`.
    public var path: String
    public var versionId: Int64
    public var receivedAt: Date
}

extension LedgerReader {
    /// The rejected versions without periods that are still the latest
    /// content at their path (a file overwritten since is judged by its new
    /// content), ordered by region, department and path.
    public func unplacedRejections() throws -> [UnplacedRejection] {
        try Row.fetchAll(db, sql: """
                SELECT s.region, s.department, s.path, v.id, v.receivedAt
                FROM version v JOIN submission s ON s.id = v.submissionId
                WHERE v.status = 'rejected'
                  AND NOT EXISTS (SELECT 1 FROM version_period vp WHERE vp.versionId = v.id)
                  AND v.id = (SELECT MAX(id) FROM version WHERE submissionId = v.submissionId)
                ORDER BY s.region, s.department, s.path
                """).map { row in
                UnplacedRejection(
                    submitter: Submitter(region: try row.decode(forColumn: "region"),
                                         department: try row.decode(forColumn: "department")),
                    path: try row.decode(forColumn: "path"), versionId: try row.decode(forColumn: "id"),
                    receivedAt: try row.decode(forColumn: "receivedAt"))
            }
    }
}
