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

    public init(path: String, limits: ReadLimits = .standard) throws {
        self.path = path
        self.limits = limits
        let outline = XML2003Outline()
        var filter = XML2003TableFilter()
        try filter.parse(InputFile(path: path, limits: limits), with: Self.parser(path, handler: outline))
        guard outline.isWorkbook else {
            throw SheetError(.xml2003NotWorkbook, "the root element is not an XML Spreadsheet 2003 Workbook", file: path)
        }
        sheets = outline.sheets
        numberStyles = outline.numberStyles
    }

    public func readRows(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        let sheet = try sheet(at: index)
        return try withoutActuallyEscaping(body) { body in
            let reader = XML2003WorksheetReader(sheetIndex: index, sheetName: sheet.name, numberStyles: numberStyles,
                                                limits: limits, body: body)
            try Self.parser(path, handler: reader).parse(InputFile(path: path, limits: limits))
            return SheetSummary(mergedRanges: reader.mergedRanges, rowCount: reader.rowCount)
        }
    }

    /// A hardened parser of the file at `path` that streams into `handler`.
    private static func parser(_ path: String, handler: some XMLStreamHandler) -> XMLStreamParser {
        XMLStreamParser(handler: handler, namespaces: XML2003Namespace.namespaces, file: path)
    }
}
