import Foundation

/// How a submission file maps to observations: a Frictionless Table Schema
/// with our `x-` extensions (see Schemas/README.md).
public struct Layout: Hashable, Sendable {
    /// `records` or `form`.
    public var id: String
    public var title: String
    public var fields: [LayoutField]
    public var missingValues: [String]
    public var primaryKey: [String]
    /// Form layouts: the labelled cells above the table (填报单位, 地区, 期间).
    public var header: [HeaderCell]
    /// Form layouts: the hidden sheet that identifies a template.
    public var identitySheet: IdentitySheet?
    public var location: SchemaLocation

    public struct HeaderCell: Hashable, Sendable {
        public var name: String
        public var label: String
        public var aliases: [String]
    }

    public struct IdentitySheet: Hashable, Sendable {
        public var name: String
        public var keys: [String]
    }

    public func field(named name: String) -> LayoutField? { fields.first { $0.name == name } }

    /// The fields read from the table's columns (not from the header block).
    public var columns: [LayoutField] { fields.filter { $0.source == nil } }

    /// The layout as a plain Frictionless Table Schema (our extensions left
    /// out), for tools such as frictionless-py. Fields filled from the header
    /// block are not columns, so they are left out too.
    public func frictionlessSchema() -> [String: Any] {
        let fields: [[String: Any]] = columns.map { field in
            var constraints: [String: Any] = [:]
            if field.required { constraints["required"] = true }
            if let pattern = field.pattern { constraints["pattern"] = pattern }
            if let values = field.enumValues { constraints["enum"] = values }
            if let minimum = field.minimum { constraints["minimum"] = minimum }
            if let maximum = field.maximum { constraints["maximum"] = maximum }
            if let maxLength = field.maxLength { constraints["maxLength"] = maxLength }
            var result: [String: Any] = ["name": field.name, "title": field.title, "type": field.type.rawValue]
            if !constraints.isEmpty { result["constraints"] = constraints }
            return result
        }
        let columnNames = Set(columns.map(\.name))
        var schema: [String: Any] = ["fields": fields, "missingValues": missingValues]
        if !primaryKey.isEmpty, primaryKey.allSatisfy(columnNames.contains) { schema["primaryKey"] = primaryKey }
        return schema
    }

    /// `frictionlessSchema()` as pretty, key-sorted JSON.
    public func frictionlessJSON() throws -> Data {
        try JSONSerialization.data(withJSONObject: frictionlessSchema(), options: [.prettyPrinted, .sortedKeys])
    }
}

/// The Frictionless field types our layouts use.
public enum FieldType: String, Sendable, CaseIterable {
    case string, number, integer, yearmonth, date, boolean
}

/// One field (column) of a layout.
public struct LayoutField: Hashable, Sendable {
    public var name: String
    public var title: String
    public var type: FieldType
    public var required: Bool
    /// A regular expression the whole value must match (Frictionless patterns are anchored).
    public var pattern: String?
    public var enumValues: [String]?
    public var minimum: Double?
    public var maximum: Double?
    public var maxLength: Int?
    /// Header texts accepted for this column (`x-aliases`).
    public var aliases: [String]
    /// Where the value comes from when not a column (`x-source`, e.g. `header.region`).
    public var source: String?
    /// The catalog list the value must belong to (`x-catalog`: regions, indicators, units).
    public var catalogList: String?
}
