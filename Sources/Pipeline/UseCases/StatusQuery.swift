import Catalog
import Foundation
import Ledger
import Reports
import Rollup

/// Who has reported for a month: each city's grid of expected and received
/// reports and who to chase (`huanxin status`, `huanxin chase`, the
/// portal's 报送情况).
public struct StatusQuery: Sendable {
    public let deployment: Deployment
    public let calendar: ProgrammeCalendar

    /// Months before the period looked at for how long a report has been
    /// outstanding ("未报 2026-08 至 2026-10").
    static let chaseLookback = 11

    public init(deployment: Deployment, calendar: ProgrammeCalendar) {
        self.deployment = deployment
        self.calendar = calendar
    }

    /// The report for `period` (default: the latest month already due) of
    /// `city` (a code or a name, 聊城市; default: every city that expects
    /// or received something). A missing ledger is an empty one.
    public func report(period: Period?, city: String?) throws -> StatusReport {
        let catalog = try deployment.loadCatalog()
        let completeness = Completeness(catalog: catalog)
        let chosen = period ?? completeness.latestDuePeriod(now: calendar.now)
        let months = (0...Self.chaseLookback).reversed().map { chosen.advanced(by: -$0) }
        let (received, latestRun) =
            FileManager.default.fileExists(atPath: deployment.ledger)
            ? try LedgerDatabase.open(path: deployment.ledger, access: .readOnly).read {
                (try ReceivedReports.load(from: $0, periods: months.first!...chosen), try $0.latestRun())
            }
            : (ReceivedReports(statuses: []), nil)
        let cities =
            try city.map { [try Self.city(named: $0, in: catalog)] }
            ?? catalog.regions.filter { $0.level == .city }.map(\.code)
        let due = completeness.dueText(chosen)
        return StatusReport(
            period: chosen, asOf: calendar.now,
            cities: cities.compactMap { code in
                let grid = completeness.grid(city: code, periods: months, received: received, now: calendar.now)
                let cells = grid.filter { $0.period == chosen }
                // Only cities that owe or sent something, unless one was asked for.
                guard city != nil || !cells.isEmpty else { return nil }
                return StatusReport.City(
                    code: code, name: catalog.region(code: code)?.name ?? code, due: due, cells: cells,
                    chase: ChaseList.entries(grid: grid, periods: months))
            },
            failedRun: latestRun.flatMap { run in
                run.status == .failed
                    ? StatusReport.FailedRun(id: run.id, startedAt: run.startedAt, failure: run.failure ?? "")
                    : nil
            })
    }

    /// The city code a person's `--city` names: a code or a name (聊城市, 聊城).
    static func city(named text: String, in catalog: Catalog) throws -> String {
        let matches = catalog.regions(named: text)
        guard let region = matches.first else { throw UsageError("未知地区 unknown region: \(text)") }
        guard matches.count == 1 else {
            throw UsageError(
                "“\(text)”有多个地区，请写代码 several regions are named “\(text)”: "
                    + matches.map { "\($0.code) \($0.name)" }.joined(separator: ", "))
        }
        guard region.level == .city else {
            let parent = region.parentCode.flatMap { catalog.region(code: $0) }
            throw UsageError(
                "“\(region.name)”不是市，请写所属市\(parent.map { "（\($0.name) \($0.code)）" } ?? "") "
                    + "\(region.name) \(region.code) is not a city")
        }
        return region.code
    }
}
