import Catalog
import Rollup
import Sheets
import Vocabulary

/// One target's way, month by month: the region's figure as the target
/// measures it, beside the straight path from the base to the target that
/// 时间进度 and 达成率 compare it with (`TargetEvaluation`). What the
/// 趋势图 charts and their SVG images show.
public struct TargetTrend: Equatable, Sendable {
    public var indicator: Indicator
    public var target: Target
    public var planTitle: String
    /// The department leading the indicator, e.g. 商务局.
    public var leadDepartment: String
    /// From the first month of the way to December of the target year.
    public var months: [Period]
    /// The figure of each month up to the roll-up's period; nil where there is none or the month is later.
    public var actual: [Double?]
    /// The figure due at each month (`TargetEvaluation.due`): the way from the base to the target, or the target kept.
    public var path: [Double]
    /// The target's evaluation at the roll-up's period: 当前值, 时间进度, 达成率, status.
    public var evaluation: TargetEvaluation
    /// The region's counties (a province's cities) measured as the target measures the region, at the period.
    public var parts: [PartFigure]

    public struct PartFigure: Equatable, Sendable {
        public var region: String
        public var value: Double?
    }

    /// `≥ 180,000（2025年）`
    public var targetText: String {
        "\(target.op.symbol) \(ValueText.format(target.value, Self.format(target.value)))（\(target.year)年）"
    }

    /// Thousands separators for large figures, one decimal for small ones (rates in %, ratios).
    var valueFormat: NumberFormat {
        Self.format((actual.compactMap { $0 } + path).map(abs).max() ?? 0)
    }

    private static func format(_ magnitude: Double) -> NumberFormat {
        magnitude >= 100 || magnitude.rounded() == magnitude ? .thousands : NumberFormat("0.0")
    }

    /// The trends of the targets the region's plans set for the region itself, one per target as
    /// the plan writes it (its years together: the one the period answers to), as 总览 lists them
    /// and the portal's 目标进度 shows them.
    public static func trends(region: Region, period: Period, engine: RollupEngine) -> [TargetTrend] {
        var entries: [TargetEntry] = []
        var years: [TargetEntry: [Target]] = [:]
        for target in engine.catalog.targets(region: region.code) {
            if years[target.entry] == nil { entries.append(target.entry) }
            years[target.entry, default: []].append(target)
        }
        return entries.compactMap { entry in
            TargetEvaluation.governing(years[entry]!, at: period).flatMap {
                trend(of: $0, period: period, engine: engine)
            }
        }
    }

    /// One target's trend at `period`; nil when the catalog has no such indicator.
    static func trend(of target: Target, period: Period, engine: RollupEngine) -> TargetTrend? {
        guard let indicator = engine.catalog.indicator(code: target.indicator) else { return nil }
        return trend(of: target, indicator: indicator, period: period, engine: engine)
    }

    private static func trend(of target: Target, indicator: Indicator, period: Period, engine: RollupEngine)
        -> TargetTrend
    {
        let end = Period(year: target.year, month: 12)!
        // A flow's way runs over the months its figure sums (its year, or since `since`); the others' from the plans' start.
        let first =
            indicator.time == .flow
            ? TargetEvaluation.span(of: target, in: engine.catalog).start(endingAt: end)
            : TargetEvaluation.planStart
        var months: [Period] = []
        var month = first
        while month <= end {
            months.append(month)
            month = month.advanced(by: 1)
        }
        var actual: [Double?] = []
        var path: [Double] = []
        let evaluation = TargetEvaluation.evaluate(target, at: period, engine: engine)
        let parts = engine.parts(of: target.region).map { part in
            var measured = target
            measured.region = part.code
            return PartFigure(
                region: part.name,
                value: TargetEvaluation.evaluate(measured, at: period, engine: engine).current?.value)
        }
        for month in months {
            let evaluation = TargetEvaluation.evaluate(target, at: month, engine: engine)
            actual.append(month <= period ? evaluation.current?.value : nil)
            path.append(evaluation.due)
        }
        return TargetTrend(
            indicator: indicator, target: target,
            planTitle: engine.catalog.plan(id: target.plan)?.title ?? target.plan,
            leadDepartment: engine.catalog.department(code: indicator.lead)?.name ?? indicator.lead,
            months: months, actual: actual, path: path, evaluation: evaluation, parts: parts)
    }
}
