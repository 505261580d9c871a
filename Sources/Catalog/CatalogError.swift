/// A problem in `Schemas/`, with the file and line it comes from.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable ASCII code, the same in every language.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var code: Code
    /// The file, relative to the `Schemas/` folder (e.g. `plans/rushan-2024.yaml`).
    public var file: String
    /// 1-based line, when the problem sits on one.
    public var line: Int?
    public var chinese: String
    public var english: String

    public init(_ code: Code, at location: SchemaLocation, _ chinese: String, _ english: String) {
        self.code = code
        self.file = location.file
        self.line = location.line
        self.chinese = chinese
        self.english = english
    }

    /// `plans/rushan-2024.yaml:12: [unknown-indicator] 未知指标 … — unknown indicator …`
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): [\(code)] \(chinese) — \(english)"
    }
}

/// Where an entry of the catalog was written: file relative to `Schemas/`, and line.
public struct SchemaLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// Every error found while loading or checking the catalog.
public struct CatalogErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [CatalogError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
