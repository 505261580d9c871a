import Catalog
import Foundation
import Testing
import Vocabulary

@testable import Rollup

@Suite struct TargetEvaluationTests {
    typealias F = RollupFixture

    /// 聊城's city plan: NEVs in use ≥ 180,000 by 2025.
    static let nevTarget = F.catalog.targets(region: F.city).first {
        $0.plan == "liaocheng-2024" && $0.indicator == "nev_stock" && $0.year == 2025
    }!

    /// The target at 2025-06 with 100,000 NEVs at the end of 2023: 18 of 24
    /// months have passed, so 100,000 + 0.75 × 80,000 = 160,000 is due.
    func evaluate(june: Double?) throws -> TargetEvaluation {
        let fixture = try F()
        try fixture.report(F.countyA, "commerce", "2023-12", [("nev_stock", 60_000)])
        try fixture.report(F.countyB, "commerce", "2023-12", [("nev_stock", 40_000)])
        if let june { try fixture.report(F.countyA, "commerce", "2025-06", [("nev_stock", june)]) }
        return TargetEvaluation.evaluate(
            Self.nevTarget, at: Period(year: 2025, month: 6)!, engine: try fixture.engine())
    }

    @Test func statusBoundaries() throws {
        #expect(Self.nevTarget.value == 180_000)
        let due = try evaluate(june: 160_000)
        #expect(due.base == 100_000)
        #expect(due.elapsed == 0.75)
        #expect(due.progress.status == .onTrack)
        #expect(abs(due.progress.completion! - 160_000.0 / 180_000) < 1e-12)
        #expect(try evaluate(june: 159_999).progress.status == .behind)
        #expect(try evaluate(june: 180_000).progress == TargetProgress(completion: 1, status: .met))
        let none = try evaluate(june: nil)
        #expect(none.progress == TargetProgress(completion: nil, status: .noData))
        #expect(none.current == nil)
    }

    @Test func theWayRunsFromTheBaseToTheTarget() {
        #expect(TargetProgress.due(base: 100_000, target: 180_000, operator: .atLeast, elapsed: 0.75) == 160_000)
        #expect(TargetProgress.due(base: 0, target: -95, operator: .atMost, elapsed: 0.5) == -47.5)
        #expect(TargetProgress.due(base: 60, target: 100, operator: .equal, elapsed: 1.5) == 100)
        // A base that already keeps the target leaves only the target to keep, not a way down (or up) to it.
        #expect(TargetProgress.due(base: 12, target: 1, operator: .atLeast, elapsed: 0.5) == 1)
        #expect(TargetProgress.due(base: 3, target: 5, operator: .atMost, elapsed: 0.5) == 5)
    }

    /// 聊城 had 200,000 NEVs at the end of 2023, past the 180,000 of 2025:
    /// every month is due the target itself, and a fall below it is 滞后.
    @Test func aTargetTheBaseAlreadyKeepsIsDueFlat() throws {
        let fixture = try F()
        try fixture.report(F.countyA, "commerce", "2023-12", [("nev_stock", 120_000)])
        try fixture.report(F.countyB, "commerce", "2023-12", [("nev_stock", 80_000)])
        try fixture.report(F.countyA, "commerce", "2025-06", [("nev_stock", 179_000)])
        let engine = try fixture.engine()
        for month in ["2024-01", "2024-12", "2025-06", "2025-12"] {
            let evaluation = TargetEvaluation.evaluate(Self.nevTarget, at: Period(month)!, engine: engine)
            #expect(evaluation.base == 200_000)
            #expect(evaluation.due == 180_000, "\(month)")
        }
        let june = TargetEvaluation.evaluate(Self.nevTarget, at: Period("2025-06")!, engine: engine)
        #expect(june.progress.status == .behind)
    }

    @Test func flowTargetsArePacedOverTheYear() throws {
        // 报废汽车 ≥ 40,000 in 2025: by March a quarter, 10,000, is due.
        let target = try #require(
            F.catalog.targets(region: F.city).first {
                $0.plan == "liaocheng-2024" && $0.indicator == "scrapped_vehicles" && $0.year == 2025
            })
        let fixture = try F()
        for month in ["2025-01", "2025-02", "2025-03"] {
            try fixture.report(F.countyA, "commerce", month, [("scrapped_vehicles", 3_000)])
            try fixture.report(F.countyB, "commerce", month, [("scrapped_vehicles", 334)])
        }
        let evaluation = TargetEvaluation.evaluate(
            target, at: Period(year: 2025, month: 3)!, engine: try fixture.engine())
        #expect(evaluation.current?.value == 10_002)
        #expect(evaluation.base == 0)
        #expect(evaluation.elapsed == 0.25)
        #expect(evaluation.progress.status == .onTrack)
    }

    @Test func aPastTargetYearIsMeasuredAtItsDecember() throws {
        let fixture = try F()
        try fixture.report(F.countyA, "commerce", "2025-12", [("nev_stock", 181_000)])
        try fixture.report(F.countyA, "commerce", "2026-03", [("nev_stock", 10)])
        let evaluation = TargetEvaluation.evaluate(
            Self.nevTarget, at: Period(year: 2026, month: 3)!, engine: try fixture.engine())
        #expect(evaluation.period == Period(year: 2025, month: 12)!)
        #expect(evaluation.progress.status == .met)
    }

    @Test func governingTargetIsTheFirstYearNotPast() {
        let targets = F.catalog.targets(region: F.city).filter {
            $0.indicator == "nev_stock" && $0.plan == "liaocheng-2024"
        }
        #expect(
            TargetEvaluation.governing(targets, at: Period(year: 2024, month: 5)!)?.year == targets.map(\.year).min())
        #expect(
            TargetEvaluation.governing(targets, at: Period(year: 2030, month: 1)!)?.year == targets.map(\.year).max())
    }
}
