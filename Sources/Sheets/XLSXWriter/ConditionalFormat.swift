/// A look that depends on the cell's value, written into the sheet's
/// `<conditionalFormatting>`.
public struct ConditionalFormat: Sendable, Equatable {
    public enum Comparison: String, Sendable {
        case lessThan, lessThanOrEqual, equal, notEqual, greaterThanOrEqual, greaterThan, between, notBetween
    }

    public enum Rule: Sendable, Equatable {
        /// A bar in each cell, its length by the value between the range's minimum and maximum.
        case dataBar(Color)
        /// The style (font colour, bold, fill, border) when the value compares true;
        /// `formulas` are one value, two for `between`, e.g. `["0.5"]`.
        case cellValue(Comparison, formulas: [String], style: CellStyle)
    }

    public var range: CellRange
    public var rule: Rule

    public init(range: CellRange, rule: Rule) {
        self.range = range
        self.rule = rule
    }

    /// A data bar in the default blue.
    public static func dataBar(_ range: CellRange, color: Color = .dataBarBlue) -> ConditionalFormat {
        ConditionalFormat(range: range, rule: .dataBar(color))
    }

    /// `<conditionalFormatting sqref=…><cfRule …/></conditionalFormatting>`;
    /// `differentialID` is the registered style of a `cellValue` rule.
    func write(priority: Int, differentialID: Int?, to out: ByteStream) throws {
        try out.append(#"<conditionalFormatting sqref=""#)
        try out.append(utf8: range.description)
        try out.append(#""><cfRule type=""#)
        switch rule {
        case .dataBar(let color):
            try out.append(#"dataBar" priority=""#)
            try out.appendDecimal(priority)
            try out.append(#""><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb=""#)
            try out.append(utf8: color.argb)
            try out.append(#""/></dataBar></cfRule>"#)
        case .cellValue(let comparison, let formulas, _):
            try out.append(#"cellIs" dxfId=""#)
            try out.appendDecimal(differentialID ?? 0)
            try out.append(#"" priority=""#)
            try out.appendDecimal(priority)
            try out.append(#"" operator=""#)
            try out.append(utf8: comparison.rawValue)
            try out.append(#"">"#)
            for formula in formulas {
                try out.append("<formula>")
                try out.appendEscapedText(formula)
                try out.append("</formula>")
            }
            try out.append("</cfRule>")
        }
        try out.append("</conditionalFormatting>")
    }
}
