/// Streams the rows of one worksheet of an XML Spreadsheet 2003 file.
///
/// Follows `ss:Index` on rows and cells (positions skip ahead),
/// `ss:MergeAcross`/`ss:MergeDown` (the range is reported, the value stays
/// top-left) and `ss:Type`; a number whose `ss:StyleID` has a date format
/// is a date. Text inside `ss:Data` is concatenated whatever markup (html
/// rich text) wraps it. A formula's cached `Data` is its value.
final class XML2003WorksheetReader: XMLStreamHandler {
    private let sheetIndex: Int
    private let sheetName: String
    private let dateStyles: Set<[UInt8]>
    private let limits: ReadLimits
    private let body: (SheetRow) throws -> Void

    private(set) var mergedRanges: [CellRange] = []
    private(set) var rowCount = 0

    private var worksheetsSeen = 0
    private var inSheet = false
    private var row = SheetRow()
    private var rowNumber = 0
    /// Column of the open cell; the next cell without `ss:Index` comes after `lastColumn`.
    private var column = 0
    private var lastColumn = 0
    private var cellIsDate = false
    private var cellCount: Int64 = 0
    /// The `ss:Type` of the open `Data`, nil outside one.
    private var dataType: [UInt8]?
    private var text: [UInt8] = []

    init(sheetIndex: Int, sheetName: String, dateStyles: Set<[UInt8]>, limits: ReadLimits,
         body: @escaping (SheetRow) throws -> Void) {
        self.sheetIndex = sheetIndex
        self.sheetName = sheetName
        self.dateStyles = dateStyles
        self.limits = limits
        self.body = body
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        let ss = XML2003Namespace.spreadsheet
        if name.is("Worksheet", in: ss) {
            inSheet = worksheetsSeen == sheetIndex
            worksheetsSeen += 1
            return
        }
        guard inSheet else { return }
        if dataType != nil { return }  // html markup inside rich text
        if name.is("Row", in: ss) {
            rowNumber = try position(attributes, after: rowNumber, limit: CellReference.maxRow, what: "row")
            row.reset(number: rowNumber)
            lastColumn = 0
        } else if name.is("Cell", in: ss) {
            column = try position(attributes, after: lastColumn, limit: CellReference.maxColumn, what: "column")
            guard column <= limits.maxColumns else {
                throw failure(.tooManyColumns, "column \(column) is past the limit of \(limits.maxColumns)")
            }
            let across = attributes.value("MergeAcross", namespace: ss).flatMap { DecimalBytes.integer($0) } ?? 0
            let down = attributes.value("MergeDown", namespace: ss).flatMap { DecimalBytes.integer($0) } ?? 0
            if across > 0 || down > 0 {
                let last = CellReference(row: min(rowNumber + down, CellReference.maxRow),
                                         column: min(column + across, CellReference.maxColumn))
                mergedRanges.append(CellRange(first: CellReference(row: rowNumber, column: column), last: last))
            }
            let style = attributes.value("StyleID", namespace: ss)
            cellIsDate = style.map { id in dateStyles.contains { $0.elementsEqual(id) } } ?? false
            // The next cell's position counts from the merged range's last column.
            lastColumn = column + across
        } else if name.is("Data", in: ss) {
            dataType = attributes.value("Type", namespace: ss).map(Array.init) ?? []
            text.removeAll(keepingCapacity: true)
        }
    }

    func endElement(_ name: XMLName) throws {
        guard inSheet else { return }
        let ss = XML2003Namespace.spreadsheet
        if dataType != nil {
            if name.is("Data", in: ss) { try finishData() }
        } else if name.is("Row", in: ss) {
            guard !row.cells.isEmpty else { return }
            rowCount += 1
            try body(row)
        } else if name.is("Worksheet", in: ss) {
            inSheet = false
            throw XMLStreamParser.Done()  // the rest of the file is other sheets
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard dataType != nil else { return }
        text.append(contentsOf: bytes)
        if text.count > limits.maxCellBytes {
            throw failure(.cellTooLong, "cell text is longer than \(limits.maxCellBytes) bytes")
        }
    }

    /// Turns the closed `Data`'s text into a cell of its `ss:Type`.
    private func finishData() throws {
        let type = dataType ?? []
        dataType = nil
        guard !text.isEmpty else { return }
        cellCount += 1
        if cellCount > limits.maxCells {
            throw failure(.tooManyCells, "more than \(limits.maxCells) cells")
        }
        switch String(decoding: type, as: UTF8.self) {
        case "Number":
            if let number = DecimalBytes.double(&text) {
                row.append(column: column, kind: cellIsDate ? .dateTime : .number, number: number)
            } else {
                row.append(column: column, kind: .text, bytes: text)
            }
        case "DateTime":
            if let serial = XML2003NumberFormat.serial(ofDateTime: text) {
                row.append(column: column, kind: .dateTime, number: serial)
            } else {
                row.append(column: column, kind: .text, bytes: text)
            }
        case "Boolean":
            let isTrue = text == Array("1".utf8) || text.elementsEqual("true".utf8) || text.elementsEqual("TRUE".utf8)
            row.append(column: column, kind: .boolean, number: isTrue ? 1 : 0)
        case "Error":
            row.append(column: column, kind: .error, bytes: text)
        default:
            row.append(column: column, kind: .text, bytes: text)
        }
    }

    /// A row's or cell's position: its `ss:Index`, else the one after `previous`.
    private func position(_ attributes: XMLAttributes, after previous: Int, limit: Int, what: String) throws -> Int {
        let index = attributes.value("Index", namespace: XML2003Namespace.spreadsheet)
        let value = index.map { DecimalBytes.integer($0) ?? -1 } ?? previous + 1
        guard value >= 1, value <= limit else {
            throw failure(.xml2003BadPosition,
                          "\(what) \(index.map { String(decoding: $0, as: UTF8.self) } ?? String(value)) is outside 1...\(limit)")
        }
        return value
    }

    /// An error naming the sheet and the cell being read.
    private func failure(_ code: SheetError.Code, _ detail: String) -> SheetError {
        let cell = column >= 1 ? CellReference(row: max(rowNumber, 1), column: column) : nil
        return SheetError(code, detail, sheet: sheetName, cell: cell)
    }
}
