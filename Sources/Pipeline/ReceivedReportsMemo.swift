import Foundation
import Ledger
import Rollup
import Vocabulary

/// The reports a range of months received (`ReceivedReports.load`), kept
/// with the ledger state they were read at, its newest version: they change
/// only when a file version is recorded. A province's 报送情况 read 27,000
/// statuses and the first error of every rejected one, about a second, at
/// each request; now only the first request after a change reads them.
final class ReceivedReportsMemo: @unchecked Sendable {
    /// Ranges kept: the status page's month and the few before it people look at.
    private let capacity = 4
    private let lock = NSLock()
    // Guarded by `lock`:
    private var kept: [ClosedRange<Period>: (state: Int64, reports: ReceivedReports)] = [:]

    /// The reports of `periods` as `ledger` holds them, read again only when
    /// a version was recorded since they were kept.
    func reports(of periods: ClosedRange<Period>, in ledger: LedgerReader) throws -> ReceivedReports {
        let state = try ledger.newestVersionId()
        if let known = lock.withLock({ kept[periods] }), known.state == state { return known.reports }
        let reports = try ReceivedReports.load(from: ledger, periods: periods)
        lock.withLock {
            if kept[periods] == nil, kept.count >= capacity { kept.removeAll() }
            kept[periods] = (state, reports)
        }
        return reports
    }
}
