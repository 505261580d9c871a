import Catalog
import Foundation
import Ledger
import Reports
import Rollup
import Vocabulary

/// Who has reported for a month: each city's grid of expected and received
/// reports and who to chase, as far as a scope may see (`huanxin status` and
/// `huanxin chase` the whole deployment's, the portal's 报送情况 an account's).
public struct StatusQuery: Sendable {
    public let catalog: Catalog
    /// Nil: no ledger yet, so nothing received.
    let ledger: LedgerDatabase?
    /// What the ledger received, kept between requests of the portal.
    private let receivedReports = ReceivedReportsMemo()

    /// Months before the period looked at for how long a report has been
    /// outstanding ("未报 2026-08 至 2026-10").
    static let chaseLookback = 11

    /// The months a status or a roll-up of `period` looks at, oldest first:
    /// `period` and the `chaseLookback` before it. What was received in them
    /// (`ReceivedReports.load(from:periods:)`) is all its grid reads.
    static func months(endingAt period: Period) -> [Period] {
        (0...chaseLookback).reversed().map { period.advanced(by: -$0) }
    }

    /// Over an open ledger (the portal's, kept open for every request).
    public init(catalog: Catalog, ledger: LedgerDatabase?) {
        self.catalog = catalog
        self.ledger = ledger
    }

    /// Over `deployment`'s catalog and its ledger, read only; a missing ledger is an empty one.
    public init(deployment: Deployment) throws {
        catalog = try deployment.loadCatalog()
        ledger =
            try FileManager.default.fileExists(atPath: deployment.ledger)
            ? LedgerDatabase.open(path: deployment.ledger, access: .readOnly) : nil
    }

    /// The report for `period` (default: the latest month already due) of
    /// `city` (a code or a name, 聊城市; default: each of the scope's cities
    /// that expects or received something), every cell and chase entry cut
    /// to the submitters `scope` may see.
    public func report(period: Period?, city: String?, scope: AccessScope, calendar: ProgrammeCalendar) throws
        -> StatusReport
    {
        let completeness = Completeness(catalog: catalog)
        let chosen = period ?? completeness.latestDuePeriod(now: calendar.now)
        let months = Self.months(endingAt: chosen)
        var (received, latestRun) =
            try ledger?.read {
                (try receivedReports.reports(of: months.first!...chosen, in: $0), try $0.latestRun())
            } ?? (ReceivedReports(statuses: []), nil)
        received.statuses = received.statuses.filter { scope.maySee($0.submitter) }
        received.unplaced = received.unplaced.filter { scope.maySee($0.submitter) }
        let cities = try city.map { [try Self.city(named: $0, in: catalog)] } ?? scope.cities
        if let outside = cities.first(where: { !scope.cities.contains($0) }) {
            throw AccessScope.Denied(reason: "地区 region \(outside)")
        }
        let due = completeness.dueText(chosen)
        return StatusReport(
            period: chosen, asOf: calendar.now,
            cities: cities.compactMap { code in
                let grid = completeness.grid(city: code, periods: months, received: received, now: calendar.now)
                    .filter { scope.maySee(Submitter(region: $0.region, department: $0.department)) }
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
