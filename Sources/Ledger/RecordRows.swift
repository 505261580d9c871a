import Catalog
import GRDB
import Vocabulary

// How the ledger's records are read from rows: GRDB's Codable decoding,
// each stored property from the column of its name, which the queries
// give by aliases where the tables say otherwise. A nested record (a
// version's or report's `submitter`, a run's `counts`, an issue's
// `location`) is read from the same row, or from a scope the query names
// (`currentObservations`).

extension ObservationRecord: FetchableRecord {}
extension Issue: FetchableRecord {}
extension VersionRecord: FetchableRecord {}
extension Supersession: FetchableRecord {}
extension FileState: FetchableRecord {}
extension RunRecord: FetchableRecord {}
extension SourcedObservation: FetchableRecord {}
extension ReportStatus: FetchableRecord {}
extension LedgerCounts: FetchableRecord {}
