import Catalog
import Foundation
import Testing
import Vocabulary

@testable import Rollup

/// Which expected reports a figure counts, on small ledgers computed by hand.
@Suite struct CoverageTests {
    typealias F = RollupFixture

    static let march = Period(year: 2026, month: 3)!

    /// 东昌府区 reports output for 2026-01…03; 茌平区 for 01 and 03 only, its
    /// February missing (`rejected`: sent, rejected, never corrected).
    func ledger(februaryRejected: Bool) throws -> RollupEngine {
        let fixture = try F()
        for month in ["2026-01", "2026-02", "2026-03"] {
            try fixture.report(F.countyA, "industry", month, [("industrial_output", 100)])
        }
        try fixture.report(F.countyB, "industry", "2026-01", [("industrial_output", 10)])
        if februaryRejected {
            try fixture.report(F.countyB, "industry", "2026-02", [("industrial_output", 10)], rejected: true)
        }
        try fixture.report(F.countyB, "industry", "2026-03", [("industrial_output", 10)])
        return try fixture.engine()
    }

    @Test(arguments: [false, true]) func aMissingOrRejectedCountyMonthIsNamed(rejected: Bool) throws {
        let engine = try ledger(februaryRejected: rejected)
        let figure = try #require(
            engine.figure("industrial_output", region: F.city, period: Self.march, span: .yearToDate))
        #expect(figure.value == 320)
        #expect(figure.coverage.expected == [F.countyA, F.countyB])
        #expect(figure.coverage.complete == [F.countyA])
        #expect(figure.coverage.missing == [RegionMonth(region: F.countyB, period: Period(year: 2026, month: 2)!)])
        #expect(figure.coverage.isPartial)
        let names = { (code: String) in F.catalog.region(code: code)?.name ?? code }
        #expect(figure.coverage.text(parts: "区县", name: names) == "覆盖 1/2 区县 · 缺 茌平区 2026-02")
        // The county's own year to date lacks the month too; March alone is whole.
        #expect(
            engine.figure("industrial_output", region: F.countyB, period: Self.march, span: .yearToDate)?
                .coverage.missing.count == 1)
        let month = try #require(engine.figure("industrial_output", region: F.city, period: Self.march, span: .month))
        #expect(!month.coverage.isPartial)
        #expect(month.coverage.text(parts: "区县", name: names) == "覆盖 2/2 区县")
    }

    /// A county that never reported an indicator is not expected to; a month
    /// before anyone reported it is not expected either.
    @Test func expectedReportsAreThoseOfReportersAfterTheFirstMonth() throws {
        let fixture = try F()
        try fixture.report(F.countyA, "industry", "2026-02", [("industrial_output", 100)])
        try fixture.report(F.countyA, "industry", "2026-03", [("industrial_output", 100)])
        let figure = try #require(
            try fixture.engine().figure(
                "industrial_output", region: F.city, period: Self.march,
                span: .yearToDate))
        #expect(figure.coverage.expected == [F.countyA])
        #expect(!figure.coverage.isPartial)
    }

    /// Growth over 2023 compares the county-months both years have: 茌平区's
    /// 2025-02 is missing, so its 2023-02 is left out too —
    /// (100 + 120 + 150 + 60 + 60) / (100 + 100 + 100 + 50 + 50) − 1 = 22.5 %.
    @Test func growthComparesOnlyMonthsPresentInBothYears() throws {
        let fixture = try F()
        for (month, a, b) in [("2023-01", 100.0, 50.0), ("2023-02", 100, 50), ("2023-03", 100, 50)] {
            try fixture.report(F.countyA, "commerce", month, [("appliance_recycling", a)])
            try fixture.report(F.countyB, "commerce", month, [("appliance_recycling", b)])
        }
        for (month, a, b) in [("2025-01", 100.0, 60.0), ("2025-02", 120, nil), ("2025-03", 150, 60)]
            as [(String, Double, Double?)]
        {
            try fixture.report(F.countyA, "commerce", month, [("appliance_recycling", a)])
            if let b { try fixture.report(F.countyB, "commerce", month, [("appliance_recycling", b)]) }
        }
        let growth = try #require(
            try fixture.engine().figure(
                "appliance_recycling_growth", region: F.city,
                period: Period(year: 2025, month: 3)!, span: .yearToDate))
        #expect(abs(growth.value - (490.0 / 400 - 1) * 100) < 1e-9)
        #expect(growth.coverage.matchedMonths)
        #expect(
            growth.coverage.missing == [
                RegionMonth(region: F.countyB, period: Period(year: 2023, month: 2)!),
                RegionMonth(region: F.countyB, period: Period(year: 2025, month: 2)!),
            ])
        #expect(!growth.sources.contains { $0.region == F.countyB && $0.period.month == 2 })
        #expect(
            growth.coverage.text(parts: "区县", name: { F.catalog.region(code: $0)?.name ?? $0 })
                == "覆盖 1/2 区县 · 缺 茌平区 2023-02、2025-02 · 仅比较两年均有的月份")
    }

    /// 东昌府区 has 40 of 50 clinics upgraded; 茌平区 reports 30 upgraded but
    /// not its clinics: the share is 40/50 = 80 %, not 70/50 = 140 %, and
    /// 茌平区 is named as lacking.
    @Test func sharesCountOnlyCountiesWithBothParts() throws {
        let fixture = try F()
        try fixture.report(F.countyA, "health", "2026-03", [("village_clinics_upgraded", 40), ("village_clinics", 50)])
        try fixture.report(F.countyB, "health", "2026-03", [("village_clinics_upgraded", 30)])
        let figure = try #require(
            try fixture.engine().figure(
                "village_clinic_upgrade_rate", region: F.city,
                period: Self.march, span: .yearToDate))
        #expect(figure.value == 80)
        #expect(figure.isPlausible)
        #expect(figure.coverage.complete == [F.countyA])
        #expect(figure.coverage.missing == [RegionMonth(region: F.countyB, period: Self.march)])
        #expect(!figure.sources.contains { $0.region == F.countyB })
    }

    @Test func ratesNeedTheirWeightToCount() throws {
        let fixture = try F()
        try fixture.report(
            F.countyA, "agriculture", "2026-03", [("crop_mechanisation_rate", 90), ("crop_sown_area", 100)])
        try fixture.report(F.countyB, "agriculture", "2026-03", [("crop_mechanisation_rate", 60)])
        let figure = try #require(
            try fixture.engine().figure(
                "crop_mechanisation_rate", region: F.city, period: Self.march,
                span: .yearToDate))
        #expect(figure.value == 90)
        #expect(figure.coverage.missing == [RegionMonth(region: F.countyB, period: Self.march)])
    }
}
