import Catalog
import Foundation
import Ledger
import Vocabulary

/// Where one expected (or received) report stands for a period.
public enum ReportState: String, Codable, Sendable, CaseIterable {
    /// Accepted by the deadline.
    case accepted
    /// First accepted after the deadline.
    case late
    /// Received, but no version for the period was ever accepted.
    case rejected
    /// Nothing received for the period (see `ReportCompleteness.isDue`).
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
    /// Whether the deadline has passed; a missing report that is not yet
    /// due is shown as 未到期, not chased.
    public var isDue: Bool
    /// Whether the catalog expects this report (false: received from a
    /// submitter it does not expect, e.g. a town's office).
    public var expected: Bool
    /// Observations of this report counted now.
    public var observations: Int
    public var firstAcceptedAt: Date?
    public var latestReceivedAt: Date?
    /// The latest file received, under `Inbox/`.
    public var latestPath: String?
    /// The latest version was rejected while an earlier accepted one still counts.
    public var latestRejected: Bool

    public init(region: String, regionName: String?, department: String, departmentName: String?, period: Period,
                state: ReportState, isDue: Bool, expected: Bool, observations: Int, firstAcceptedAt: Date?,
                latestReceivedAt: Date?, latestPath: String?, latestRejected: Bool) {
        self.region = region
        self.regionName = regionName
        self.department = department
        self.departmentName = departmentName
        self.period = period
        self.state = state
        self.isDue = isDue
        self.expected = expected
        self.observations = observations
        self.firstAcceptedAt = firstAcceptedAt
        self.latestReceivedAt = latestReceivedAt
        self.latestPath = latestPath
        self.latestRejected = latestRejected
    }

    /// What a person reads in the grid: 已报, 迟报, 退回, 未报 or 未到期.
    public var label: String { state == .missing && !isDue ? "未到期" : state.chinese }
}

/// Which region × department reports a city owes for a period and which
/// are in, late, rejected or missing: for `huanxin status` and the roll-up's
/// 报送情况 sheet. Pure: the ledger's `reportStatuses` and the catalog in,
/// the grid out.
public struct Completeness: Sendable {
    public var catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// The submitters a city's reports are expected from: in the city and
    /// each of its county-level regions (counties, then local units), every
    /// department existing at that level that leads an indicator a plan of
    /// the city or of the region sets a target on, and every department
    /// that has ever sent a report for the region. Asking every department
    /// that could report anything would chase offices no plan measures.
    public func expectedSubmitters(city: String, statuses: [ReportStatus]) -> [Submitter] {
        guard let cityRegion = catalog.region(code: city) else { return [] }
        let regions = [cityRegion] + RollupEngine.counties(of: city, in: catalog)
        let cityLeads = leads(ofTargetsIn: city)
        var sent: [String: Set<String>] = [:]
        for status in statuses { sent[status.submitter.region, default: []].insert(status.submitter.department) }
        return regions.flatMap { region in
            let answerable = cityLeads.union(leads(ofTargetsIn: region.code))
            return catalog.departments
                .filter { department in
                    sent[region.code]?.contains(department.code) == true
                        || (department.levels.contains(region.level) && answerable.contains(department.code))
                }
                .map(\.code).sorted()
                .map { Submitter(region: region.code, department: $0) }
        }
    }

    private func leads(ofTargetsIn region: String) -> Set<String> {
        Set(catalog.targets(region: region).compactMap { catalog.indicator(code: $0.indicator)?.lead })
    }

    /// The first instant a report for `period` is late (midnight after the
    /// deadline day); nil when the catalog sets no deadline. A day past the
    /// month's end means its last day. Deadlines are read in China: a report
    /// due on the 10th is on time until midnight there.
    public func lateAfter(_ period: Period) -> Date? {
        guard let deadline = catalog.deadline else { return nil }
        let due = deadline.dueDate(for: period)
        let calendar = ProgrammeCalendar.gregorian
        let firstOfMonth = ProgrammeCalendar.startOfDay(1, of: due.period)
        let days = calendar.range(of: .day, in: .month, for: firstOfMonth)!.count
        return calendar.date(byAdding: .day, value: min(due.day, days), to: firstOfMonth)
    }

    /// The grid for `city` and `periods` as of `now`: every expected
    /// report, and every report received from within the city that was not
    /// expected, each with its state. Ordered by period, then expected
    /// submitters, then the unexpected ones by region and department.
    public func grid(city: String, periods: [Period], statuses: [ReportStatus], now: Date) -> [ReportCompleteness] {
        let inCity = statuses.filter { catalog.isWithin(region: $0.submitter.region, ancestor: city) }
        let expected = expectedSubmitters(city: city, statuses: inCity)
        let expectedSet = Set(expected)
        var byKey: [Submitter: [Period: ReportStatus]] = [:]
        for status in inCity {
            byKey[status.submitter, default: [:]][status.period] = status
        }
        var grid: [ReportCompleteness] = []
        for period in periods {
            let received = byKey.compactMap { submitter, statuses in
                statuses[period] == nil || expectedSet.contains(submitter) ? nil : submitter
            }.sorted { ($0.region, $0.department) < ($1.region, $1.department) }
            let isDue = lateAfter(period).map { now >= $0 } ?? true
            for submitter in expected + received {
                grid.append(cell(submitter, period: period, status: byKey[submitter]?[period],
                                 expected: expectedSet.contains(submitter), isDue: isDue))
            }
        }
        return grid
    }

    private func cell(_ submitter: Submitter, period: Period, status: ReportStatus?, expected: Bool,
                      isDue: Bool) -> ReportCompleteness {
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
            period: period, state: state, isDue: isDue, expected: expected, observations: status?.observations ?? 0,
            firstAcceptedAt: status?.firstAcceptedAt, latestReceivedAt: status?.latestReceivedAt,
            latestPath: status?.latestPath,
            latestRejected: status.map { $0.latestStatus == .rejected && $0.firstAcceptedAt != nil } ?? false)
    }
}
