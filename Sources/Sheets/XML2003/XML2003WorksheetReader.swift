/// Streams the rows of one worksheet of an XML Spreadsheet 2003 file.
///
/// Follows `ss:Index` on rows and cells (positions skip ahead),
/// `ss:MergeAcross`/`ss:MergeDown` (the range is reported, the value stays
/// top-left) and `ss:Type`; a number whose `ss:StyleID` has a date format
/// is a date. Text inside `ss:Data` is concatenated whatever markup (html
/// rich text) wraps it. A formula's cached `Data` is its value.
final class XML2003WorksheetReader: RowContainerHandler {
    /// The `ss:Type` of a `Data` element.
    private enum DataType {
        case string, number, dateTime, boolean, error

        /// The type named by `bytes`; anything unknown reads as text.
        init(_ bytes: UnsafeBufferPointer<UInt8>?) {
            guard let bytes else { self = .string; return }
            switch (bytes.first, bytes.count) {
            case (UInt8(ascii: "N"), 6) where bytes.elementsEqual("Number".utf8): self = .number
            case (UInt8(ascii: "D"), 8) where bytes.elementsEqual("DateTime".utf8): self = .dateTime
            case (UInt8(ascii: "B"), 7) where bytes.elementsEqual("Boolean".utf8): self = .boolean
            case (UInt8(ascii: "E"), 5) where bytes.elementsEqual("Error".utf8): self = .error
            default: self = .string
            }
        }
    }

    private let sheetIndex: Int
    private let sheetName: String
    private let numberStyles: [(id: [UInt8], shown: NumberFormat.Shown)]
    private let limits: ReadLimits
    private let body: (SheetRow) throws -> Void

    private(set) var mergedRanges: [CellRange] = []
    private(set) var rowCount = 0
    private(set) var rowContainer: XMLRowContainer?
    var lastRowNumber: Int { rowNumber }
    /// Reading a piece of the sheet's table (`XMLRowSegmenter`): until a row
    /// names its `ss:Index`, row numbers count from 0 at the piece's start.
    @exclusivity(unchecked) private(set) var numbersAreRelative = false
    @exclusivity(unchecked) private(set) var relativeRows = 0, relativeMerges = 0, relativeRowsEnd = 0

    // The state below is only touched from the parser's callbacks, one at a
    // time, so the runtime's exclusivity checks are off.
    @exclusivity(unchecked) private var worksheetsSeen = 0
    @exclusivity(unchecked) private var inSheet = false
    @exclusivity(unchecked) private var row = SheetRow()
    @exclusivity(unchecked) private var rowNumber = 0
    /// Column of the open cell; the next cell without `ss:Index` comes after `lastColumn`.
    @exclusivity(unchecked) private var column = 0
    @exclusivity(unchecked) private var lastColumn = 0
    /// How the current cell's style shows a number.
    @exclusivity(unchecked) private var cellShown = NumberFormat.Shown.number
    @exclusivity(unchecked) private(set) var cellCount: Int64 = 0
    /// The `ss:Type` of the open `Data`, nil outside one.
    @exclusivity(unchecked) private var dataType: DataType?
    @exclusivity(unchecked) private var text: [UInt8] = []

    /// With `isPiece`, the reader takes rows cut out of the sheet's table: it starts inside it.
    init(sheetIndex: Int, sheetName: String, numberStyles: [(id: [UInt8], shown: NumberFormat.Shown)], limits: ReadLimits,
         isPiece: Bool = false, body: @escaping (SheetRow) throws -> Void) {
        self.sheetIndex = sheetIndex
        self.sheetName = sheetName
        self.numberStyles = numberStyles
        self.limits = limits
        self.body = body
        inSheet = isPiece
        numbersAreRelative = isPiece
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        let ss = XML2003Namespace.spreadsheet
        guard name.namespace == ss else { return }
        if name.is("Worksheet") {
            inSheet = worksheetsSeen == sheetIndex
            worksheetsSeen += 1
            return
        }
        guard inSheet else { return }
        if dataType != nil { return }  // html markup inside rich text
        // Most frequent first: a Data per Cell, a Cell per Data, then rows.
        if name.is("Data") {
            dataType = DataType(attributes.value("Type", namespace: ss))
            if !text.isEmpty { text.removeAll(keepingCapacity: true) }
        } else if name.is("Row") {
            rowNumber = try position(attributes, after: rowNumber, limit: CellReference.maxRow, what: "row")
            row.reset(number: rowNumber)
            lastColumn = 0
            if numbersAreRelative {
                if attributes.value("Index", namespace: ss) == nil {
                    relativeRowsEnd = rowNumber
                } else {
                    numbersAreRelative = false
                }
            }
        } else if name.is("Table") {
            rowContainer = XMLRowContainer(qualifiedName: name.qualifiedName,
                                           namespaceDeclarations: attributes.namespaceDeclarationsInScope())
        } else if name.is("Cell") {
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
                if numbersAreRelative { relativeMerges += 1 }
            }
            let style = attributes.value("StyleID", namespace: ss)
            cellShown = style.flatMap { id in numberStyles.first { $0.id.elementsEqual(id) }?.shown } ?? .number
            // The next cell's position counts from the merged range's last column.
            lastColumn = column + across
        }
    }

    func endElement(_ name: XMLName) throws {
        guard inSheet, name.namespace == XML2003Namespace.spreadsheet else { return }
        if dataType != nil {
            if name.is("Data") { try finishData() }
        } else if name.is("Row") {
            guard !row.cells.isEmpty else { return }
            rowCount += 1
            if numbersAreRelative { relativeRows += 1 }
            try body(row)
        } else if name.is("Table") {
            rowContainer?.isOpen = false
        } else if name.is("Worksheet") {
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
        let type = dataType ?? .string
        dataType = nil
        guard !text.isEmpty else { return }
        cellCount += 1
        if cellCount > limits.maxCells {
            throw failure(.tooManyCells, "more than \(limits.maxCells) cells")
        }
        switch type {
        case .number:
            if let number = text.withUnsafeBufferPointer(DecimalBytes.double) {
                row.append(column: column, kind: cellShown == .date ? .dateTime : .number, number: number,
                           isPercent: cellShown == .percent)
            } else {
                row.append(column: column, kind: .text, bytes: text)
            }
        case .dateTime:
            if let serial = XML2003NumberFormat.serial(ofDateTime: text) {
                row.append(column: column, kind: .dateTime, number: serial)
            } else {
                row.append(column: column, kind: .text, bytes: text)
            }
        case .boolean:
            let isTrue = text == Array("1".utf8) || text.elementsEqual("true".utf8) || text.elementsEqual("TRUE".utf8)
            row.append(column: column, kind: .boolean, number: isTrue ? 1 : 0)
        case .error:
            row.append(column: column, kind: .error, bytes: text)
        case .string:
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
