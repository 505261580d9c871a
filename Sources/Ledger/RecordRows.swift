import Catalog
import Foundation
import GRDB
import Vocabulary

// How the ledger's records are read from rows: GRDB's Codable decoding,
// each stored property from the column of its name, which the queries
// give by aliases where the tables say otherwise. A nested record (a
// report's `submitter`, a run's `counts`) is read from the same row. The
// records a run reads at every file or figure are decoded by hand instead,
// where Codable measured slower: a version (below), an issue and a file's
// observations (`LedgerReader.issue(_:from:)`, `observations(versionId:)`).

extension Supersession: FetchableRecord {}
extension FileState: FetchableRecord {}
extension RunRecord: FetchableRecord {}
extension ReportStatus: FetchableRecord {}
extension LedgerCounts: FetchableRecord {}

extension VersionRecord: FetchableRecord {
    /// By hand, not by Codable, from the columns `fetchAll(_:where:arguments:)`
    /// gives, by position: a run reads a version about twice for each file it
    /// records, and its periods come as one `group_concat` text. Codable would
    /// need them as a JSON array, which made a fetch about 80 µs instead of
    /// 55 µs (release build); by name, each column was looked up lowercased.
    public init(row: Row) throws {
        let periods: String? = try row.decode(atIndex: 11)
        self.init(
            id: try row.decode(atIndex: 0),
            submitter: Submitter(region: try row.decode(atIndex: 1), department: try row.decode(atIndex: 2)),
            path: try row.decode(atIndex: 3), sha256: try row.decode(atIndex: 4), size: try row.decode(atIndex: 5),
            modified: Date(timeIntervalSince1970: try row.decode(atIndex: 6)),
            receivedAt: try row.decode(atIndex: 7), runId: try row.decode(atIndex: 8),
            status: try row.decode(atIndex: 9), layoutId: try row.decode(atIndex: 10),
            periods: (periods ?? "").split(separator: ",").compactMap { Period($0) }.sorted(),
            supersededBy: try row.decode(atIndex: 12), archivePath: try row.decode(atIndex: 13))
    }
}
