import Catalog
import Foundation
import Ledger
import Testing
import Vocabulary

@testable import Rollup

@Suite struct CompletenessTests {
    static let catalog: Catalog = CatalogLoader(
        schemas: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Schemas")
    ).load().catalog
    static let completeness = Completeness(catalog: catalog)
    static let march = Period("2025-03")!

    /// `2025-04-<day> <hour>:00` Beijing time.
    static func april(_ day: Int, _ hour: Int = 12) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar.date(from: DateComponents(year: 2025, month: 4, day: day, hour: hour))!
    }

    /// 嘉祥县 (370829) has a plan, 济宁市 (370800) none: the departments
    /// that lead 嘉祥县's targets are expected there, and elsewhere only
    /// those that have sent something.
    @Test func expectedAreTheLeadsOfTheRegionsTargetsAndWhoeverReported() throws {
        let leads = Set(
            Self.catalog.targets(region: "370829").compactMap { Self.catalog.indicator(code: $0.indicator)?.lead })
        #expect(!leads.isEmpty)
        let expected = Self.completeness.expectedSubmitters(city: "370800", statuses: [])
        #expect(Set(expected.filter { $0.region == "370829" }.map(\.department)) == leads)
        #expect(!expected.contains { $0.region == "370811" })
        #expect(Set(expected).count == expected.count)
    }

    @Test func deadlinesAreReadInBeijingTime() {
        // Due on 2025-04-10 (rules.yaml: day 10, one month after): late from midnight in Beijing.
        #expect(Self.completeness.lateAfter(Self.march) == Self.april(11, 0))
        #expect(ProgrammeCalendar(now: Self.april(1, 0).addingTimeInterval(60)).lastCompletePeriod == Self.march)
    }

    @Test func gridStatesFromTheLedger() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "completeness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = try LedgerDatabase(path: directory.appendingPathComponent("ledger.sqlite").path)
        var seed = 0
        func record(_ region: String, _ department: String, at date: Date, rejected: Bool = false) throws {
            seed += 1
            let submitter = Submitter(region: region, department: department)
            let version = NewVersion(
                submitter: submitter, path: "\(region)/\(department)/r\(seed).csv",
                sha256: String(format: "%064x", seed), size: 10, modified: date, receivedAt: date,
                periods: [Self.march])
            let issues = rejected ? [Issue(code: "type-error", severity: .error, zh: "错", en: "bad")] : []
            let observations =
                rejected
                ? []
                : [
                    ObservationRecord(
                        region: region, indicator: "nev_stock", period: Self.march,
                        value: 1, writtenValue: "1")
                ]
            _ = try ledger.inTransaction { try $0.record(version, observations: observations, issues: issues) }
        }
        try record("370829", "commerce", at: Self.april(10, 23))  // on time, just
        try record("370811", "commerce", at: Self.april(11, 1))  // late
        try record("370812", "transport", at: Self.april(5), rejected: true)
        try record("370826", "transport", at: Self.april(3))
        try record("370826", "transport", at: Self.april(4), rejected: true)  // a rejected correction
        try record("370829", "no-such-department", at: Self.april(3))  // received, not expected
        try record("370102", "commerce", at: Self.april(3))  // another city

        let statuses = try ledger.read { try $0.reportStatuses(periods: Self.march...Self.march) }
        let grid = Self.completeness.grid(
            city: "370800", periods: [Self.march], received: ReceivedReports(statuses: statuses), now: Self.april(20))
        func state(_ region: String, _ department: String) -> ReportCompleteness? {
            grid.first { $0.region == region && $0.department == department }
        }
        #expect(state("370829", "commerce")?.state == .accepted)
        #expect(state("370829", "commerce")?.observations == 1)
        #expect(state("370811", "commerce")?.state == .late)
        #expect(state("370812", "transport")?.state == .rejected)
        #expect(
            state("370826", "transport")?.state == .accepted && state("370826", "transport")?.latestRejected == true)
        // A department leading one of 嘉祥县's targets that sent nothing.
        let silent = try #require(
            Self.catalog.targets(region: "370829")
                .compactMap { Self.catalog.indicator(code: $0.indicator)?.lead }.first { $0 != "commerce" })
        #expect(state("370829", silent)?.state == .missing && state("370829", silent)?.observations == 0)
        #expect(state("370829", silent)?.label == "未报")
        #expect(state("370811", "transport") == nil)  // neither expected nor received
        #expect(state("370829", "no-such-department")?.expected == false)
        #expect(state("370102", "commerce") == nil)
        #expect(
            grid.count == Self.completeness.expectedSubmitters(
                city: "370800",
                statuses: statuses.filter {
                    Self.catalog.isWithin(region: $0.submitter.region, ancestor: "370800")
                }
            ).count + 1)

        // Before the deadline a missing report is not yet due (未到期), not chased.
        let early = Self.completeness.grid(
            city: "370800", periods: [Self.march], received: ReceivedReports(statuses: statuses), now: Self.april(5))
        let notYet = try #require(early.first { $0.region == "370829" && $0.department == silent })
        #expect(notYet.state == .missing && !notYet.isDue && notYet.label == "未到期")
        // 济宁市 itself has no plan and sent nothing: it owes no report.
        #expect(!grid.contains { $0.region == "370800" })
        #expect(grid.first?.expected == true && grid.last?.department == "no-such-department")
    }

    /// `<year>-<month>-<day> <hour>:00` Beijing time.
    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12) -> Date {
        ProgrammeCalendar.gregorian.date(from: DateComponents(year: year, month: month, day: day, hour: hour))!
    }

    /// A ledger in a temporary folder, and a way to record versions into it.
    final class ScratchLedger {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "completeness-\(UUID().uuidString)")
        let ledger: LedgerDatabase
        private var seed = 0

        init() throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            ledger = try LedgerDatabase(path: directory.appendingPathComponent("ledger.sqlite").path)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        /// Records a version of `path` (`region/department/name`); rejected ones carry one error.
        @discardableResult
        func record(
            _ path: String, periods: [Period], at date: Date, rejected: Bool = false,
            reason: String = "类型错误"
        ) throws -> Int64 {
            seed += 1
            let parts = path.split(separator: "/").map(String.init)
            let submitter = Submitter(region: parts[0], department: parts[1])
            let version = NewVersion(
                submitter: submitter, path: path, sha256: String(format: "%064x", seed), size: 10,
                modified: date, receivedAt: date, periods: periods)
            let issues = rejected ? [Issue(code: "format-unsupported", severity: .error, zh: reason, en: "bad")] : []
            let observations =
                rejected
                ? []
                : periods.map {
                    ObservationRecord(region: parts[0], indicator: "nev_stock", period: $0, value: 1, writtenValue: "1")
                }
            return try ledger.inTransaction { try $0.record(version, observations: observations, issues: issues) }
                .version.id
        }

        /// What status and the roll-up read, reasons included.
        func received() throws -> ReceivedReports {
            try ledger.read { reader in
                var received = ReceivedReports(
                    statuses: try reader.reportStatuses(), unplaced: try reader.unplacedRejections())
                for id in received.rejectedVersionIds {
                    received.reasons[id] = try reader.issues(versionId: id).first
                }
                return received
            }
        }
    }

    /// A quarterly department's July and August are due with September (by
    /// 10 October): a quarterly file sent on 5 October is on time for all
    /// three. A monthly department's July in the same file is late.
    @Test func aQuarterlyReportMakesItsMonthsOnTime() throws {
        let scratch = try ScratchLedger()
        let quarter = ["2026-07", "2026-08", "2026-09"].map { Period($0)! }
        try scratch.record("370829/commerce/2026-Q3.csv", periods: quarter, at: Self.date(2026, 10, 5))
        try scratch.record("370829/transport/2026-Q3.csv", periods: quarter, at: Self.date(2026, 10, 5))
        #expect(Self.completeness.frequency(of: "commerce") == .quarterly)
        #expect(Self.completeness.frequency(of: "transport") == .monthly)
        let grid = Self.completeness.grid(
            city: "370800", periods: quarter, received: try scratch.received(),
            now: Self.date(2026, 11, 1))
        func cell(_ department: String, _ month: String) -> ReportCompleteness? {
            grid.first { $0.region == "370829" && $0.department == department && $0.period == Period(month)! }
        }
        for month in ["2026-07", "2026-08", "2026-09"] {
            #expect(cell("commerce", month)?.state == .accepted)
            #expect(cell("commerce", month)?.due == "2026-10-10")
            #expect(cell("commerce", month)?.frequency == .quarterly)
        }
        #expect(cell("transport", "2026-07")?.state == .late && cell("transport", "2026-07")?.due == "2026-08-10")
        #expect(cell("transport", "2026-08")?.state == .late)
        #expect(cell("transport", "2026-09")?.state == .accepted)
        // On 1 August nothing quarterly for July is due yet: 未到期, not 未报.
        let early = Self.completeness.grid(
            city: "370800", periods: [quarter[0]], received: ReceivedReports(statuses: []),
            now: Self.date(2026, 8, 15))
        let silent = try #require(early.first { $0.region == "370829" && $0.department == "commerce" })
        #expect(silent.label == "未到期" && !silent.needsChasing)
        #expect(early.first { $0.region == "370829" && $0.department == "transport" }?.label == "未报")
    }

    /// On 1 December 2026-11 is not due until the 10th: the latest month
    /// already due is 2026-10; from 11 December it is 2026-11.
    @Test func theDefaultPeriodIsTheLatestAlreadyDue() {
        #expect(Self.completeness.latestDuePeriod(now: Self.date(2026, 12, 1, 9)) == Period("2026-10")!)
        #expect(Self.completeness.latestDuePeriod(now: Self.date(2026, 12, 10, 23)) == Period("2026-10")!)
        #expect(Self.completeness.latestDuePeriod(now: Self.date(2026, 12, 11, 0)) == Period("2026-11")!)
        #expect(Self.completeness.latestDuePeriod(now: Self.date(2027, 1, 5)) == Period("2026-11")!)
    }

    /// A file intake could not read has no months in the ledger: it is
    /// placed by its name (`2026-10.xls`), else by the month it came in,
    /// and counts as 退回 with its reason, never as 未报.
    @Test func anUnreadableFileIsRejectedNotMissing() throws {
        let scratch = try ScratchLedger()
        let october = Period("2026-10")!
        try scratch.record(
            "370829/transport/2026-10.xls", periods: [], at: Self.date(2026, 11, 3), rejected: true,
            reason: "不支持 .xls 格式，请另存为 .xlsx")
        try scratch.record("370829/housing/报表.ods", periods: [], at: Self.date(2026, 11, 4), rejected: true)
        // Overwritten by a readable file since: judged by the new content.
        try scratch.record("370829/agriculture/2026-10.xlsx", periods: [], at: Self.date(2026, 11, 2), rejected: true)
        try scratch.record("370829/agriculture/2026-10.xlsx", periods: [october], at: Self.date(2026, 11, 3))
        let received = try scratch.received()
        #expect(received.unplaced.map(\.path) == ["370829/housing/报表.ods", "370829/transport/2026-10.xls"])
        let grid = Self.completeness.grid(
            city: "370800", periods: [october], received: received, now: Self.date(2026, 12, 1))
        func cell(_ department: String) -> ReportCompleteness? {
            grid.first { $0.region == "370829" && $0.department == department }
        }
        let transport = try #require(cell("transport"))
        #expect(transport.state == .rejected && transport.attributedBy == .fileName)
        #expect(transport.reason?.messageZh == "不支持 .xls 格式，请另存为 .xlsx")
        #expect(transport.latestPath == "370829/transport/2026-10.xls")
        let housing = try #require(cell("housing"))
        #expect(housing.state == .rejected && housing.attributedBy == .receivedMonth)
        #expect(cell("agriculture")?.state == .accepted && cell("agriculture")?.attributedBy == nil)
    }

    @Test func fileNamesNameMonthsQuartersAndYears() {
        func periods(_ name: String) -> [String]? { Period.named(inFileName: name)?.map(\.description) }
        #expect(periods("371502/commerce/2026-11.xls") == ["2026-11"])
        #expect(periods("a/b/2026-11(1).xlsx") == ["2026-11"])
        #expect(periods("a/b/2026年3月.ods") == ["2026-03"])
        #expect(periods("a/b/202603.csv") == ["2026-03"])
        #expect(periods("a/b/2026-Q4.xlsx") == ["2026-10", "2026-11", "2026-12"])
        #expect(periods("a/b/2026年第二季度.xls") == ["2026-04", "2026-05", "2026-06"])
        #expect(periods("a/b/2025年度.csv")?.count == 12)
        #expect(periods("a/b/报表.xls") == nil)
        let received = PeriodAttribution(path: "a/b/报表.xls", receivedAt: Self.date(2026, 12, 1), monthsAfter: 1)
        #expect(received.periods == [Period("2026-11")!] && received.basis == .receivedMonth)
    }

    /// The chase list names each submitter once, with the months outstanding
    /// in an unbroken run up to the period asked about.
    @Test func theChaseListSaysSinceWhen() throws {
        let scratch = try ScratchLedger()
        let months = (7...10).map { Period(year: 2026, month: $0)! }
        try scratch.record("370829/transport/2026-07.csv", periods: [months[0]], at: Self.date(2026, 8, 5))
        try scratch.record("370829/commerce/2026-Q3.csv", periods: Array(months[0...2]), at: Self.date(2026, 10, 5))
        let grid = Self.completeness.grid(
            city: "370800", periods: months, received: try scratch.received(),
            now: Self.date(2026, 12, 1))
        let entries = ChaseList.entries(grid: grid, periods: months)
        let transport = try #require(entries.first { $0.region == "370829" && $0.department == "transport" })
        #expect(transport.periods == Array(months[1...3]) && transport.state == .missing)
        #expect(transport.due == "2026-09-10")
        #expect(transport.summary == "未报 2026-08 至 2026-10（3个月），应于 2026-09-10 前报送")
        // Commerce reports by quarter: October is due in January, nobody chases it yet.
        #expect(!entries.contains { $0.region == "370829" && $0.department == "commerce" })
        #expect(Set(entries.map { $0.region + $0.department }).count == entries.count)
    }
}
