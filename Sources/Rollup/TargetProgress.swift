import Catalog

/// Where a figure stands against one target of a plan.
public enum ProgressStatus: String, Sendable, Codable, CaseIterable {
    /// The target is reached.
    case met = "已达标"
    /// Not reached, but at or past the elapsed share of the way from the
    /// base to the target.
    case onTrack = "进度正常"
    /// Short of the elapsed share of the way.
    case behind = "滞后"
    /// The target year is over and the target not reached.
    case missed = "未达标"
    /// No figure for the period.
    case noData = "无数据"

    /// English beside the Chinese, for logs and the CLI.
    public var english: String {
        switch self {
        case .met: "met"
        case .onTrack: "on track"
        case .behind: "behind"
        case .missed: "missed"
        case .noData: "no data"
        }
    }
}

/// Completion (达成率) and status of a figure against a target.
public struct TargetProgress: Equatable, Sendable {
    /// 达成率: 1 (100 %) exactly when the target is reached, above 1 only
    /// beyond it. For "at least" targets the figure over the target; for
    /// "at most" targets the share of the way from the base down to the
    /// target that is done, (base − figure) / (base − target) — so that
    /// −80 % against 基本淘汰 (≤ −95 % from 0) reads 84.2 %, −97 % reads
    /// 102.1 %. A cap the base already keeps (base ≤ target) reads 100 %
    /// while kept, else target / figure when both are positive.
    /// nil when it cannot be computed.
    public var completion: Double?
    public var status: ProgressStatus

    /// Relative tolerance for "about" (≈) targets: 左右 in a plan is read as
    /// within 5 % of the value.
    public static let aboutTolerance = 0.05

    /// - Parameters:
    ///   - current: the figure now, or nil when nothing was reported.
    ///   - base: the figure at the start of the plan (the base year).
    ///   - target: the plan's value.
    ///   - elapsed: the share of the time from the base to the target year
    ///     that has passed, 0...1.
    public static func evaluate(
        current: Double?, base: Double, target: Double,
        operator op: TargetOperator, elapsed: Double
    ) -> TargetProgress {
        guard let current else { return TargetProgress(completion: nil, status: .noData) }
        let share = min(max(elapsed, 0), 1)
        switch op {
        case .atLeast, .equal, .about:
            let completion = target == 0 ? nil : current / target
            let reached =
                op == .about
                ? abs(current - target) <= abs(target) * aboutTolerance || current >= target
                : current >= target
            if reached { return TargetProgress(completion: completion, status: .met) }
            let due = due(base: base, target: target, operator: op, elapsed: share)
            return TargetProgress(completion: completion, status: current >= due ? .onTrack : .behind)
        case .atMost:
            let completion: Double?
            if base > target {
                completion = (base - current) / (base - target)
            } else if current <= target {
                completion = 1
            } else {
                completion = target > 0 && current > 0 ? target / current : nil
            }
            if current <= target { return TargetProgress(completion: completion, status: .met) }
            let due = due(base: base, target: target, operator: op, elapsed: share)
            return TargetProgress(completion: completion, status: current <= due ? .onTrack : .behind)
        }
    }

    /// The figure due once `elapsed` of the time has passed: the straight way
    /// from the base to the target. When the base already keeps the target
    /// (at least 1 with 12 at the start, at most 5 % with 3 %) there is no
    /// way to go, only the target to keep: the target itself is due, and the
    /// trend charts draw it flat rather than a way down to it.
    public static func due(base: Double, target: Double, operator op: TargetOperator, elapsed: Double) -> Double {
        let kept = op == .atMost ? base <= target : base >= target
        if kept { return target }
        return base + min(max(elapsed, 0), 1) * (target - base)
    }
}
