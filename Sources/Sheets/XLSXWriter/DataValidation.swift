extension SheetError.Code {
    /// A data validation Excel would refuse (literal list too long, item with a comma).
    public static let invalidValidation = Self("validation-invalid")
}

/// A rule on what people may type into cells: a dropdown list or a number
/// range. Written into the sheet's `<dataValidations>`.
public struct DataValidation: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        /// A dropdown of literal items (Excel: 255 characters in all, no commas in items).
        case list([String])
        /// A dropdown of the values in a range, e.g. on a hidden sheet:
        /// `.listRange(sheet: "选项", range: CellRange("A1:A20")!)`.
        case listRange(sheet: String, range: CellRange)
        /// A whole number from `minimum`, up to `maximum` if given.
        case wholeNumber(minimum: Int, maximum: Int? = nil)
        /// A decimal number from `minimum`, up to `maximum` if given.
        case decimal(minimum: Double, maximum: Double? = nil)
    }

    public var range: CellRange
    public var rule: Rule
    public var allowBlank = true
    /// Shown while the cell is selected.
    public var prompt: (title: String, message: String)?
    /// Shown when a value breaks the rule.
    public var error: (title: String, message: String)?

    public init(
        range: CellRange, rule: Rule, allowBlank: Bool = true,
        prompt: (title: String, message: String)? = nil, error: (title: String, message: String)? = nil
    ) {
        self.range = range
        self.rule = rule
        self.allowBlank = allowBlank
        self.prompt = prompt
        self.error = error
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.range == rhs.range && lhs.rule == rhs.rule && lhs.allowBlank == rhs.allowBlank
            && lhs.prompt?.title == rhs.prompt?.title && lhs.prompt?.message == rhs.prompt?.message
            && lhs.error?.title == rhs.error?.title && lhs.error?.message == rhs.error?.message
    }

    /// Throws if Excel would refuse the rule.
    func validate() throws {
        guard case .list(let items) = rule else { return }
        if let bad = items.first(where: { $0.contains(",") || $0.contains("\"") }) {
            throw SheetError(.invalidValidation, "list item '\(bad)' contains a comma or a quote; use .listRange")
        }
        let length = items.map(\.utf16.count).reduce(0, +) + max(0, items.count - 1)
        if length > 255 {
            throw SheetError(
                .invalidValidation, "literal list is \(length) characters; Excel allows 255; use .listRange")
        }
    }

    /// `<dataValidation …><formula1>…</formula1></dataValidation>`
    func write(to out: ByteStream) throws {
        let (type, comparison, first, second) = formulas
        try out.append(#"<dataValidation type=""#)
        try out.append(utf8: type)
        try out.append(#"""#)
        if let comparison {
            try out.append(#" operator=""#)
            try out.append(utf8: comparison)
            try out.append(#"""#)
        }
        if allowBlank { try out.append(#" allowBlank="1""#) }
        try out.append(#" showInputMessage="1" showErrorMessage="1""#)
        if let prompt { try writeMessage(prompt, titleAttribute: "promptTitle", messageAttribute: "prompt", to: out) }
        if let error { try writeMessage(error, titleAttribute: "errorTitle", messageAttribute: "error", to: out) }
        try out.append(#" sqref=""#)
        try out.append(utf8: range.description)
        try out.append(#"">"#)
        try out.appendTextElement("formula1", first)
        if let second { try out.appendTextElement("formula2", second) }
        try out.append("</dataValidation>")
    }

    private func writeMessage(
        _ message: (title: String, message: String), titleAttribute: StaticString,
        messageAttribute: StaticString, to out: ByteStream
    ) throws {
        try out.append(" ")
        try out.append(titleAttribute)
        try out.append(#"=""#)
        try out.appendEscapedAttribute(message.title)
        try out.append(#"" "#)
        try out.append(messageAttribute)
        try out.append(#"=""#)
        try out.appendEscapedAttribute(message.message)
        try out.append(#"""#)
    }

    /// Type, operator and formulas of the rule.
    private var formulas: (String, String?, String, String?) {
        switch rule {
        case .list(let items):
            return ("list", nil, "\"" + items.joined(separator: ",") + "\"", nil)
        case .listRange(let sheet, let range):
            return ("list", nil, SheetName.quotedForFormula(sheet) + range.absolute, nil)
        case .wholeNumber(let minimum, let maximum):
            return maximum.map { ("whole", "between", String(minimum), String($0)) }
                ?? ("whole", "greaterThanOrEqual", String(minimum), nil)
        case .decimal(let minimum, let maximum):
            return maximum.map { ("decimal", "between", minimum.formulaText, $0.formulaText) }
                ?? ("decimal", "greaterThanOrEqual", minimum.formulaText, nil)
        }
    }
}

extension CellRange {
    /// `$A$1:$B$9`, as formulas refer to a fixed range.
    var absolute: String {
        func anchored(_ cell: CellReference) -> String { "$\(CellReference.columnName(cell.column))$\(cell.row)" }
        return first == last ? anchored(first) : anchored(first) + ":" + anchored(last)
    }
}

extension Double {
    /// The number as formula text: `3` rather than `3.0`.
    var formulaText: String {
        if let integer = Int(exactly: self) { return String(integer) }
        return description
    }
}
