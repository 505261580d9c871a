extension SheetError.Code {
    /// The package has no workbook part, or a sheet points to no part.
    public static let xlsxMissingPart = Self("xlsx-missing-part")
}

/// An Office Open XML workbook (`.xlsx`, `.xlsm`), read in place: the
/// package's relationships, workbook part, shared strings and styles at
/// first need, then each worksheet streamed row by row.
///
/// Not thread-safe; open one per thread.
public final class XLSXWorkbook: Workbook {
    public let path: String
    public let sheets: [SheetInfo]
    /// The workbook's defined names (named ranges, print areas).
    public let definedNames: [DefinedName]
    /// Dates count from 1904-01-01; readers already convert them to the 1900 system.
    public let uses1904DateSystem: Bool

    private let archive: ZipArchive
    private let limits: ReadLimits
    private let parallel: ParallelReading
    private let sheetParts: [String?]
    private let sharedStringsPart: String?
    private let stylesPart: String?
    private var sharedStrings: SharedStrings?
    private var styles: Styles?

    /// Opens the workbook at `path`: reads the ZIP directory, the package
    /// relationships and the workbook part.
    public convenience init(path: String, limits: ReadLimits = .standard) throws {
        try self.init(path: path, limits: limits, parallel: .standard)
    }

    convenience init(path: String, limits: ReadLimits, parallel: ParallelReading) throws {
        try self.init(ZipArchive(path: path, limits: limits), limits: limits, parallel: parallel)
    }

    /// Opens the workbook in an archive already open (`openWorkbook` opened
    /// it to tell XLSX from ODS): the file and its directory are read once.
    init(_ archive: ZipArchive, limits: ReadLimits, parallel: ParallelReading = .standard) throws {
        let path = archive.path
        self.path = path
        self.limits = limits
        self.parallel = parallel
        self.archive = archive
        let packageRelationships = try Relationships.read(of: "", in: archive)
        let workbookPart = packageRelationships.target(kind: "officeDocument") ?? "xl/workbook.xml"
        guard archive.entry(named: workbookPart) != nil else {
            throw SheetError(.xlsxMissingPart, "the package has no workbook part (\(workbookPart))", file: path)
        }
        let workbook = try WorkbookPart.read(workbookPart, in: archive)
        let relationships = try Relationships.read(of: workbookPart, in: archive)
        sheets = workbook.sheets.enumerated().map { SheetInfo(name: $1.name, index: $0, visibility: $1.visibility) }
        sheetParts = workbook.sheets.map { relationships.target(id: $0.relationshipID) }
        definedNames = workbook.definedNames
        uses1904DateSystem = workbook.uses1904DateSystem
        sharedStringsPart = relationships.target(kind: "sharedStrings")
        stylesPart = relationships.target(kind: "styles")
    }

    public func readRows(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        try readCountingPieces(ofSheet: index, body).summary
    }

    /// Reads a sheet as `readRows` does; also says how many pieces workers parsed (0: none).
    func readCountingPieces(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> (
        summary: SheetSummary, pieces: Int
    ) {
        let name = try sheet(at: index).name
        guard let part = sheetParts[index], archive.entry(named: part) != nil else {
            throw SheetError(.xlsxMissingPart, "sheet '\(name)' points to no worksheet part", file: path, sheet: name)
        }
        let (strings, styles) = try loadSharedParts()
        let uses1904DateSystem = uses1904DateSystem
        let limits = limits
        func worksheetParser(_ deliver: @escaping (SheetRow) throws -> Void) -> WorksheetParser {
            WorksheetParser(
                sheet: name, sharedStrings: strings, styles: styles, uses1904DateSystem: uses1904DateSystem,
                limits: limits, deliver: deliver)
        }
        do {
            return try withoutActuallyEscaping(body) { body in
                try parallel.read(
                    size: archive.entry(named: part)?.uncompressedSize ?? 0,
                    inPieces: { try readInPieces(part, worksheetParser, body) },
                    sequentially: { body in
                        let parser = try archive.parseXML(
                            part, namespaces: OOXML.namespaces, rows: worksheetParser, body)
                        return (SheetSummary(mergedRanges: parser.mergedRanges, rowCount: parser.rowCount), 0)
                    },
                    body: body)
            }
        } catch var error as SheetError {
            if error.sheet == nil { error.sheet = name }
            throw error
        }
    }

    /// Reads a large worksheet on two cores (`XMLRowSegmenter`): inflated on
    /// one thread, its rows cut into pieces parsed by two workers.
    private func readInPieces(
        _ part: String, _ worksheetParser: @escaping (@escaping (SheetRow) throws -> Void) -> WorksheetParser,
        _ body: @escaping (SheetRow) throws -> Void
    ) throws -> (summary: SheetSummary, pieces: Int) {
        let handler = worksheetParser(body)
        let parser = XMLStreamParser(handler: handler, namespaces: OOXML.namespaces, file: path, part: part)
        let segmenter = XMLRowSegmenter(
            parser: parser, handler: handler, rowName: "row", rowNeedsNumber: true, limits: limits, settings: parallel,
            parseSegment: { piece in RowSegment.parsing(piece, namespaces: OOXML.namespaces, with: worksheetParser).0 },
            deliver: body)
        try archive.streamEntryInflatingAhead(part) { try segmenter.take($0) }
        return (try segmenter.finish(), segmenter.piecesParsed)
    }

    /// Shared strings and styles, read once on the first sheet read.
    private func loadSharedParts() throws -> (SharedStrings, Styles) {
        if let sharedStrings, let styles { return (sharedStrings, styles) }
        let strings =
            try sharedStringsPart.flatMap { part in
                try archive.entry(named: part).map { _ in try SharedStrings.read(part, in: archive, limits: limits) }
            } ?? SharedStrings()
        let formats =
            try stylesPart.flatMap { part in
                try archive.entry(named: part).map { _ in try Styles.read(part, in: archive) }
            } ?? Styles()
        (sharedStrings, styles) = (strings, formats)
        return (strings, formats)
    }
}
