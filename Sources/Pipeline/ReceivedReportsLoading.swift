import Ledger
import Rollup

extension ReceivedReports {
    /// What the ledger received for `periods` (nil: all), with the rejected
    /// files it knows no period of and the first error of each rejected
    /// version: the input of a completeness grid (status, roll-up).
    static func load(from ledger: LedgerReader, periods: ClosedRange<Period>? = nil) throws -> ReceivedReports {
        var received = ReceivedReports(
            statuses: try ledger.reportStatuses(periods: periods),
            unplaced: try ledger.unplacedRejections())
        for id in received.rejectedVersionIds where received.reasons[id] == nil {
            received.reasons[id] = try ledger.issues(versionId: id).first { $0.severity == .error }
        }
        return received
    }
}
