import Catalog
import Vocabulary

/// A region's figure against one target of a plan: the figure, where the
/// way to the target starts, how much of its time has passed, and the
/// resulting completion (达成率) and status.
public struct TargetEvaluation: Equatable, Sendable {
    public var target: Target
    /// The month the figure is for: the period, or December of the target
    /// year once that year is over.
    public var period: Period
    /// The figure compared with the target: the counties' figure, or the
    /// region's own report when no county sent one.
    public var current: RegionFigure?
    /// Where the way to the target starts (the base-year figure, or 0).
    public var base: Double
    /// Share of the way's time passed, 0...1.
    public var elapsed: Double
    public var progress: TargetProgress

    /// The figure due at `period` on the way to the target (`TargetProgress.due`).
    public var due: Double {
        TargetProgress.due(base: base, target: target.value, operator: target.op, elapsed: elapsed)
    }

    /// The plans were issued in 2024 against figures of 2023.
    public static let baseYear = 2023
    /// The first month the plans' work counts.
    public static let planStart = Period(year: baseYear + 1, month: 1)!

    /// Measures the figure of the target's region at `period` against it.
    ///
    /// - A flow's target is a year's total (or, with `since`, the total
    ///   since that year): the way starts at 0 and runs over the target
    ///   year's months (or every month from January of `since` to the end of
    ///   the target year), so that March is due a quarter of a yearly target
    ///   and 2026-10 is due 34/48 of a total to reach by 2027 since 2024.
    /// - A stock, cumulative count or rate the plan sets for every year is
    ///   reached or not each year: the whole target is due at once.
    /// - Other stocks, cumulative counts and rates run from their figure at
    ///   the end of 2023 (0 for a growth over the base year, and when 2023
    ///   is unknown) over the months from 2024-01 to the end of the target year.
    /// - Once the target year's December is reached, a target not reached
    ///   is 未达标, not 滞后: no time is left.
    /// An implausible figure (see `RegionFigure.isPlausible`) is not measured: 无数据.
    public static func evaluate(_ target: Target, at period: Period, engine: RollupEngine) -> TargetEvaluation {
        let end = Period(year: target.year, month: 12)!
        let month = min(period, end)
        let indicator = engine.catalog.indicator(code: target.indicator)
        let current = engine.figureOrReport(
            target.indicator, region: target.region, period: month,
            span: span(of: target, in: engine.catalog))

        let base: Double
        let elapsed: Double
        if indicator?.time == .flow {
            base = 0
            elapsed = share(from: Period(year: target.entry.since ?? target.year, month: 1)!, at: month, to: end)
        } else if target.isEveryYear {
            base = indicator.flatMap { baseFigure(of: $0, region: target.region, engine: engine) } ?? 0
            elapsed = 1
        } else {
            base = indicator.flatMap { baseFigure(of: $0, region: target.region, engine: engine) } ?? 0
            elapsed = share(from: planStart, at: month, to: end)
        }
        var progress = TargetProgress.evaluate(
            current: current?.published, base: base, target: target.value,
            operator: target.op, elapsed: elapsed)
        if month == end, progress.status == .behind || progress.status == .onTrack { progress.status = .missed }
        return TargetEvaluation(
            target: target, period: month, current: current, base: base,
            elapsed: elapsed, progress: progress)
    }

    /// The months from `start` to `month` over those from `start` to `end`, both counted whole, in 0...1.
    static func share(from start: Period, at month: Period, to end: Period) -> Double {
        let share = Double(start.months(to: month) + 1) / Double(start.months(to: end) + 1)
        return min(max(share, 0), 1)
    }

    /// The months a target's figure covers: a flow's year to date (or since
    /// the year its total counts from), any other indicator's period end.
    public static func span(of target: Target, in catalog: Catalog) -> FigureSpan {
        guard catalog.indicator(code: target.indicator)?.time == .flow else { return .yearToDate }
        return target.entry.since.map { .since(year: $0) } ?? .yearToDate
    }

    /// The figure at the end of the base year (none when implausible); a growth over the base year is 0 there by definition.
    private static func baseFigure(of indicator: Indicator, region: String, engine: RollupEngine) -> Double? {
        if case .growth = indicator.method { return 0 }
        let end = Period(year: baseYear, month: 12)!
        return engine.figureOrReport(indicator.code, region: region, period: end, span: .yearToDate)?.published
    }

    /// Of one plan's targets for one indicator and region, the one a period
    /// answers to: the first whose year is not past, else the latest.
    public static func governing(_ targets: [Target], at period: Period) -> Target? {
        let byYear = targets.sorted { $0.year < $1.year }
        return byYear.first { $0.year >= period.year } ?? byYear.last
    }
}
