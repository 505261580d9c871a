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

    /// The plans were issued in 2024 against figures of 2023.
    public static let baseYear = 2023
    /// The first month the plans' work counts.
    public static let planStart = Period(year: baseYear + 1, month: 1)!

    /// Measures the figure of the target's region at `period` against it.
    ///
    /// - A flow's target is a year's total (or, with `since`, the total
    ///   since that year): the way starts at 0 and runs over the months of
    ///   the year (or since January of `since`), so that March is due a
    ///   quarter of a yearly target.
    /// - Stocks, cumulative counts and rates run from their figure at the
    ///   end of 2023 (0 for a growth over the base year, and when 2023 is
    ///   unknown) over the months from 2024-01 to the end of the target year.
    public static func evaluate(_ target: Target, at period: Period, engine: RollupEngine) -> TargetEvaluation {
        let end = Period(year: target.year, month: 12)!
        let month = min(period, end)
        let indicator = engine.catalog.indicator(code: target.indicator)
        let isFlow = indicator?.time == .flow
        let span: FigureSpan = isFlow ? target.entry.since.map { .since(year: $0) } ?? .yearToDate : .yearToDate
        let current = engine.figureOrReport(target.indicator, region: target.region, period: month, span: span)

        let base: Double
        let elapsed: Double
        if isFlow {
            base = 0
            let start = span.start(endingAt: month)
            elapsed = Double(start.months(to: month) + 1) / Double(start.months(to: Period(year: month.year, month: 12)!) + 1)
        } else {
            base = indicator.flatMap { baseFigure(of: $0, region: target.region, engine: engine) } ?? 0
            elapsed = Double(planStart.months(to: month) + 1) / Double(planStart.months(to: end) + 1)
        }
        let progress = TargetProgress.evaluate(current: current?.value, base: base, target: target.value,
                                               operator: target.op, elapsed: elapsed)
        return TargetEvaluation(target: target, period: month, current: current, base: base,
                                elapsed: min(max(elapsed, 0), 1), progress: progress)
    }

    /// The figure at the end of the base year; a growth over the base year is 0 there by definition.
    private static func baseFigure(of indicator: Indicator, region: String, engine: RollupEngine) -> Double? {
        if case .growth = indicator.method { return 0 }
        let end = Period(year: baseYear, month: 12)!
        return engine.figureOrReport(indicator.code, region: region, period: end, span: .yearToDate)?.value
    }

    /// Of one plan's targets for one indicator and region, the one a period
    /// answers to: the first whose year is not past, else the latest.
    public static func governing(_ targets: [Target], at period: Period) -> Target? {
        let byYear = targets.sorted { $0.year < $1.year }
        return byYear.first { $0.year >= period.year } ?? byYear.last
    }
}
