import Catalog
import Foundation
import Ledger

/// Where one region × department report for one period stands.
public enum ReportState: String, Sendable, Codable, CaseIterable {
    /// Accepted by the deadline.
    case received = "已报"
    /// Accepted after the deadline.
    case late = "迟报"
    /// Sent, but no version was accepted.
    case rejected = "退回"
    /// Nothing sent, and the deadline has passed.
    case missing = "未报"
    /// Nothing sent yet; the deadline has not passed.
    case notDue = "未到期"

    /// English beside the Chinese, for logs and the CLI.
    public var english: String {
        switch self {
        case .received: "received"
        case .late: "late"
        case .rejected: "rejected"
        case .missing: "missing"
        case .notDue: "not yet due"
        }
    }
}

/// One expected report and its state.
public struct CompletenessEntry: Hashable, Sendable, Codable {
    public var region: String
    public var department: String
    public var period: Period
    public var state: ReportState
    /// The instant the last on-time day ends (midnight after it); nil when the catalog sets no deadline.
    public var due: Date?
    /// When a version was first accepted, or the latest version arrived when none was.
    public var receivedAt: Date?
    /// The latest file sent, under `Inbox/`.
    public var path: String?
}

/// Which reports of a city's regions and departments are in, late,
/// rejected or missing for a period.
public enum Completeness {
    /// Deadlines fall at the end of a day in China Standard Time.
    static let chinaTime = TimeZone(secondsFromGMT: 8 * 3600)!

    /// One entry per expected report of `period`, ordered by region (the
    /// city first, then its counties and local units) and department.
    ///
    /// Expected: in the city and each of its county-level regions, every
    /// department existing at that level that leads an indicator a plan of
    /// the city or the region sets a target on, and every department that
    /// has ever sent a report for the region (in `statuses`, any period).
    /// Submitters below a county (towns) are listed when they sent something.
    public static func compute(catalog: Catalog, statuses: [ReportStatus], city: String, period: Period,
                               now: Date) -> [CompletenessEntry] {
        guard let cityRegion = catalog.region(code: city) else { return [] }
        var regions = [cityRegion] + RollupEngine.counties(of: city, in: catalog)
        let inCity = statuses.filter { catalog.isWithin(region: $0.submitter.region, ancestor: city) }
        let listed = Set(regions.map { $0.code })
        let others = Set(inCity.map(\.submitter.region)).subtracting(listed).sorted()
        regions += others.compactMap(catalog.region(code:))

        let cityLeads = leads(of: catalog.targets(region: city), catalog: catalog)
        let byKey = Dictionary(inCity.filter { $0.period == period }.map { ($0.submitter, $0) },
                               uniquingKeysWith: { a, _ in a })
        let due = catalog.deadline.map { dueInstant($0, period: period) }

        var entries: [CompletenessEntry] = []
        for region in regions {
            let sent = Set(inCity.filter { $0.submitter.region == region.code }.map(\.submitter.department))
            let answerable = cityLeads.union(leads(of: catalog.targets(region: region.code), catalog: catalog))
            let expected = catalog.departments.filter { department in
                sent.contains(department.code)
                    || (department.levels.contains(region.level) && answerable.contains(department.code))
            }
            for department in expected.sorted(by: { $0.code < $1.code }) {
                let status = byKey[Submitter(region: region.code, department: department.code)]
                entries.append(entry(region: region.code, department: department.code, period: period,
                                     status: status, due: due, now: now))
            }
        }
        return entries
    }

    private static func leads(of targets: [Target], catalog: Catalog) -> Set<String> {
        Set(targets.compactMap { catalog.indicator(code: $0.indicator)?.lead })
    }

    private static func entry(region: String, department: String, period: Period, status: ReportStatus?,
                              due: Date?, now: Date) -> CompletenessEntry {
        let state: ReportState
        var receivedAt: Date? = nil
        if let accepted = status?.firstAcceptedAt {
            state = due.map { accepted < $0 } ?? true ? .received : .late
            receivedAt = accepted
        } else if let status {
            state = .rejected
            receivedAt = status.latestReceivedAt
        } else {
            state = due.map { now >= $0 } ?? true ? .missing : .notDue
        }
        return CompletenessEntry(region: region, department: department, period: period, state: state, due: due,
                                 receivedAt: receivedAt, path: status?.latestPath)
    }

    /// Midnight after the deadline day for `period`'s reports, in China
    /// Standard Time: a report accepted before it is on time.
    public static func dueInstant(_ deadline: Deadline, period: Period) -> Date {
        let (month, day) = deadline.dueDate(for: period)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = chinaTime
        let start = calendar.date(from: DateComponents(year: month.year, month: month.month, day: day))!
        return calendar.date(byAdding: .day, value: 1, to: start)!
    }
}
