import Catalog
import Foundation
import Ledger
import Testing
@testable import Rollup
import Vocabulary

@Suite struct CompletenessTests {
    static let catalog: Catalog = CatalogLoader(schemas: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas")).load().catalog
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
        let leads = Set(Self.catalog.targets(region: "370829").compactMap { Self.catalog.indicator(code: $0.indicator)?.lead })
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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("completeness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = try LedgerDatabase(path: directory.appendingPathComponent("ledger.sqlite").path)
        var seed = 0
        func record(_ region: String, _ department: String, at date: Date, rejected: Bool = false) throws {
            seed += 1
            let submitter = Submitter(region: region, department: department)
            let version = NewVersion(submitter: submitter, path: "\(region)/\(department)/r\(seed).csv",
                                     sha256: String(format: "%064x", seed), size: 10, modified: date, receivedAt: date,
                                     periods: [Self.march])
            let issues = rejected ? [Issue(code: "type-error", severity: .error, zh: "错", en: "bad")] : []
            let observations = rejected ? [] : [ObservationRecord(region: region, indicator: "nev_stock", period: Self.march,
                                                                   value: 1, writtenValue: "1")]
            _ = try ledger.inTransaction { try $0.record(version, observations: observations, issues: issues) }
        }
        try record("370829", "commerce", at: Self.april(10, 23))           // on time, just
        try record("370811", "commerce", at: Self.april(11, 1))            // late
        try record("370812", "transport", at: Self.april(5), rejected: true)
        try record("370826", "transport", at: Self.april(3))
        try record("370826", "transport", at: Self.april(4), rejected: true)  // a rejected correction
        try record("370829", "no-such-department", at: Self.april(3))     // received, not expected
        try record("370102", "commerce", at: Self.april(3))               // another city

        let statuses = try ledger.read { try $0.reportStatuses(periods: Self.march...Self.march) }
        let grid = Self.completeness.grid(city: "370800", periods: [Self.march], statuses: statuses, now: Self.april(20))
        func state(_ region: String, _ department: String) -> ReportCompleteness? {
            grid.first { $0.region == region && $0.department == department }
        }
        #expect(state("370829", "commerce")?.state == .accepted)
        #expect(state("370829", "commerce")?.observations == 1)
        #expect(state("370811", "commerce")?.state == .late)
        #expect(state("370812", "transport")?.state == .rejected)
        #expect(state("370826", "transport")?.state == .accepted && state("370826", "transport")?.latestRejected == true)
        // A department leading one of 嘉祥县's targets that sent nothing.
        let silent = try #require(Self.catalog.targets(region: "370829")
            .compactMap { Self.catalog.indicator(code: $0.indicator)?.lead }.first { $0 != "commerce" })
        #expect(state("370829", silent)?.state == .missing && state("370829", silent)?.observations == 0)
        #expect(state("370829", silent)?.label == "未报")
        #expect(state("370811", "transport") == nil)  // neither expected nor received
        #expect(state("370829", "no-such-department")?.expected == false)
        #expect(state("370102", "commerce") == nil)
        #expect(grid.count == Self.completeness.expectedSubmitters(city: "370800", statuses: statuses.filter {
            Self.catalog.isWithin(region: $0.submitter.region, ancestor: "370800")
        }).count + 1)

        // Before the deadline a missing report is not yet due (未到期), not chased.
        let early = Self.completeness.grid(city: "370800", periods: [Self.march], statuses: statuses, now: Self.april(5))
        let notYet = try #require(early.first { $0.region == "370829" && $0.department == silent })
        #expect(notYet.state == .missing && !notYet.isDue && notYet.label == "未到期")
        // 济宁市 itself has no plan and sent nothing: it owes no report.
        #expect(!grid.contains { $0.region == "370800" })
        #expect(grid.first?.expected == true && grid.last?.department == "no-such-department")
    }
}
