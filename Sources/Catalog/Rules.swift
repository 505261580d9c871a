import Vocabulary

/// When a month's reports are due: by day `day` of the month `monthsAfter` later.
public struct Deadline: Hashable, Sendable {
    public var day: Int
    public var monthsAfter: Int

    /// The last day a report for `period` counts as on time: (period + monthsAfter, day).
    public func dueDate(for period: Period) -> (period: Period, day: Int) {
        (period.advanced(by: monthsAfter), day)
    }
}

/// A consistency rule declared in rules.yaml, run by intake on accepted figures.
public struct ConsistencyRule: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The figure of the indicator must not exceed that of `bound` (same region and period).
        case atMost(bound: String)
        /// |this month / last month − 1| above the threshold.
        case monthJump(threshold: Double)
        /// A stock or cumulative count falling by more than the threshold (a share).
        case stockDrop(threshold: Double)
    }

    public var code: String
    public var indicator: String
    public var kind: Kind
    public var severity: Severity
    public var location: SchemaLocation

    /// Indicators the rule names.
    public var indicators: [String] {
        if case .atMost(let bound) = kind { return [indicator, bound] }
        return [indicator]
    }
}
