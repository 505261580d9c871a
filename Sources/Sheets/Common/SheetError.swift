/// Why a file could not be read or written: a stable code for programs,
/// and the place (file, part, cell) for people.
public struct SheetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stable ASCII code such as `zip-bomb` or `xml-doctype`. Each part of
    /// the module declares its codes in an extension next to the code that
    /// throws them.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var code: Code
    /// The file, as the caller named it.
    public var file: String?
    /// The part inside a package, e.g. `xl/worksheets/sheet2.xml`.
    public var part: String?
    /// The sheet's name, where one applies.
    public var sheet: String?
    /// The cell, where one applies.
    public var cell: CellReference?
    /// For text formats, the 1-based line.
    public var line: Int?
    /// What went wrong, in English, for technicians.
    public var detail: String

    public init(
        _ code: Code, _ detail: String, file: String? = nil, part: String? = nil,
        sheet: String? = nil, cell: CellReference? = nil, line: Int? = nil
    ) {
        self.code = code
        self.detail = detail
        self.file = file
        self.part = part
        self.sheet = sheet
        self.cell = cell
        self.line = line
    }

    /// The same error with the file (and part) named, for errors raised
    /// below the level that knows them; a place already named is kept.
    public func locatedIn(file: String?, part: String? = nil) -> SheetError {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.part == nil { copy.part = part }
        return copy
    }

    /// `file.xlsx: xl/worksheets/sheet1.xml: sheet '表1' cell B7: [code] detail`
    public var description: String {
        var place: [String] = []
        if let file { place.append(file) }
        if let part { place.append(part) }
        var position: [String] = []
        if let sheet { position.append("sheet '\(sheet)'") }
        if let cell { position.append("cell \(cell.a1)") }
        if let line { position.append("line \(line)") }
        if !position.isEmpty { place.append(position.joined(separator: " ")) }
        let prefix = place.isEmpty ? "" : place.joined(separator: ": ") + ": "
        return "\(prefix)[\(code)] \(detail)"
    }
}
