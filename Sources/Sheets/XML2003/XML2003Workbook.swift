extension SheetError.Code {
    /// The XML is not an XML Spreadsheet 2003 workbook.
    public static let xml2003NotWorkbook = Self("xml2003-not-workbook")
    /// A row or cell position is past XFD1048576.
    public static let xml2003BadPosition = Self("xml2003-bad-position")
    /// The sheet has more cells than `ReadLimits.maxCells`.
    public static let xml2003TooManyCells = Self("xml2003-too-many-cells")
    /// A cell's text is longer than `ReadLimits.maxCellBytes`.
    public static let xml2003CellTooLong = Self("xml2003-cell-too-long")
}

/// The namespaces of XML Spreadsheet 2003, matched by URI, never by prefix.
enum XML2003Namespace {
    static let spreadsheet: StaticString = "urn:schemas-microsoft-com:office:spreadsheet"
    static let excel: StaticString = "urn:schemas-microsoft-com:office:excel"
}

/// An XML Spreadsheet 2003 file (`urn:schemas-microsoft-com:office:spreadsheet`),
/// the single-file `.xml` that Excel 2003 and many ERP systems write.
///
/// Opening makes one quick pass for the sheet list and the date styles;
/// reading a sheet streams the file again, in constant memory.
public struct XML2003Workbook: Workbook {
    public let path: String
    public let limits: ReadLimits
    public let sheets: [SheetInfo]
    /// `ss:ID`s of styles whose number format shows a date or time.
    let dateStyles: Set<[UInt8]>

    public init(path: String, limits: ReadLimits = .standard) throws {
        self.path = path
        self.limits = limits
        let outline = XML2003Outline()
        try SAXPushParser(delegate: outline, file: path).parse(InputFile(path: path, limits: limits))
        guard outline.isWorkbook else {
            throw SheetError(.xml2003NotWorkbook, "the root element is not an XML Spreadsheet 2003 Workbook", file: path)
        }
        sheets = outline.sheets
        dateStyles = outline.dateStyles
    }

    public func readRows(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        let sheet = try sheet(at: index)
        return try withoutActuallyEscaping(body) { body in
            let reader = XML2003WorksheetReader(sheetIndex: index, sheetName: sheet.name, dateStyles: dateStyles,
                                                limits: limits, file: path, body: body)
            let parser = SAXPushParser(delegate: reader, file: path)
            reader.parser = parser
            try parser.parse(InputFile(path: path, limits: limits))
            if let failure = reader.failure { throw failure }
            return SheetSummary(mergedRanges: reader.mergedRanges, rowCount: reader.rowCount)
        }
    }
}
