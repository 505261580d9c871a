extension SheetError.Code {
    /// The XML is not an XML Spreadsheet 2003 workbook.
    public static let xml2003NotWorkbook = Self("xml2003-not-workbook")
    /// A row or cell position is past XFD1048576.
    public static let xml2003BadPosition = Self("xml2003-bad-position")
}

/// The namespaces of XML Spreadsheet 2003, matched by URI, never by prefix.
enum XML2003Namespace {
    /// `Workbook`, `Worksheet`, `Row`, `Cell`, `Data`, `Style` and their `ss:` attributes.
    static let spreadsheet = 0
    /// `x:WorksheetOptions` and what it holds.
    static let excel = 1

    static let namespaces: [(uri: String, index: Int)] = [
        ("urn:schemas-microsoft-com:office:spreadsheet", spreadsheet),
        ("urn:schemas-microsoft-com:office:excel", excel),
    ]
}

/// An XML Spreadsheet 2003 file (`urn:schemas-microsoft-com:office:spreadsheet`),
/// the single-file `.xml` that Excel 2003 and many ERP systems write.
///
/// Opening makes one quick pass for the sheet list and the date styles,
/// with table contents left out (`XML2003TableFilter`); reading a sheet
/// streams the file again, in constant memory.
public struct XML2003Workbook: Workbook {
    public let path: String
    public let limits: ReadLimits
    public let sheets: [SheetInfo]
    /// Styles whose number format shows dates or percentages, by `ss:ID`.
    let numberStyles: [(id: [UInt8], shown: NumberFormat.Shown)]
    private let parallel: ParallelReading

    public init(path: String, limits: ReadLimits = .standard) throws {
        try self.init(path: path, limits: limits, parallel: .standard)
    }

    init(path: String, limits: ReadLimits, parallel: ParallelReading) throws {
        self.path = path
        self.limits = limits
        self.parallel = parallel
        let outline = XML2003Outline()
        var filter = XML2003TableFilter()
        try filter.parse(InputFile(path: path, limits: limits), with: Self.parser(path, handler: outline))
        guard outline.isWorkbook else {
            throw SheetError(
                .xml2003NotWorkbook, "the root element is not an XML Spreadsheet 2003 Workbook", file: path)
        }
        sheets = outline.sheets
        numberStyles = outline.numberStyles
    }

    public func readRows(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        try readCountingPieces(ofSheet: index, body).summary
    }

    /// Reads a sheet as `readRows` does; also says how many pieces workers parsed (0: none).
    func readCountingPieces(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> (
        summary: SheetSummary, pieces: Int
    ) {
        let sheet = try sheet(at: index)
        let (numberStyles, limits) = (numberStyles, limits)
        func reader(isPiece: Bool = false, _ deliver: @escaping (SheetRow) throws -> Void) -> XML2003WorksheetReader {
            XML2003WorksheetReader(
                sheetIndex: index, sheetName: sheet.name, numberStyles: numberStyles,
                limits: limits, isPiece: isPiece, body: deliver)
        }
        return try withoutActuallyEscaping(body) { body in
            let file = try InputFile(path: path, limits: limits)
            return try parallel.read(
                size: file.size,
                inPieces: { try readInPieces(file, reader, body) },
                sequentially: { body in
                    let sequential: XML2003WorksheetReader
                    if file.size < ScanningFirst.largestHeld, let bytes = try file.bytes(at: 0, count: Int(file.size)) {
                        sequential = try ScanningFirst.readRows(
                            bytes, namespaces: XML2003Namespace.namespaces, file: path, part: nil, with: { reader($0) },
                            body)
                    } else {
                        sequential = reader(body)
                        try Self.parser(path, handler: sequential).parse(InputFile(path: path, limits: limits))
                    }
                    return (SheetSummary(mergedRanges: sequential.mergedRanges, rowCount: sequential.rowCount), 0)
                },
                body: body)
        }
    }

    /// Reads a large sheet on two cores (`XMLRowSegmenter`): its table's rows
    /// cut into pieces that two workers parse.
    private func readInPieces(
        _ file: InputFile,
        _ reader: @escaping (Bool, @escaping (SheetRow) throws -> Void) -> XML2003WorksheetReader,
        _ body: @escaping (SheetRow) throws -> Void
    ) throws -> (summary: SheetSummary, pieces: Int) {
        let handler = reader(false, body)
        let segmenter = XMLRowSegmenter(
            parser: Self.parser(path, handler: handler), handler: handler, rowName: "Row", rowNeedsNumber: false,
            limits: limits, settings: parallel,
            parseSegment: { piece in
                var (segment, reader) = RowSegment.parsing(piece, namespaces: XML2003Namespace.namespaces) {
                    reader(true, $0)
                }
                (segment.relativeRows, segment.relativeMerges) = (reader.relativeRows, reader.relativeMerges)
                (segment.relativeRowsEnd, segment.endsRelative) = (reader.relativeRowsEnd, reader.numbersAreRelative)
                return segment
            },
            deliver: body)
        try file.streamChunks { try segmenter.take($0) }
        return (try segmenter.finish(), segmenter.piecesParsed)
    }

    /// A hardened parser of the file at `path` that streams into `handler`.
    private static func parser(_ path: String, handler: some XMLStreamHandler) -> XMLStreamParser {
        XMLStreamParser(handler: handler, namespaces: XML2003Namespace.namespaces, file: path)
    }
}
