import Catalog
import Vocabulary

/// The figure a city (or province) department reported directly, beside
/// the sum of its counties, with the difference flagged past a tolerance.
public struct CityReportedFigure: Equatable, Sendable {
    /// From the counties, by the indicator's method.
    public var fromCounties: RegionFigure?
    /// From the region's own reports.
    public var reported: RegionFigure?

    /// Differences up to 1 % of the counties' figure, or half a unit when
    /// that is more, are rounding and late corrections, not disagreement:
    /// counties report whole vehicles while a city may report 万辆 to two
    /// decimals (±50 vehicles), and rates are written to one decimal.
    public static let relativeTolerance = 0.01
    public static let absoluteTolerance = 0.5

    public init(fromCounties: RegionFigure?, reported: RegionFigure?) {
        self.fromCounties = fromCounties
        self.reported = reported
    }

    /// The reported figure minus the counties'; nil unless both exist.
    public var difference: Double? {
        guard let reported, let fromCounties else { return nil }
        return reported.value - fromCounties.value
    }

    /// True when both exist and differ by more than the tolerance.
    public var isFlagged: Bool {
        guard let difference, let base = fromCounties?.value else { return false }
        return abs(difference) > max(Self.absoluteTolerance, abs(base) * Self.relativeTolerance)
    }
}

extension RollupEngine {
    /// The region's counties' figure beside its own reported one.
    public func cityReportedFigure(_ indicator: String, region: String, period: Period, span: FigureSpan)
        -> CityReportedFigure
    {
        CityReportedFigure(
            fromCounties: figure(indicator, region: region, period: period, span: span),
            reported: reportedFigure(indicator, region: region, period: period, span: span))
    }
}
