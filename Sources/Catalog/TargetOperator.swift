/// How a plan's sentence compares a figure with its target value.
public enum TargetOperator: String, Sendable, Codable, CaseIterable {
    /// 达到 / 以上 / 超过 / 不低于: the figure must reach the value.
    case atLeast = ">="
    /// 控制在…以内 / 不超过 / 基本淘汰: the figure must stay at or below it.
    case atMost = "<="
    /// 左右 / 约: close to the value.
    case about = "~="
    /// 全部 / 全覆盖: exactly the value (100%).
    case equal = "="

    /// The sign people read in a table.
    public var symbol: String {
        switch self {
        case .atLeast: "≥"
        case .atMost: "≤"
        case .about: "≈"
        case .equal: "="
        }
    }
}
