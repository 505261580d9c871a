import Catalog
import Foundation
import Ledger
import Reports
import Rollup

/// Who has reported for a month: each city's grid of expected and received
/// reports (`huanxin status`, the portal's 报送情况).
public struct StatusQuery: Sendable {
    public let deployment: Deployment
    public let calendar: ProgrammeCalendar

    public init(deployment: Deployment, calendar: ProgrammeCalendar) {
        self.deployment = deployment
        self.calendar = calendar
    }

    /// The report for `period` (default: the last complete month) of `city`
    /// (default: every city the ledger has reports from, or every city when
    /// it has none). A missing ledger is an empty one: nothing received yet.
    public func report(period: Period?, city: String?) throws -> StatusReport {
        let catalog = try deployment.loadCatalog()
        let chosen = period ?? calendar.lastCompletePeriod
        let statuses = FileManager.default.fileExists(atPath: deployment.ledger)
            ? try LedgerDatabase.open(path: deployment.ledger, access: .readOnly).read { try $0.reportStatuses(periods: chosen...chosen) }
            : []
        let cities: [String]
        if let city {
            guard catalog.region(code: city) != nil else { throw UsageError("未知地区 unknown region: \(city)") }
            cities = [city]
        } else {
            let all = catalog.regions.filter { $0.level == .city }.map(\.code)
            let reporting = all.filter { code in statuses.contains { catalog.isWithin(region: $0.submitter.region, ancestor: code) } }
            cities = reporting.isEmpty ? all : reporting
        }
        let completeness = Completeness(catalog: catalog)
        let due = completeness.lateAfter(chosen).map { ProgrammeCalendar.dayText($0.addingTimeInterval(-1)) }
        return StatusReport(period: chosen, asOf: calendar.now, cities: cities.map { code in
            StatusReport.City(code: code, name: catalog.region(code: code)?.name ?? code, due: due,
                              cells: completeness.grid(city: code, periods: [chosen], statuses: statuses, now: calendar.now))
        })
    }
}
