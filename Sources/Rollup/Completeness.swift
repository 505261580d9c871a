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
    /// How often the department reports (its most frequent indicator):
    /// the months of a quarterly report are due with the quarter's last.
    public var frequency: ReportingFrequency
    /// The last day this report is on time (`2026-10-10`, China time); nil without a deadline.
    public var due: String?
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
    /// Why the latest version was rejected (its first error), when it was.
    public var reason: Issue?
    /// Set when the rejected file could not be read, so the ledger knows no
    /// month of it: the period was inferred from its name or arrival.
    public var attributedBy: PeriodAttribution.Basis?

    public init(
        region: String, regionName: String?, department: String, departmentName: String?, period: Period,
        state: ReportState, frequency: ReportingFrequency = .monthly, due: String? = nil, isDue: Bool,
        expected: Bool, observations: Int, firstAcceptedAt: Date?, latestReceivedAt: Date?, latestPath: String?,
        latestRejected: Bool, reason: Issue? = nil, attributedBy: PeriodAttribution.Basis? = nil
    ) {
        self.region = region
        self.regionName = regionName
        self.department = department
        self.departmentName = departmentName
        self.period = period
        self.state = state
        self.frequency = frequency
        self.due = due
        self.isDue = isDue
        self.expected = expected
        self.observations = observations
        self.firstAcceptedAt = firstAcceptedAt
        self.latestReceivedAt = latestReceivedAt
        self.latestPath = latestPath
        self.latestRejected = latestRejected
        self.reason = reason
        self.attributedBy = attributedBy
    }

    /// What a person reads in the grid: 已报, 迟报, 退回, 未报 or 未到期.
    public var label: String { state == .missing && !isDue ? "未到期" : state.chinese }

    /// Whether someone should be chased for it: due and missing, or rejected
    /// (a rejected file is chased whether or not it was due yet: its sender
    /// should correct it), or accepted but followed by a rejected correction.
    public var needsChasing: Bool {
        switch state {
        case .missing: isDue && expected
        case .rejected: true
        case .accepted, .late: latestRejected
        }
    }
}

/// What the ledger holds for completeness: each submitter's status per
/// period, the rejected files it knows no period of, and why each rejected
/// version was rejected.
public struct ReceivedReports: Sendable {
    public var statuses: [ReportStatus]
    public var unplaced: [RejectedFile]
    /// The first error of each rejected version, by version id.
    public var reasons: [Int64: Issue]

    public init(statuses: [ReportStatus], unplaced: [RejectedFile] = [], reasons: [Int64: Issue] = [:]) {
        self.statuses = statuses
        self.unplaced = unplaced
        self.reasons = reasons
    }

    /// The version ids whose reasons a grid can show.
    public var rejectedVersionIds: [Int64] {
        statuses.filter { $0.latestStatus == .rejected }.map(\.latestVersionId) + unplaced.map(\.versionId)
    }
}

/// Which region × department reports a city owes for a period and which
/// are in, late, rejected or missing: for `huanxin status` and the roll-up's
/// 报送情况 sheet. Pure: what the ledger received and the catalog in, the
/// grid out.
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
    public func expectedSubmitters(city: String, statuses: [ReportStatus], unplaced: [RejectedFile] = [])
        -> [Submitter]
    {
        guard let cityRegion = catalog.region(code: city) else { return [] }
        let regions = [cityRegion] + RollupEngine.counties(of: city, in: catalog)
        let cityLeads = leads(ofTargetsIn: city)
        var sent: [String: Set<String>] = [:]
        for submitter in statuses.map(\.submitter) + unplaced.map(\.submitter) {
            sent[submitter.region, default: []].insert(submitter.department)
        }
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

    /// How often `department` reports: its most frequent indicator's frequency.
    public func frequency(of department: String) -> ReportingFrequency {
        catalog.department(code: department)?.shortestFrequency ?? .monthly
    }

    /// The first instant a report for `period` is late (midnight after the
    /// deadline day of the last month of its cycle: the quarter's last
    /// month for a quarterly report); nil when the catalog sets no deadline.
    /// A day past the month's end means its last day. Deadlines are read in
    /// China: a report due on the 10th is on time until midnight there.
    public func lateAfter(_ period: Period, frequency: ReportingFrequency = .monthly) -> Date? {
        guard let deadline = catalog.deadline else { return nil }
        let due = deadline.dueDate(for: frequency.cycleEnd(of: period))
        let calendar = ProgrammeCalendar.gregorian
        let firstOfMonth = ProgrammeCalendar.startOfDay(1, of: due.period)
        let days = calendar.range(of: .day, in: .month, for: firstOfMonth)!.count
        return calendar.date(byAdding: .day, value: min(due.day, days), to: firstOfMonth)
    }

    /// `2026-11-10`: the last day on time, for people.
    public func dueText(_ period: Period, frequency: ReportingFrequency = .monthly) -> String? {
        lateAfter(period, frequency: frequency).map { ProgrammeCalendar.dayText($0.addingTimeInterval(-1)) }
    }

    /// The latest month whose monthly deadline has passed at `now`: on
    /// 1 December 2026-10 (due 10 November), from 11 December 2026-11.
    /// Without a deadline, the last complete month.
    public func latestDuePeriod(now: Date) -> Period {
        var period = ProgrammeCalendar(now: now).currentPeriod
        guard catalog.deadline != nil else { return period.advanced(by: -1) }
        while let late = lateAfter(period), late > now { period = period.advanced(by: -1) }
        return period
    }

    /// The grid for `city` and `periods` as of `now`: every expected
    /// report, and every report received from within the city that was not
    /// expected, each with its state. Ordered by period, then expected
    /// submitters, then the unexpected ones by region and department.
    public func grid(city: String, periods: [Period], received: ReceivedReports, now: Date) -> [ReportCompleteness] {
        let inCity = received.statuses.filter { catalog.isWithin(region: $0.submitter.region, ancestor: city) }
        let unplaced = received.unplaced.filter { catalog.isWithin(region: $0.submitter.region, ancestor: city) }
        let expected = expectedSubmitters(city: city, statuses: inCity, unplaced: unplaced)
        let expectedSet = Set(expected)
        var byKey: [Submitter: [Period: ReportStatus]] = [:]
        for status in inCity {
            byKey[status.submitter, default: [:]][status.period] = status
        }
        // The latest unreadable file placed in each submitter's period.
        var placed: [Submitter: [Period: (RejectedFile, PeriodAttribution.Basis)]] = [:]
        for rejection in unplaced {
            let attribution = PeriodAttribution(
                path: rejection.path, receivedAt: rejection.receivedAt,
                monthsAfter: catalog.deadline?.monthsAfter ?? 1)
            for period in attribution.periods
            where placed[rejection.submitter]?[period].map({ $0.0.receivedAt <= rejection.receivedAt }) ?? true {
                placed[rejection.submitter, default: [:]][period] = (rejection, attribution.basis)
            }
        }
        var grid: [ReportCompleteness] = []
        for period in periods {
            let others = Set(
                byKey.keys.filter { byKey[$0]?[period] != nil } + placed.keys.filter { placed[$0]?[period] != nil }
            )
            .subtracting(expectedSet)
            .sorted { ($0.region, $0.department) < ($1.region, $1.department) }
            for submitter in expected + others {
                grid.append(
                    cell(
                        submitter, period: period, status: byKey[submitter]?[period],
                        unreadable: placed[submitter]?[period], reasons: received.reasons,
                        expected: expectedSet.contains(submitter), now: now))
            }
        }
        return grid
    }

    private func cell(
        _ submitter: Submitter, period: Period, status: ReportStatus?,
        unreadable: (rejection: RejectedFile, basis: PeriodAttribution.Basis)?,
        reasons: [Int64: Issue], expected: Bool, now: Date
    ) -> ReportCompleteness {
        let frequency = frequency(of: submitter.department)
        let lateAfter = lateAfter(period, frequency: frequency)
        var entry = ReportCompleteness(
            region: submitter.region, regionName: catalog.region(code: submitter.region)?.name,
            department: submitter.department, departmentName: catalog.department(code: submitter.department)?.name,
            period: period, state: .missing, frequency: frequency, due: dueText(period, frequency: frequency),
            isDue: lateAfter.map { now >= $0 } ?? true, expected: expected, observations: status?.observations ?? 0,
            firstAcceptedAt: status?.firstAcceptedAt, latestReceivedAt: status?.latestReceivedAt,
            latestPath: status?.latestPath, latestRejected: false)
        if let status {
            if let accepted = status.firstAcceptedAt {
                entry.state = lateAfter.map { accepted >= $0 } == true ? .late : .accepted
                entry.latestRejected = status.latestStatus == .rejected
            } else {
                entry.state = .rejected
            }
            if status.latestStatus == .rejected { entry.reason = reasons[status.latestVersionId] }
        }
        // A file that could not be read, newer than anything read for the month.
        if let unreadable, status.map({ $0.latestReceivedAt < unreadable.rejection.receivedAt }) ?? true {
            if entry.state == .missing {
                entry.state = .rejected
            } else if entry.state != .rejected {
                entry.latestRejected = true
            }
            entry.latestReceivedAt = unreadable.rejection.receivedAt
            entry.latestPath = unreadable.rejection.path
            entry.reason = reasons[unreadable.rejection.versionId]
            entry.attributedBy = unreadable.basis
        }
        return entry
    }
}
