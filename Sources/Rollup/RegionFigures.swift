import Catalog
import Vocabulary

/// The months a figure covers, ending at its period.
public enum FigureSpan: Hashable, Sendable {
    /// The period's month alone.
    case month
    /// January of the period's year to the period.
    case yearToDate
    /// January of `year` to the period: the total a plan counts "since 2024".
    case since(year: Int)

    /// The first month covered when the span ends at `period`.
    public func start(endingAt period: Period) -> Period {
        switch self {
        case .month: period
        case .yearToDate: Period(year: period.year, month: 1)!
        case .since(let year): Period(year: min(year, period.year), month: 1)!
        }
    }

    /// `月`, `累计` or `2024年以来`, for column headers.
    public var label: String {
        switch self {
        case .month: "当月"
        case .yearToDate: "年累计"
        case .since(let year): "\(year)年以来"
        }
    }
}

/// One reported figure behind a roll-up: which region reported what, in
/// which file and cell.
public struct FigureSource: Hashable, Comparable, Sendable, Codable {
    /// The region the figure is for (a county, a town, or the city itself).
    public var region: String
    public var indicator: String
    public var period: Period
    /// In the indicator's canonical unit.
    public var value: Double
    /// The cell's text as written (`2.0655`) and the unit beside it (`万辆`), so the cell can be recognised.
    public var writtenValue: String
    public var writtenUnit: String?
    /// The file under `Inbox/`.
    public var path: String
    public var sheet: String?
    public var cell: String?
    public var versionId: Int64

    public static func < (lhs: FigureSource, rhs: FigureSource) -> Bool {
        (lhs.indicator, lhs.region, lhs.period, lhs.path, lhs.cell ?? "")
            < (rhs.indicator, rhs.region, rhs.period, rhs.path, rhs.cell ?? "")
    }
}

/// A region's figure for one indicator, period and span: the value, the
/// regions whose reports went into it, the reports themselves and which
/// expected reports it lacks.
public struct RegionFigure: Equatable, Sendable {
    /// In the indicator's canonical unit; possibly infinite or outside the
    /// indicator's range (see `published`).
    public var value: Double
    /// The counties (or, for the province, the cities) whose reports make
    /// the value, sorted by code; a region's own figure names the region.
    public var regions: [String]
    /// Every reported figure used, sorted; a ratio lists its numerator's
    /// and its denominator's, a growth its base year's too.
    public var sources: [FigureSource]
    public var coverage: Coverage
    /// False when the value is not finite or lies outside the indicator's
    /// valid range: two counties' 1E+308 must not become a published `inf`.
    public var isPlausible: Bool

    public init(
        value: Double, regions: [String], sources: [FigureSource],
        coverage: Coverage = Coverage(expected: [], complete: [], missing: []), isPlausible: Bool = true
    ) {
        self.value = value
        self.regions = regions
        self.sources = sources
        self.coverage = coverage
        self.isPlausible = isPlausible
    }

    /// The value a reader may be shown: nil when it is not plausible.
    public var published: Double? { isPlausible ? value : nil }
}
