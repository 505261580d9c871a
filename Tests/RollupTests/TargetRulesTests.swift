import Catalog
import Foundation
import Testing
import Vocabulary

@testable import Rollup

/// The rules of issue 13, each on a small ledger computed by hand.
@Suite struct TargetRulesTests {
    typealias F = RollupFixture

    static let xuecheng = "370403"
    static let jiaxiang = "370829"

    static func target(
        _ plan: String, _ indicator: String, _ year: Int, _ op: TargetOperator = .atLeast,
        region: String? = nil
    ) throws -> Target {
        try #require(
            F.catalog.targets.first {
                $0.plan == plan && $0.indicator == indicator && $0.year == year && $0.op == op
                    && (region == nil || $0.region == region)
            })
    }

    static func at(_ text: String) -> Period { Period(text)! }

    /// 薛城 "到2027年底，更新改造燃气管网100公里以上" counted since 2024: 30 km in
    /// 2024-06, 20 in 2025-03, 15 in 2026-05. At 2026-10 the elapsed share is
    /// 34 of the 48 months 2024-01…2027-12 (not 10 of 12); at 2025-12 it is 24/48.
    @Test func sinceTargetsRunToTheTargetYear() throws {
        let target = try Self.target("xuecheng-2024", "gas_pipes_renewed", 2027)
        #expect(target.entry.since == 2024)
        let fixture = try F()
        for (month, km) in [("2024-06", 30.0), ("2025-03", 20), ("2026-05", 15)] {
            try fixture.report(Self.xuecheng, "housing", month, [("gas_pipes_renewed", km)])
        }
        let engine = try fixture.engine()
        let october = TargetEvaluation.evaluate(target, at: Self.at("2026-10"), engine: engine)
        #expect(october.current?.value == 65)
        #expect(october.elapsed == 34.0 / 48)
        #expect(october.progress.completion == 0.65)
        // 65 < 100 × 34/48 = 70.8 due.
        #expect(october.progress.status == .behind)
        let december = TargetEvaluation.evaluate(target, at: Self.at("2025-12"), engine: engine)
        #expect(december.current?.value == 50)
        #expect(december.elapsed == 0.5)
        // 50 of 100 with half the time gone: on track, and 2025 is not the target year.
        #expect(december.progress.status == .onTrack)
    }

    /// 基本淘汰 is ≤ −95 % on 2023. 2,000 trucks in 2023 (1,000 in each county).
    func dieselChange(at month: String, _ a: Double, _ b: Double) throws -> TargetEvaluation {
        let target = try Self.target("liaocheng-2024", "diesel_trucks_nonop_g3_change", 2025, .atMost)
        let fixture = try F()
        let period = Self.at(month)
        for base in ["2023-12", "2023-\(String(format: "%02d", period.month))"] {
            try fixture.report(F.countyA, "public-security", base, [("diesel_trucks_nonop_g3", 1000)])
            try fixture.report(F.countyB, "public-security", base, [("diesel_trucks_nonop_g3", 1000)])
        }
        try fixture.report(F.countyA, "public-security", month, [("diesel_trucks_nonop_g3", a)])
        try fixture.report(F.countyB, "public-security", month, [("diesel_trucks_nonop_g3", b)])
        return TargetEvaluation.evaluate(target, at: period, engine: try fixture.engine())
    }

    @Test func atMostNegativeTargetsReadAsTheShareOfTheWayDone() throws {
        // 2025-06: 200 of 2,000 left, −90 %: 90/95 of the way, due 0.75 × 95 = 71.25.
        let june = try dieselChange(at: "2025-06", 150, 50)
        #expect(abs(june.current!.value - -90) < 1e-9)
        #expect(june.base == 0)
        #expect(abs(june.progress.completion! - 90.0 / 95) < 1e-12)
        #expect(june.progress.status == .onTrack)
        // 2025-12: −92.5 % — short at the year's end: 未达标, and below 100 %.
        let short = try dieselChange(at: "2025-12", 100, 50)
        #expect(abs(short.progress.completion! - 92.5 / 95) < 1e-12)
        #expect(short.progress.status == .missed)
        // −98.5 %: beyond the target, above 100 %, met.
        let met = try dieselChange(at: "2025-12", 20, 10)
        #expect(abs(met.progress.completion! - 98.5 / 95) < 1e-12)
        #expect(met.progress.status == .met)
    }

    /// 嘉祥 "全县公共充电桩保有量年均增长40%以上" every year: 1,000 chargers in
    /// 2023-10, 2,700 in 2026-10 is (2.7^(1/3) − 1) = 39.25 % a year — short
    /// (滞后, no ramp from 0), and 未达标 once 2026 is over; 2,745 is 40.01 %, met.
    @Test func everyYearGrowthTargetsAreMetOrShortEachYear() throws {
        let target = try Self.target("jiaxiang-2024", "public_chargers_growth", 2026)
        #expect(target.isEveryYear)
        func evaluate(_ chargers: Double, at month: String) throws -> TargetEvaluation {
            let fixture = try F()
            let period = Self.at(month)
            try fixture.report(
                Self.jiaxiang, "energy", "2023-\(String(format: "%02d", period.month))",
                [("public_chargers", 1000)])
            try fixture.report(Self.jiaxiang, "energy", month, [("public_chargers", chargers)])
            return TargetEvaluation.evaluate(target, at: period, engine: try fixture.engine())
        }
        let october = try evaluate(2700, at: "2026-10")
        #expect(abs(october.current!.value - (pow(2.7, 1.0 / 3) - 1) * 100) < 1e-9)
        #expect(october.elapsed == 1)
        #expect(october.progress.status == .behind)
        #expect(try evaluate(2700, at: "2026-12").progress.status == .missed)
        #expect(try evaluate(2745, at: "2026-10").progress.status == .met)
    }

    /// "到2025年…达到35%" is where 2025 ends: 2025-12's rate weighted by that
    /// month's output, (36 × 100 + 30 × 200) / 300 = 32 %, not the months'
    /// mean (40·100 + 30·100 + 36·100 + 30·200) / 500 = 33.2 %.
    @Test func stockLikeRatesAreYearEndValuesAndFlowRatesYearAverages() throws {
        let fixture = try F()
        for (month, rateA, outputA, rateB, outputB) in [
            ("2025-11", 40.0, 100.0, 30.0, 100.0),
            ("2025-12", 36, 100, 30, 200),
        ] {
            try fixture.report(
                F.countyA, "industry", month,
                [("energy_benchmark_capacity_share", rateA), ("industrial_output", outputA)])
            try fixture.report(
                F.countyB, "industry", month,
                [("energy_benchmark_capacity_share", rateB), ("industrial_output", outputB)])
        }
        // 漏损率 held every year is the year's mean: 10 % of 100 t and 5 % of 300 t → 6.25 %.
        try fixture.report(
            F.countyA, "housing", "2025-11", [("water_network_leakage_rate", 10), ("water_supplied", 100)])
        try fixture.report(
            F.countyA, "housing", "2025-12", [("water_network_leakage_rate", 5), ("water_supplied", 300)])
        let engine = try fixture.engine()
        #expect(engine.rateTime(of: "energy_benchmark_capacity_share") == .end)
        #expect(engine.rateTime(of: "water_network_leakage_rate") == .average)
        // Weighted by a stock, and no x-time: the year's end.
        #expect(engine.rateTime(of: "crop_mechanisation_rate") == .end)
        let december = Self.at("2025-12")
        #expect(
            engine.figure(
                "energy_benchmark_capacity_share", region: F.city, period: december,
                span: .yearToDate)?.value == 32)
        #expect(
            engine.figure(
                "water_network_leakage_rate", region: F.city, period: december,
                span: .yearToDate)?.value == 6.25)
        let target = try Self.target("liaocheng-2024", "energy_benchmark_capacity_share", 2025)
        let evaluation = TargetEvaluation.evaluate(target, at: december, engine: engine)
        #expect(evaluation.current?.value == 32)
        #expect(evaluation.progress.status == .missed)
    }

    /// A cap the base already keeps (薛城 好品 ≤ 3 a year from 0): 100 % while kept.
    @Test func capsAreEvaluatedBesideTheirFloor() throws {
        let floor = try Self.target("xuecheng-2024", "haopin_products", 2026, .atLeast)
        let cap = try Self.target("xuecheng-2024", "haopin_products", 2026, .atMost)
        let fixture = try F()
        try fixture.report(Self.xuecheng, "market-regulation", "2026-03", [("haopin_products", 2)])
        try fixture.report(Self.xuecheng, "market-regulation", "2026-09", [("haopin_products", 2)])
        let engine = try fixture.engine()
        let october = Self.at("2026-10")
        #expect(TargetEvaluation.evaluate(floor, at: october, engine: engine).progress.status == .met)
        let over = TargetEvaluation.evaluate(cap, at: october, engine: engine)
        // 4 selected against at most 3: 3/4.
        #expect(over.current?.value == 4)
        #expect(over.progress.completion == 0.75)
        #expect(over.progress.status == .behind)
        #expect(TargetEvaluation.evaluate(cap, at: Self.at("2026-12"), engine: engine).progress.status == .missed)
    }

    @Test func afterTheTargetYearShortBecomesMissedAndMetStays() throws {
        let target = TargetEvaluationTests.nevTarget
        func evaluate(_ december: Double, at month: String) throws -> ProgressStatus {
            let fixture = try F()
            try fixture.report(F.countyA, "commerce", "2023-12", [("nev_stock", 100_000)])
            try fixture.report(F.countyA, "commerce", "2025-11", [("nev_stock", 178_000)])
            try fixture.report(F.countyA, "commerce", "2025-12", [("nev_stock", december)])
            return TargetEvaluation.evaluate(target, at: Self.at(month), engine: try fixture.engine()).progress.status
        }
        // 2025-11: 178,000 ≥ 100,000 + 23/24 × 80,000 = 176,667 due.
        #expect(try evaluate(179_999, at: "2025-11") == .onTrack)
        #expect(try evaluate(179_999, at: "2025-12") == .missed)
        #expect(try evaluate(179_999, at: "2026-04") == .missed)
        #expect(try evaluate(180_000, at: "2026-04") == .met)
    }

    /// Two counties' 1E+308 overflow; a share above 100 % leaves its range: neither is published.
    @Test func implausibleTotalsAreWithheld() throws {
        let fixture = try F()
        try fixture.report(F.countyA, "industry", "2026-01", [("industrial_output", 1e308)])
        try fixture.report(F.countyB, "industry", "2026-01", [("industrial_output", 1e308)])
        try fixture.report(F.countyA, "transport", "2026-01", [("new_buses", 10), ("new_nev_buses", 15)])
        let engine = try fixture.engine()
        let january = Self.at("2026-01")
        let output = try #require(engine.figure("industrial_output", region: F.city, period: january, span: .month))
        #expect(output.value == .infinity)
        #expect(!output.isPlausible)
        #expect(output.published == nil)
        let share = try #require(engine.figure("nev_bus_share", region: F.city, period: january, span: .month))
        #expect(share.value == 150)
        #expect(share.published == nil)
        // A county's own 1E+308 is in range.
        #expect(
            engine.figure("industrial_output", region: F.countyA, period: january, span: .month)?.published == 1e308)
    }
}
