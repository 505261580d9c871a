import Vocabulary

/// How often a department reports an indicator (`departments.yaml`:
/// `frequency`, `frequencies`): every month, or the months of a quarter or a
/// year together. The months of one cycle are due by the deadline of its
/// last month, so a quarterly report sent in October is on time for July.
public enum ReportingFrequency: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case monthly, quarterly, annual

    /// 月报, 季报, 年报.
    public var chinese: String {
        switch self {
        case .monthly: "月报"
        case .quarterly: "季报"
        case .annual: "年报"
        }
    }

    /// Months in one cycle.
    public var months: Int {
        switch self {
        case .monthly: 1
        case .quarterly: 3
        case .annual: 12
        }
    }

    /// The last month of the cycle `period` belongs to: itself, the
    /// quarter's last month, or December.
    public func cycleEnd(of period: Period) -> Period {
        let index = (period.month - 1) / months
        return Period(year: period.year, month: (index + 1) * months)!
    }

    /// Shorter cycles first: a department's most frequent report sets when it is due.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.months < rhs.months }
}
