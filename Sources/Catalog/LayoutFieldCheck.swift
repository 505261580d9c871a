import Vocabulary

/// Checks one row's cells against a layout's field constraints (type,
/// required, pattern, enum, minimum, maximum, maxLength) — the per-cell part
/// of intake, enough to accept or reject a row the way Frictionless would.
public struct LayoutFieldCheck {
    /// Why a cell fails its field.
    public enum Problem: String, Sendable, Equatable {
        case required, type, pattern
        case enumValue = "enum"
        case minimum, maximum, maxLength
    }

    public struct Issue: Sendable, Equatable {
        public var field: String
        public var problem: Problem
    }

    public let layout: Layout
    private let patterns: [String: FieldPattern]
    /// `layout.missingValues`, looked up by hash: compared one by one, the
    /// Chinese ones (无, 不适用) cost a Unicode comparison per cell.
    private let missingValues: Set<String>

    public init(layout: Layout) {
        self.layout = layout
        var patterns: [String: FieldPattern] = [:]
        for field in layout.fields {
            if let pattern = field.pattern.flatMap(FieldPattern.init) { patterns[field.name] = pattern }
        }
        self.patterns = patterns
        missingValues = Set(layout.missingValues)
    }

    /// The issues of one row, given as field name → cell text; absent fields count as empty.
    public func issues(in row: [String: String]) -> [Issue] {
        layout.columns.compactMap { field in
            problem(row[field.name] ?? "", field).map { Issue(field: field.name, problem: $0) }
        }
    }

    /// Whether `text` is one of the layout's written missing values (无, 不适用, -).
    public func isMissing(_ text: String) -> Bool { missingValues.contains(text) }

    /// Why one cell's text fails `field`, if it does.
    public func problem(_ raw: String, _ field: LayoutField) -> Problem? {
        if isMissing(raw) { return field.required ? .required : nil }
        switch field.type {
        case .number, .integer:
            let number = field.type == .integer ? Int(raw).map(Double.init) : Double(raw)
            guard let number, number.isFinite else { return .type }
            if let minimum = field.minimum, number < minimum { return .minimum }
            if let maximum = field.maximum, number > maximum { return .maximum }
        case .yearmonth:
            // Frictionless yearmonth is YYYY-MM exactly.
            guard raw.count == 7, Period(raw)?.description == raw else { return .type }
        case .date:
            guard raw.count == 10, Period(raw.prefix(7)) != nil else { return .type }
        case .boolean:
            guard ["true", "false"].contains(raw) else { return .type }
        case .string:
            break
        }
        if let pattern = patterns[field.name], !pattern.matches(raw) { return .pattern }
        if let values = field.enumValues, !values.contains(raw) { return .enumValue }
        if let maxLength = field.maxLength, raw.count > maxLength { return .maxLength }
        return nil
    }
}
