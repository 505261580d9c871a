#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
            guard let bytes, let first = bytes.first else {
                self = .string
                return
            }
            func spells(_ name: StaticString) -> Bool {
                bytes.count == name.utf8CodeUnitCount && memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0
            }
            switch first {
            case UInt8(ascii: "N") where spells("Number"): self = .number
            case UInt8(ascii: "D") where spells("DateTime"): self = .dateTime
            case UInt8(ascii: "B") where spells("Boolean"): self = .boolean
            case UInt8(ascii: "E") where spells("Error"): self = .error
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
    @exclusivity(unchecked) private var text = ByteBuffer()

    /// With `isPiece`, the reader takes rows cut out of the sheet's table: it starts inside it.
    init(
        sheetIndex: Int, sheetName: String, numberStyles: [(id: [UInt8], shown: NumberFormat.Shown)],
        limits: ReadLimits,
        isPiece: Bool = false, body: @escaping (SheetRow) throws -> Void
    ) {
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
        let local = name.localName
        if local[0] == UInt8(ascii: "W"), name.is("Worksheet") {
            inSheet = worksheetsSeen == sheetIndex
            worksheetsSeen += 1
            return
        }
        guard inSheet, dataType == nil else { return }  // nested markup is html rich text inside a Data
        // Names told apart by their first byte; most frequent first.
        switch local[0] {
        case UInt8(ascii: "D") where name.is("Data"):
            dataType = DataType(attributes.value("Type", namespace: ss))
            text.removeAll()
        case UInt8(ascii: "C") where name.is("Cell"):
            let found = PositionAttributes(attributes)
            column = try position(found.index, after: lastColumn, limit: CellReference.maxColumn, what: "column")
            guard column <= limits.maxColumns else {
                throw failure(.tooManyColumns, "column \(column) is past the limit of \(limits.maxColumns)")
            }
            if found.across > 0 || found.down > 0 {
                let last = CellReference(
                    row: min(rowNumber + found.down, CellReference.maxRow),
                    column: min(column + found.across, CellReference.maxColumn))
                mergedRanges.append(CellRange(first: CellReference(row: rowNumber, column: column), last: last))
                if numbersAreRelative { relativeMerges += 1 }
            }
            cellShown = found.style.flatMap { id in numberStyles.first { $0.id.elementsEqual(id) }?.shown } ?? .number
            // The next cell's position counts from the merged range's last column.
            lastColumn = column + found.across
        case UInt8(ascii: "R") where name.is("Row"):
            let index = PositionAttributes(attributes).index
            rowNumber = try position(index, after: rowNumber, limit: CellReference.maxRow, what: "row")
            row.reset(number: rowNumber)
            lastColumn = 0
            if numbersAreRelative {
                if index == nil {
                    relativeRowsEnd = rowNumber
                } else {
                    numbersAreRelative = false
                }
            }
        case UInt8(ascii: "T") where name.is("Table"):
            rowContainer = XMLRowContainer(
                qualifiedName: name.qualifiedName,
                namespaceDeclarations: attributes.namespaceDeclarationsInScope())
        default:
            break
        }
    }

    /// The `ss:` attributes that place a row or cell, found in one pass over its attributes.
    private struct PositionAttributes {
        var index: UnsafeBufferPointer<UInt8>?
        var style: UnsafeBufferPointer<UInt8>?
        var across = 0, down = 0

        init(_ attributes: XMLAttributes) {
            for i in 0..<attributes.count where attributes.namespace(i) == XML2003Namespace.spreadsheet {
                let local = attributes.localName(i)
                switch local[0] {
                case UInt8(ascii: "I") where XMLName.equal(local, "Index"): index = attributes.value(i)
                case UInt8(ascii: "S") where XMLName.equal(local, "StyleID"): style = attributes.value(i)
                case UInt8(ascii: "M") where XMLName.equal(local, "MergeAcross"):
                    across = DecimalBytes.integer(attributes.value(i)) ?? 0
                case UInt8(ascii: "M") where XMLName.equal(local, "MergeDown"):
                    down = DecimalBytes.integer(attributes.value(i)) ?? 0
                default: break
                }
            }
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
        text.append(bytes)
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
            if let number = DecimalBytes.double(text.bytes) {
                row.append(column: column, number: number, shown: cellShown, uses1904DateSystem: false)
            } else {
                row.append(column: column, kind: .text, bytes: text.bytes)
            }
        case .dateTime:
            if let serial = XML2003NumberFormat.serial(ofDateTime: text.bytes) {
                row.append(column: column, kind: .dateTime, number: serial)
            } else {
                row.append(column: column, kind: .text, bytes: text.bytes)
            }
        case .boolean:
            let isTrue = ["1", "true", "TRUE"].contains { text.bytes.elementsEqual($0.utf8) }
            row.append(column: column, kind: .boolean, number: isTrue ? 1 : 0)
        case .error:
            row.append(column: column, kind: .error, bytes: text.bytes)
        case .string:
            row.append(column: column, kind: .text, bytes: text.bytes)
        }
    }

    /// A row's or cell's position: its `ss:Index`, else the one after `previous`.
    private func position(_ index: UnsafeBufferPointer<UInt8>?, after previous: Int, limit: Int, what: String) throws
        -> Int
    {
        let value = index.map { DecimalBytes.integer($0) ?? -1 } ?? previous + 1
        guard value >= 1, value <= limit else {
            throw failure(
                .xml2003BadPosition,
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
