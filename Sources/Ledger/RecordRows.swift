import Catalog
import Foundation
import GRDB
import Vocabulary

// How the ledger's records are read from rows: GRDB's Codable decoding,
// each stored property from the column of its name, which the queries
// give by aliases where the tables say otherwise. A nested record (a
// report's `submitter`, a run's `counts`, an issue's `location`) is read
// from the same row. Two records a run reads at every file or figure are
// decoded by hand instead, where Codable measured slower (below).

extension ObservationRecord: FetchableRecord {}
extension Issue: FetchableRecord {}
extension Supersession: FetchableRecord {}
extension FileState: FetchableRecord {}
extension RunRecord: FetchableRecord {}
extension ReportStatus: FetchableRecord {}
extension LedgerCounts: FetchableRecord {}

extension VersionRecord: FetchableRecord {
    /// By hand, not by Codable: a run reads a version about twice for each
    /// file it records, and its periods come as one `group_concat` text.
    /// Codable would need them as a JSON array, which made a fetch about
    /// 80 µs instead of 55 µs (release build).
    public init(row: Row) throws {
        let periods: String? = try row.decode(forColumn: "periods")
        self.init(
            id: try row.decode(forColumn: "id"),
            submitter: Submitter(
                region: try row.decode(forColumn: "region"),
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
