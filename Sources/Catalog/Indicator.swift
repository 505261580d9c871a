/// How an indicator's monthly figures make a year.
public enum TimeBehaviour: String, Sendable, CaseIterable {
    /// Summed over months.
    case flow
    /// The value at the end of the period.
    case stock
    /// A running count since the plan began, reported as a total.
    case cumulative
    /// A per-cent or ratio: never summed over months.
    case rate
}

/// How a rate's figure for a span of months is read (`x-time` in indicators.yaml).
public enum RateTime: String, Sendable, CaseIterable {
    /// The value at the span's last month: "到2025年…达到35%" is where the year ends.
    case end
    /// The mean over the span's months, each weighted by its weight's flow.
    case average
}

/// How counties' figures make their city's figure.
public enum RegionMethod: Sendable, Hashable {
    /// Added up.
    case sum
    /// numerator / denominator (e.g. used-car trades : new-car sales).
    case ratio(numerator: String, denominator: String)
    /// numerator / denominator × 100, in %.
    case share(numerator: String, denominator: String)
    /// A reported rate averaged with the named weight indicator.
    case weighted(weight: String)
    /// (figure / figure in the base year − 1) × 100; annualised: average annual growth.
    case growth(of: String, baseYear: Int, annualised: Bool)

    /// `sum`, `ratio`, `share`, `weighted` or `growth`, as written in indicators.yaml.
    public var name: String {
        switch self {
        case .sum: "sum"
        case .ratio: "ratio"
        case .share: "share"
        case .weighted: "weighted"
        case .growth: "growth"
        }
    }

    /// The indicators this one is computed from (or weighted by).
    public var parts: [String] {
        switch self {
        case .sum: []
        case .ratio(let n, let d), .share(let n, let d): [n, d]
        case .weighted(let w): [w]
        case .growth(let of, _, _): [of]
        }
    }

    /// Computed from parts rather than reported: ratio, share, growth.
    public var isComputed: Bool {
        switch self {
        case .sum, .weighted: false
        case .ratio, .share, .growth: true
        }
    }
}

/// One quantity the programme tracks.
public struct Indicator: Hashable, Sendable {
    /// Stable ASCII code (`nev_stock`).
    public var code: String
    public var name: String
    public var english: String
    /// Canonical unit code (units.yaml).
    public var unit: String
    /// Lead department code.
    public var lead: String
    public var time: TimeBehaviour
    public var method: RegionMethod
    public var minimum: Double?
    public var maximum: Double?
    /// `x-time` as written; nil: see `RollupEngine.rateTime(of:)` for the default.
    public var rateTime: RateTime?
    /// Decimals a reader is shown (`decimals`); nil: the unit's.
    public var decimals: Int?
    public var note: String?
    public var location: SchemaLocation

    public init(
        code: String, name: String, english: String, unit: String, lead: String,
        time: TimeBehaviour, method: RegionMethod, minimum: Double?, maximum: Double?,
        rateTime: RateTime? = nil, decimals: Int? = nil, note: String?, location: SchemaLocation
    ) {
        self.code = code
        self.name = name
        self.english = english
        self.unit = unit
        self.lead = lead
        self.time = time
        self.method = method
        self.minimum = minimum
        self.maximum = maximum
        self.rateTime = rateTime
        self.decimals = decimals
        self.note = note
        self.location = location
    }

    /// True when `value` lies in the valid range.
    public func accepts(_ value: Double) -> Bool {
        (minimum.map { value >= $0 } ?? true) && (maximum.map { value <= $0 } ?? true)
    }
}
