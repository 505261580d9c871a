import Catalog
import Foundation
import Ledger
import Reports
import Rollup
import Vocabulary

/// Who has reported for a month, as far as an account may see: the status
/// report (`StatusReport`, the public document `huanxin status --json`
/// prints) of the account's cities, each grid cut to the submitters it may
/// see. Like `StatusQuery`, with the portal's catalog and ledger kept open.
public struct ReportingStatusQuery: Sendable {
    public let catalog: Catalog
    let ledger: LedgerDatabase

    public init(catalog: Catalog, ledger: LedgerDatabase) {
        self.catalog = catalog
        self.ledger = ledger
    }

    /// The report for `period` (default: the latest month already due), as
    /// `StatusQuery` makes it (the chase list looks back as far), every cell
    /// and chase entry cut to the submitters the account may see.
    public func status(for scope: AccessScope, period: Period? = nil, calendar: ProgrammeCalendar) throws
        -> StatusReport
    {
        let completeness = Completeness(catalog: catalog)
        let chosen = period ?? completeness.latestDuePeriod(now: calendar.now)
        let months = (0...StatusQuery.chaseLookback).reversed().map { chosen.advanced(by: -$0) }
        var received = try ledger.read { try ReceivedReports.load(from: $0, periods: months.first!...chosen) }
        received.statuses = received.statuses.filter { scope.maySee($0.submitter) }
        received.unplaced = received.unplaced.filter { scope.maySee($0.submitter) }
        let due = completeness.dueText(chosen)
        let cities = scope.cities.compactMap { code -> StatusReport.City? in
            let grid = completeness.grid(city: code, periods: months, received: received, now: calendar.now)
                .filter { scope.maySee(Submitter(region: $0.region, department: $0.department)) }
            let cells = grid.filter { $0.period == chosen }
            return cells.isEmpty
                ? nil
                : StatusReport.City(
                    code: code, name: catalog.region(code: code)?.name ?? code, due: due, cells: cells,
                    chase: ChaseList.entries(grid: grid, periods: months))
        }
        return StatusReport(period: chosen, asOf: calendar.now, cities: cities)
    }
}
