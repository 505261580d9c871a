/// A canonical unit and the other spellings that convert to it.
public struct Unit: Hashable, Sendable {
    /// The canonical spelling, e.g. 辆.
    public var code: String
    public var english: String
    /// Other spelling → factor: value in `code` = value as written × factor.
    public var alternatives: [String: Double]
    /// Decimals a reader is shown of a figure in this unit (`decimals`, default 2).
    public var decimals: Int
    public var location: SchemaLocation

    public init(
        code: String, english: String, alternatives: [String: Double], decimals: Int = 2,
        location: SchemaLocation
    ) {
        self.code = code
        self.english = english
        self.alternatives = alternatives
        self.decimals = decimals
        self.location = location
    }
}

/// How a value written in one unit becomes a value in a canonical unit.
public struct UnitConversion: Hashable, Sendable {
    /// The unit as written (万辆).
    public var from: String
    /// The canonical unit (辆).
    public var to: String
    public var factor: Double

    public init(from: String, to: String, factor: Double) {
        self.from = from
        self.to = to
        self.factor = factor
    }

    public func apply(_ value: Double) -> Double { value * factor }
}
