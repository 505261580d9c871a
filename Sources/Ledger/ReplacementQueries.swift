import Foundation
import GRDB
import Vocabulary

/// One month of an older version that a newer accepted version of the
/// same submitter replaced: what a correction's receipt, and the receipt of
/// the file it corrected, say.
public struct Replacement: Hashable, Sendable, Codable {
    public var period: Period
    public var olderVersionId: Int64
    /// Path under `Inbox/`.
    public var olderPath: String
    public var olderReceivedAt: Date
    public var newerVersionId: Int64
    public var newerPath: String
    public var newerReceivedAt: Date
}

extension LedgerReader {
    /// The months earlier versions lost to `versionId`, by period and older version.
    public func replaced(by versionId: Int64) throws -> [Replacement] {
        try replacements(where: "vp.supersededBy = ?", versionId)
    }

    /// The months of `versionId` that later versions replaced, by period.
    public func replacements(of versionId: Int64) throws -> [Replacement] {
        try replacements(where: "vp.versionId = ? AND vp.supersededBy IS NOT NULL", versionId)
    }

    private func replacements(where condition: String, _ versionId: Int64) throws -> [Replacement] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT vp.period, vp.versionId AS olderId, os.path AS olderPath, ov.receivedAt AS olderReceivedAt,
                           nv.id AS newerId, ns.path AS newerPath, nv.receivedAt AS newerReceivedAt
                    FROM version_period vp
                    JOIN version ov ON ov.id = vp.versionId JOIN submission os ON os.id = ov.submissionId
                    JOIN version nv ON nv.id = vp.supersededBy JOIN submission ns ON ns.id = nv.submissionId
                    WHERE \(condition)
                    ORDER BY vp.period, vp.versionId
                    """), arguments: [versionId]
        ).map { row in
            Replacement(
                period: try row.decode(forColumn: "period"), olderVersionId: try row.decode(forColumn: "olderId"),
                olderPath: try row.decode(forColumn: "olderPath"),
                olderReceivedAt: try row.decode(forColumn: "olderReceivedAt"),
                newerVersionId: try row.decode(forColumn: "newerId"),
                newerPath: try row.decode(forColumn: "newerPath"),
                newerReceivedAt: try row.decode(forColumn: "newerReceivedAt"))
        }
    }
}
