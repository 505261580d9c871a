import Foundation
import Vocabulary

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
    public let factor: Double
    /// log10 of `factor` when it is a power of ten (万 4, 亿 8, 千 3): then
    /// the value is scaled by moving its decimal point, exactly.
    private let decimalPlaces: Int?

    public init(from: String, to: String, factor: Double) {
        self.from = from
        self.to = to
        self.factor = factor
        decimalPlaces = Self.decimalPlaces(of: factor)
    }

    /// `value` (in `from`) in `to`: 0.0442 万辆 is 442 辆, not 442.00000000000006.
    public func apply(_ value: Double) -> Double {
        decimalPlaces.map { value.shiftedDecimal(by: $0) } ?? value * factor
    }

    private static func decimalPlaces(of factor: Double) -> Int? {
        let places = log10(factor)
        // 1 (the canonical unit, every figure of most files) multiplies exactly: no shift.
        return places == places.rounded() && places.isFinite && places != 0 ? Int(places) : nil
    }
}
