import Foundation
import Pipeline
import Reports

/// `GET /api/history`: one page of the submissions the account sees,
/// newest first, and how to ask for the next (`next`, nil on the last page).
struct HistoryDocument: Encodable {
    /// Version of this document's shape; a golden file in the tests pins it.
    static let currentVersion = 1

    var schemaVersion = currentVersion
    var submissions: [HistoryLine]
    /// Older submissions are left: `next` is the path and query that asks for them.
    var more: Bool
    var next: String?

    init(_ entries: [SubmissionHistory.Entry], more: Bool, filter: SubmissionHistory.Filter) {
        submissions = entries.map(HistoryLine.init)
        self.more = more
        next = HistoryView.olderQuery(entries, more: more, filter: filter).map { "/api/history?" + $0 }
    }
}

/// One submission of `HistoryDocument`: the version and its receipt's outcome.
struct HistoryLine: Encodable {
    var versionId: Int64
    var path: String
    var fileName: String
    var region: String
    var department: String
    var sha256: String
    var receivedAt: Date
    /// `accepted`, `rejected`, `superseded` (as the ledger has it now).
    var status: String
    /// The receipt's outcome: `accepted`, `rejected`, `duplicate`; nil while not written.
    var outcome: String?
    var periods: [String]
    var errors: Int?
    var warnings: Int?

    init(entry: SubmissionHistory.Entry) {
        let version = entry.version
        versionId = version.id
        path = version.path
        fileName = InboxFile.fileName(of: version.path)
        region = version.submitter.region
        department = version.submitter.department
        sha256 = version.sha256
        receivedAt = version.receivedAt
        status = version.status.rawValue
        outcome = entry.receipt?.outcome.rawValue
        periods = version.periods.map(\.description)
        errors = entry.receipt?.errorCount
        warnings = entry.receipt?.warningCount
    }
}

/// `GET /api/rollups`: the roll-up workbooks the account may download,
/// newest period first, each with the path that downloads it.
struct RollupsDocument: Encodable {
    static let currentVersion = 1

    var schemaVersion = currentVersion
    var rollups: [Line]

    struct Line: Encodable {
        var period: String
        var region: String
        var regionName: String
        var fileName: String
        var size: Int64
        /// `/rollups/download?period=&region=`: the server's own paths are not the client's business.
        var download: String
    }

    init(_ workbooks: [RollupDownloads.Workbook], regionName: (String) -> String) {
        rollups = workbooks.map {
            Line(
                period: $0.period, region: $0.region, regionName: regionName($0.region), fileName: $0.fileName,
                size: $0.size, download: "/rollups/download?period=\($0.period)&region=\($0.region)")
        }
    }
}
