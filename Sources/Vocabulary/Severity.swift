/// How much an issue weighs: an error rejects the whole file version, a
/// warning is reported and the figures are still counted. One enum for the
/// catalog's rules, intake, the ledger and the receipts.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }

    public var chinese: String { self == .error ? "错误" : "提示" }
}

extension Sequence<Issue> {
    /// Acceptance is all or nothing: one error rejects the whole file version.
    /// The one place this rule is written; intake and the ledger both ask it.
    public var rejectsFile: Bool { contains { $0.severity == .error } }
}
