/// A reporting department: its folder code, names and what it may report.
public struct Department: Hashable, Sendable {
    /// ASCII code, the `Inbox/<region>/<department>/` folder name (e.g. `commerce`).
    public var code: String
    /// 通用名称, e.g. 商务局.
    public var name: String
    public var english: String
    /// Names the plans use at city, county and district level (市商务局, 区商促局, …).
    public var variants: [String]
    /// Region levels where the department exists.
    public var levels: Set<RegionLevel>
    /// Indicator codes it may report.
    public var indicators: [String]
    /// How often it reports (default monthly).
    public var frequency: ReportingFrequency
    /// Indicators reported at another frequency than `frequency`.
    public var frequencies: [String: ReportingFrequency]
    public var location: SchemaLocation

    public init(
        code: String, name: String, english: String, variants: [String],
        levels: Set<RegionLevel>, indicators: [String], frequency: ReportingFrequency = .monthly,
        frequencies: [String: ReportingFrequency] = [:], location: SchemaLocation
    ) {
        self.code = code
        self.name = name
        self.english = english
        self.variants = variants
        self.levels = levels
        self.indicators = indicators
        self.frequency = frequency
        self.frequencies = frequencies
        self.location = location
    }

    /// How often it reports `indicator`.
    public func frequency(of indicator: String) -> ReportingFrequency { frequencies[indicator] ?? frequency }

    /// Its most frequent report: the one that makes a month's report due.
    public var shortestFrequency: ReportingFrequency {
        indicators.map(frequency(of:)).min() ?? frequency
    }

    /// True when `text` names this department: its code, its name or a variant,
    /// possibly after a region prefix (嘉祥县商务局).
    public func isNamed(by text: String) -> Bool {
        text == code || text == name || variants.contains(text) || text.hasSuffix(name)
    }
}
