import Sheets

/// How much an issue weighs: an error rejects the whole file version, a
/// warning is reported and the figures are still counted.
public enum Severity: String, Sendable, Codable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }

    public var chinese: String { self == .error ? "错误" : "提示" }
}

/// Where in a submission an issue sits: sheet and cell for workbooks, row
/// (physical line) and column for CSV. Row numbers are the ones people see
/// in the file, header included.
public struct IssueLocation: Sendable, Equatable, Codable {
    public var sheet: String?
    /// The cell, for workbooks (and CSV, as its row/column in A1 form).
    public var cell: String?
    /// The 1-based row (physical line for CSV).
    public var row: Int?
    /// The 1-based column.
    public var column: Int?

    public init(sheet: String? = nil, cell: CellReference? = nil, row: Int? = nil, column: Int? = nil) {
        self.sheet = sheet
        self.cell = cell?.a1
        self.row = row ?? cell?.row
        self.column = column ?? cell?.column
    }

    /// `表1!B7`, `第7行第2列`, or empty for the whole file.
    public var chinese: String {
        var parts: [String] = []
        if let sheet { parts.append("工作表“\(sheet)”") }
        if let cell { parts.append("单元格 \(cell)") } else {
            if let row { parts.append("第\(row)行") }
            if let column { parts.append("第\(column)列") }
        }
        return parts.joined(separator: " ")
    }
}

/// One problem found in a submission.
public struct Issue: Sendable, Equatable, Codable {
    /// Stable ASCII code (see `docs/issues.md`); Frictionless names where
    /// Frictionless makes the same check.
    public var code: String
    public var severity: Severity
    public var location: IssueLocation
    /// For the department that submitted the file.
    public var messageZh: String
    /// For the technician beside them.
    public var messageEn: String

    public init(code: String, severity: Severity, location: IssueLocation = IssueLocation(),
                zh messageZh: String, en messageEn: String) {
        self.code = code
        self.severity = severity
        self.location = location
        self.messageZh = messageZh
        self.messageEn = messageEn
    }
}
