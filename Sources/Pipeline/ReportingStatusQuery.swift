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

    /// The report for `period` (default: the last complete month).
    public func status(for scope: AccessScope, period: Period? = nil, calendar: ProgrammeCalendar) throws -> StatusReport {
        let completeness = Completeness(catalog: catalog)
        let period = period ?? calendar.lastCompletePeriod
        let statuses = try ledger.read { try $0.reportStatuses(periods: period...period) }.filter { scope.maySee($0.submitter) }
        let due = completeness.lateAfter(period).map { ProgrammeCalendar.dayText($0.addingTimeInterval(-1)) }
        let cities = scope.cities.compactMap { code -> StatusReport.City? in
            let cells = completeness.grid(city: code, periods: [period], statuses: statuses, now: calendar.now)
                .filter { scope.maySee(Submitter(region: $0.region, department: $0.department)) }
            return cells.isEmpty ? nil
                : StatusReport.City(code: code, name: catalog.region(code: code)?.name ?? code, due: due, cells: cells)
        }
        return StatusReport(period: period, asOf: calendar.now, cities: cities)
    }
}

extension StatusReport {
    /// Whom to chase: reports expected and rejected, or missing past the deadline.
    public var chase: [ReportCompleteness] {
        cities.flatMap(\.cells).filter { $0.expected && ($0.state == .rejected || ($0.state == .missing && $0.isDue)) }
    }
}
