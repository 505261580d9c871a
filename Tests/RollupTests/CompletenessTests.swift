import Catalog
import Foundation
import Testing
@testable import Rollup

@Suite struct CompletenessTests {
    typealias F = RollupFixture
    let march = Period(year: 2025, month: 3)!

    @Test func deadlineIsTheEndOfTheTenthInChinaTime() throws {
        let deadline = try #require(F.catalog.deadline)
        #expect(Completeness.dueInstant(deadline, period: march) == F.china(2025, 4, 11, 0))
    }

    @Test func reportsAreInLateRejectedOrMissing() throws {
        let fixture = try F()
        try fixture.report(F.countyA, "commerce", "2025-03", [("nev_stock", 1)], receivedAt: F.china(2025, 4, 10, 23))
        try fixture.report(F.countyA, "public-security", "2025-03", [("diesel_trucks_nonop_g3", 1)],
                           receivedAt: F.china(2025, 4, 11, 0))
        try fixture.report(F.countyA, "agriculture", "2025-03", [("crop_sown_area", 1)], rejected: true)
        // A rejected correction leaves the accepted report counting.
        try fixture.report(F.countyB, "commerce", "2025-03", [("nev_stock", 1)], receivedAt: F.china(2025, 4, 2))
        try fixture.report(F.countyB, "commerce", "2025-03", [("nev_stock", 2)], receivedAt: F.china(2025, 4, 20), rejected: true)
        let statuses = try fixture.ledger.reportStatuses()

        let entries = Completeness.compute(catalog: F.catalog, statuses: statuses, city: F.city, period: march,
                                           now: F.china(2025, 5, 1))
        func state(_ region: String, _ department: String) -> ReportState? {
            entries.first { $0.region == region && $0.department == department }?.state
        }
        #expect(state(F.countyA, "commerce") == .received)
        #expect(state(F.countyA, "public-security") == .late)
        #expect(state(F.countyA, "agriculture") == .rejected)
        #expect(state(F.countyB, "commerce") == .received)
        // industry leads the city plan's energy-efficiency target and sent nothing.
        #expect(state(F.countyA, "industry") == .missing)
        #expect(state(F.city, "commerce") == .missing)
        #expect(entries.first?.region == F.city)
        #expect(Set(entries.map(\.region)).isSuperset(of: RollupEngine.counties(of: F.city, in: F.catalog).map(\.code)))

        let early = Completeness.compute(catalog: F.catalog, statuses: statuses, city: F.city, period: march,
                                         now: F.china(2025, 4, 5))
        #expect(early.first { $0.region == F.countyA && $0.department == "industry" }?.state == .notDue)
    }
}
