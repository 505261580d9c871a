import Catalog
import Foundation
import Ledger

/// Where one expected (or received) report stands for a period.
public enum ReportState: String, Codable, Sendable, CaseIterable {
    /// Accepted by the deadline.
    case accepted
    /// First accepted after the deadline.
    case late
    /// Received, but no version for the period was ever accepted.
    case rejected
    /// Nothing received for the period.
    case missing

    public var chinese: String {
        switch self {
        case .accepted: "已报"
        case .late: "迟报"
        case .rejected: "退回"
        case .missing: "未报"
        }
    }
}

/// One region × department × period of the completeness grid.
public struct ReportCompleteness: Codable, Sendable, Hashable {
    public var region: String
    public var regionName: String?
    public var department: String
    public var departmentName: String?
    public var period: Period
    public var state: ReportState
    /// Whether the catalog expects this report (false: received from a
    /// submitter it does not list for the city, e.g. an unknown department).
    public var expected: Bool
    /// Observations of this report counted now.
    public var observations: Int
    public var firstAcceptedAt: Date?
    public var latestReceivedAt: Date?
    /// The latest version was rejected while an earlier accepted one still counts.
    public var latestRejected: Bool
}

/// Which region × department reports a city owes for a period and which
/// are in, late, rejected or missing: for `huanxin status` and the roll-up's
/// 报送情况 sheet. Pure: the ledger's `reportStatuses` and the catalog in,
/// the grid out.
public struct Completeness: Sendable {
    public var catalog: Catalog
    /// The time zone deadlines are read in: a report due on the 10th is on
    /// time until midnight there.
    public var timeZone: TimeZone

    public init(catalog: Catalog, timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!) {
        self.catalog = catalog
        self.timeZone = timeZone
    }

    /// The submitters a city's reports come from: the city itself and every
    /// county-level region under it (counties and local units) × every
    /// department that exists at the region's level and may report at
    /// least one indicator. Regions in catalog order, then departments.
    public func expectedSubmitters(city: String) -> [Submitter] {
        let regions = catalog.regions.filter { region in
            region.code == city
                || ([.county, .local].contains(region.level) && catalog.isWithin(region: region.code, ancestor: city))
        }
        return regions.flatMap { region in
            catalog.departments
                .filter { $0.levels.contains(region.level) && !catalog.indicators(reportableBy: $0.code).isEmpty }
                .map { Submitter(region: region.code, department: $0.code) }
        }
    }

    /// The last month complete before `today`: the default period to look at.
    public func lastCompletePeriod(before today: Date) -> Period {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month], from: today)
        return Period(year: parts.year!, month: parts.month!)!.advanced(by: -1)
    }

    /// The first instant a report for `period` is late; nil when the
    /// catalog sets no deadline. A day past the month's end means its last day.
    public func lateAfter(_ period: Period) -> Date? {
        guard let deadline = catalog.deadline else { return nil }
        let due = deadline.dueDate(for: period)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let firstOfMonth = calendar.date(from: DateComponents(year: due.period.year, month: due.period.month, day: 1))!
        let days = calendar.range(of: .day, in: .month, for: firstOfMonth)!.count
        return calendar.date(byAdding: .day, value: min(due.day, days), to: firstOfMonth)
    }

    /// The grid for `city` and `periods`: every expected report, and every
    /// report received from within the city that was not expected, each
    /// with its state. Ordered by period, then expected submitters in
    /// catalog order, then the unexpected ones by region and department.
    public func grid(city: String, periods: [Period], statuses: [ReportStatus]) -> [ReportCompleteness] {
        let expected = expectedSubmitters(city: city)
        let expectedSet = Set(expected)
        var byKey: [Submitter: [Period: ReportStatus]] = [:]
        for status in statuses where catalog.isWithin(region: status.submitter.region, ancestor: city) {
            byKey[status.submitter, default: [:]][status.period] = status
        }
        var grid: [ReportCompleteness] = []
        for period in periods {
            let received = byKey.compactMap { submitter, statuses in
                statuses[period] == nil || expectedSet.contains(submitter) ? nil : submitter
            }.sorted { ($0.region, $0.department) < ($1.region, $1.department) }
            for submitter in expected + received {
                grid.append(cell(submitter, period: period, status: byKey[submitter]?[period],
                                 expected: expectedSet.contains(submitter)))
            }
        }
        return grid
    }

    private func cell(_ submitter: Submitter, period: Period, status: ReportStatus?, expected: Bool) -> ReportCompleteness {
        let state: ReportState
        if let status {
            if let accepted = status.firstAcceptedAt {
                state = lateAfter(period).map { accepted >= $0 } == true ? .late : .accepted
            } else {
                state = .rejected
            }
        } else {
            state = .missing
        }
        return ReportCompleteness(
            region: submitter.region, regionName: catalog.region(code: submitter.region)?.name,
            department: submitter.department, departmentName: catalog.department(code: submitter.department)?.name,
            period: period, state: state, expected: expected, observations: status?.observations ?? 0,
            firstAcceptedAt: status?.firstAcceptedAt, latestReceivedAt: status?.latestReceivedAt,
            latestRejected: status.map { $0.latestStatus == .rejected && $0.firstAcceptedAt != nil } ?? false)
    }
}
