/// Where in a submission an issue sits: sheet and cell for workbooks, row
/// (physical line) and column for CSV. Row numbers are the ones people see
/// in the file, header included.
public struct IssueLocation: Sendable, Hashable, Codable {
    public var sheet: String?
    /// The cell in A1 form, for workbooks (and CSV, as its row/column).
    public var cell: String?
    /// The 1-based row (physical line for CSV).
    public var row: Int?
    /// The 1-based column.
    public var column: Int?

    // Public names: receipts and `validate --json` carry them (golden files pin them).
    enum CodingKeys: String, CodingKey {
        case sheet, cell, row, column
    }

    public init(sheet: String? = nil, a1 cell: String? = nil, row: Int? = nil, column: Int? = nil) {
        self.sheet = sheet
        self.cell = cell
        self.row = row
        self.column = column
    }

    /// `工作表“表1” 单元格 B7`, `第7行 第2列`, or empty for the whole file.
    public var chinese: String {
        var parts: [String] = []
        if let sheet { parts.append("工作表“\(sheet)”") }
        if let cell {
            parts.append("单元格 \(cell)")
        } else {
            if let row { parts.append("第\(row)行") }
            if let column { parts.append("第\(column)列") }
        }
        return parts.joined(separator: " ")
    }
}

/// One problem found in a submission: what intake reports, the ledger keeps
/// and the receipt shows, as one record all the way.
public struct Issue: Sendable, Hashable, Codable {
    /// Stable ASCII code (see `docs/issues.md`); Frictionless names where
    /// Frictionless makes the same check.
    public var code: String
    public var severity: Severity
    public var location: IssueLocation
    /// For the department that submitted the file.
    public var messageZh: String
    /// For the technician beside them.
    public var messageEn: String
    /// 数据属实说明: the department's explanation, in the flagged figure's
    /// row (its 说明 or 备注), that the figure is true. The warning stays on
    /// record, answered; nil for every other issue. Encoded only when set.
    public var confirmation: String?

    // Public names: receipts and `validate --json` carry them (golden files pin them).
    enum CodingKeys: String, CodingKey {
        case code, severity, location, messageZh, messageEn, confirmation
    }

    public init(
        code: String, severity: Severity, location: IssueLocation = IssueLocation(),
        zh messageZh: String, en messageEn: String, confirmation: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.location = location
        self.messageZh = messageZh
        self.messageEn = messageEn
        self.confirmation = confirmation
    }

    /// A warning nobody has answered: a question still open for the department.
    public var isOpenWarning: Bool { severity == .warning && confirmation == nil }

    /// The level people read: 错误, 提示, or 提示（已说明） once confirmed.
    public var levelChinese: String { severity.chinese + (confirmation == nil ? "" : "（已说明）") }

    /// The Chinese message, with the department's 数据属实说明 below it when confirmed.
    public var messageWithConfirmationZh: String {
        messageZh + (confirmation.map { "\n数据属实说明：\($0)" } ?? "")
    }
}
