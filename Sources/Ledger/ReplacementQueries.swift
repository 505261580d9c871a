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

    /// By position, as `issue(_:from:)`: every receipt of a correction reads
    /// a row a month, and by name each column was looked up lowercased.
    private func replacements(where condition: String, _ versionId: Int64) throws -> [Replacement] {
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT vp.period, vp.versionId, os.path, ov.receivedAt, nv.id, ns.path, nv.receivedAt
                    FROM version_period vp
                    JOIN version ov ON ov.id = vp.versionId JOIN submission os ON os.id = ov.submissionId
                    JOIN version nv ON nv.id = vp.supersededBy JOIN submission ns ON ns.id = nv.submissionId
                    WHERE \(condition)
                    ORDER BY vp.period, vp.versionId
                    """), arguments: [versionId])
        var replacements: [Replacement] = []
        while let row = try rows.next() {
            replacements.append(
                Replacement(
                    period: try row.decode(atIndex: 0), olderVersionId: try row.decode(atIndex: 1),
                    olderPath: try row.decode(atIndex: 2), olderReceivedAt: try row.decode(atIndex: 3),
                    newerVersionId: try row.decode(atIndex: 4), newerPath: try row.decode(atIndex: 5),
                    newerReceivedAt: try row.decode(atIndex: 6)))
        }
        return replacements
    }
}
