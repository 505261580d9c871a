import Catalog
import Testing

@testable import Rollup

@Suite struct TargetProgressTests {
    // Base 100 in 2023, target 200 in 2025, half the time elapsed: 150 is due.
    @Test func atLeastTargetsCompareWithTheElapsedShare() {
        let met = TargetProgress.evaluate(current: 200, base: 100, target: 200, operator: .atLeast, elapsed: 0.5)
        #expect(met == TargetProgress(completion: 1, status: .met))
        let onTrack = TargetProgress.evaluate(current: 150, base: 100, target: 200, operator: .atLeast, elapsed: 0.5)
        #expect(onTrack == TargetProgress(completion: 0.75, status: .onTrack))
        let behind = TargetProgress.evaluate(current: 149.99, base: 100, target: 200, operator: .atLeast, elapsed: 0.5)
        #expect(behind.status == .behind)
    }

    @Test func atMostTargetsRunDownward() {
        // Base 50 old machines, to be at most 10: at half time 30 is due.
        #expect(
            TargetProgress.evaluate(current: 10, base: 50, target: 10, operator: .atMost, elapsed: 0.5).status == .met)
        #expect(
            TargetProgress.evaluate(current: 30, base: 50, target: 10, operator: .atMost, elapsed: 0.5).status
                == .onTrack)
        #expect(
            TargetProgress.evaluate(current: 31, base: 50, target: 10, operator: .atMost, elapsed: 0.5).status
                == .behind)
        // 达成率 of a cap is the way done: 50 → 20 is 30 of the 40 to go.
        #expect(
            TargetProgress.evaluate(current: 20, base: 50, target: 10, operator: .atMost, elapsed: 0.5).completion
                == 0.75)
        #expect(
            TargetProgress.evaluate(current: 10, base: 50, target: 10, operator: .atMost, elapsed: 0.5).completion == 1)
    }

    /// ≤ −95 % from 0 (基本淘汰): −80 % is 80/95 of the way, −97 % beyond it; a
    /// cap the base keeps (≤ 3 from 0) reads 100 % while kept, 3/4 at 4.
    @Test func atMostCompletionIsOneExactlyWhenMet() {
        let short = TargetProgress.evaluate(current: -80, base: 0, target: -95, operator: .atMost, elapsed: 1)
        #expect(short.completion == 80.0 / 95 && short.status == .behind)
        let beyond = TargetProgress.evaluate(current: -97, base: 0, target: -95, operator: .atMost, elapsed: 1)
        #expect(beyond.completion == 97.0 / 95 && beyond.status == .met)
        #expect(
            TargetProgress.evaluate(current: 2, base: 0, target: 3, operator: .atMost, elapsed: 0.5)
                == TargetProgress(completion: 1, status: .met))
        #expect(
            TargetProgress.evaluate(current: 4, base: 0, target: 3, operator: .atMost, elapsed: 1).completion == 0.75)
    }

    @Test func aboutTargetsAcceptFivePercent() {
        #expect(TargetProgress.evaluate(current: 95, base: 0, target: 100, operator: .about, elapsed: 1).status == .met)
        #expect(
            TargetProgress.evaluate(current: 94.9, base: 0, target: 100, operator: .about, elapsed: 1).status == .behind
        )
    }

    @Test func missingFigureHasNoData() {
        #expect(
            TargetProgress.evaluate(current: nil, base: 0, target: 1, operator: .atLeast, elapsed: 0.2)
                == TargetProgress(completion: nil, status: .noData))
    }
}
