#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams one `table:table` of an OpenDocument spreadsheet's `content.xml`
/// into rows.
///
/// `table:number-rows-repeated` and `table:number-columns-repeated` repeat
/// a row or cell; empty repeats only move the position (LibreOffice pads
/// sheets with a million empty rows), repeats with values are bounded by
/// the read limits before anything is copied. `table:number-columns-spanned`
/// and `-rows-spanned` are merged ranges. A cell's value comes from its
/// `office:value-type` and value attribute; its text from its paragraphs
/// (`text:s`, `text:tab`, `text:line-break` expanded, paragraphs joined by
/// line feeds), annotations left out. A formula's value is its cached one.
///
/// White space in a paragraph is kept as written, as LibreOffice reads it,
/// not collapsed as ODF 1.2 §6.1.2 prescribes: LibreOffice writes a later
/// paragraph's leading spaces literally, which collapsing would drop
/// (`ODSReaderTests`). `text:tab` and `text:line-break` are a tab and a line
/// feed, which LibreOffice 7.4 and calamine drop.
///
/// Rows carry no numbers: each counts from the rows before it, so a piece
/// of the table parsed on a worker (`XMLRowSegmenter`) numbers its rows
/// from 1 at its start, and the reading thread adds the rows before.
final class ODSTableReader: RowContainerHandler {
    /// A cell's `office:value-type`.
    private enum ValueType {
        case none, number, percentage, date, time, boolean, string, error
    }

    private let sheetIndex: Int
    /// The sheet's name, from its start tag when the sheet list was not read first.
    private(set) var sheetName: String?
    private let limits: ReadLimits
    private let deliver: (SheetRow) throws -> Void

    private(set) var mergedRanges: [CellRange] = []
    private(set) var rowCount = 0
    private(set) var rowContainer: XMLRowContainer?
    var lastRowNumber: Int { rowNumber - 1 }
    /// The number of the last row delivered (0: none): a piece's rows end
    /// there, whatever empty rows repeat after it.
    private(set) var lastDeliveredRow = 0

    /// Top-level tables started: the sheet was found when this passed `sheetIndex`.
    @exclusivity(unchecked) private(set) var tablesSeen = 0
    /// Depth of `table:table` elements inside the sheet (a sub-table's cells are not the sheet's).
    @exclusivity(unchecked) private var depthInSheet = 0
    @exclusivity(unchecked) private var row = SheetRow()
    /// The number of the open (or next) row.
    @exclusivity(unchecked) private var rowNumber = 1
    @exclusivity(unchecked) private var rowRepeat = 1
    @exclusivity(unchecked) private var column = 1
    @exclusivity(unchecked) private(set) var cellCount: Int64 = 0

    // The open cell.
    @exclusivity(unchecked) private var inCell = false
    @exclusivity(unchecked) private var cellRepeat = 1
    @exclusivity(unchecked) private var valueType = ValueType.none
    @exclusivity(unchecked) private var number = 0.0
    @exclusivity(unchecked) private var hasValue = false
    @exclusivity(unchecked) private var hasStringValue = false
    @exclusivity(unchecked) private var paragraphs = 0
    @exclusivity(unchecked) private var paragraphDepth = 0
    @exclusivity(unchecked) private var annotationDepth = 0
    @exclusivity(unchecked) private var text = ByteBuffer()

    /// With `isPiece`, the reader takes rows cut out of the sheet's table: it starts inside it.
    init(
        sheetIndex: Int, sheetName: String?, limits: ReadLimits, isPiece: Bool = false,
        deliver: @escaping (SheetRow) throws -> Void
    ) {
        self.sheetIndex = sheetIndex
        self.sheetName = sheetName
        self.limits = limits
        self.deliver = deliver
        if isPiece { depthInSheet = 1 }
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        switch name.namespace {
        case ODSNamespace.table:
            let local = name.localName
            if local[0] == UInt8(ascii: "t"), name.is("table") {
                if depthInSheet > 0 {
                    depthInSheet += 1
                } else {
                    if tablesSeen == sheetIndex { startSheet(name, attributes) }
                    tablesSeen += 1
                }
                return
            }
            guard depthInSheet == 1, annotationDepth == 0 else { return }
            if local[0] == UInt8(ascii: "t"), name.is("table-cell") {
                try startCell(attributes, isCovered: false)
            } else if local[0] == UInt8(ascii: "c"), name.is("covered-table-cell") {
                try startCell(attributes, isCovered: true)
            } else if name.is("table-row") {
                rowRepeat = 1
                for i in 0..<attributes.count where XMLName.equal(attributes.localName(i), "number-rows-repeated") {
                    rowRepeat = max(1, DecimalBytes.integer(attributes.value(i)) ?? 1)
                }
                row.reset(number: rowNumber)
                column = 1
            }
        case ODSNamespace.text where inCell && annotationDepth == 0:
            let local = name.localName
            switch local[0] {
            case UInt8(ascii: "p") where local[1] == 0, UInt8(ascii: "h") where local[1] == 0:
                if paragraphDepth == 0 {
                    if paragraphs > 0 { try appendText("\n") }
                    paragraphs += 1
                }
                paragraphDepth += 1
            case UInt8(ascii: "s") where local[1] == 0:
                let count =
                    attributes.value("c", namespace: ODSNamespace.text).flatMap { DecimalBytes.integer($0) } ?? 1
                guard count <= limits.maxCellBytes else { throw failure(.cellTooLong, "text:s of \(count) spaces") }
                for _ in 0..<max(count, 1) { try appendText(" ") }
            case UInt8(ascii: "t") where name.is("tab"):
                try appendText("\t")
            case UInt8(ascii: "l") where name.is("line-break"):
                try appendText("\n")
            default:
                break
            }
        case ODSNamespace.office where depthInSheet == 1:
            if name.is("annotation") { annotationDepth += 1 }
        default:
            break
        }
    }

    func endElement(_ name: XMLName) throws {
        switch name.namespace {
        case ODSNamespace.table:
            let local = name.localName
            if local[0] == UInt8(ascii: "t"), name.is("table") {
                guard depthInSheet > 0 else { return }
                depthInSheet -= 1
                if depthInSheet == 0 {
                    rowContainer?.isOpen = false
                    throw XMLStreamParser.Done()  // the rest is other sheets
                }
                return
            }
            guard depthInSheet == 1, annotationDepth == 0 else { return }
            if inCell, (local[0] == UInt8(ascii: "t") && name.is("table-cell")) || name.is("covered-table-cell") {
                try finishCell()
            } else if name.is("table-row") {
                try finishRow()
            }
        case ODSNamespace.text where inCell && annotationDepth == 0:
            let local = name.localName
            if (local[0] == UInt8(ascii: "p") || local[0] == UInt8(ascii: "h")) && local[1] == 0 { paragraphDepth -= 1 }
        case ODSNamespace.office where depthInSheet == 1:
            if name.is("annotation") { annotationDepth -= 1 }
        default:
            break
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard paragraphDepth > 0, annotationDepth == 0, !hasStringValue else { return }
        text.append(bytes)
        guard text.count <= limits.maxCellBytes else {
            throw failure(.cellTooLong, "cell text is longer than \(limits.maxCellBytes) bytes")
        }
    }

    private func startSheet(_ name: XMLName, _ attributes: XMLAttributes) {
        depthInSheet = 1
        if sheetName == nil {
            sheetName = ODSOutline.sheetName(attributes, index: sheetIndex)
        }
        rowContainer = XMLRowContainer(
            qualifiedName: name.qualifiedName, namespaceDeclarations: attributes.namespaceDeclarationsInScope())
    }

    // MARK: Cells

    private func startCell(_ attributes: XMLAttributes, isCovered: Bool) throws {
        inCell = true
        cellRepeat = 1
        valueType = .none
        hasValue = false
        hasStringValue = false
        paragraphs = 0
        paragraphDepth = 0
        text.removeAll()
        var spans = (columns: 1, rows: 1)
        var value: UnsafeBufferPointer<UInt8>?
        for i in 0..<attributes.count {
            let local = attributes.localName(i)
            switch attributes.namespace(i) {
            case ODSNamespace.office:
                switch local[0] {
                case UInt8(ascii: "v") where XMLName.equal(local, "value-type"):
                    if valueType != .error { valueType = Self.valueType(attributes.value(i)) }
                case UInt8(ascii: "v") where XMLName.equal(local, "value"),
                    UInt8(ascii: "d") where XMLName.equal(local, "date-value"),
                    UInt8(ascii: "t") where XMLName.equal(local, "time-value"),
                    UInt8(ascii: "b") where XMLName.equal(local, "boolean-value"):
                    value = attributes.value(i)
                case UInt8(ascii: "s") where XMLName.equal(local, "string-value"):
                    text.append(attributes.value(i))
                    hasStringValue = true
                default:
                    break
                }
            case ODSNamespace.table:
                switch local[0] {
                case UInt8(ascii: "n") where XMLName.equal(local, "number-columns-repeated"):
                    cellRepeat = max(1, DecimalBytes.integer(attributes.value(i)) ?? 1)
                case UInt8(ascii: "n") where XMLName.equal(local, "number-columns-spanned"):
                    spans.columns = DecimalBytes.integer(attributes.value(i)) ?? 1
                case UInt8(ascii: "n") where XMLName.equal(local, "number-rows-spanned"):
                    spans.rows = DecimalBytes.integer(attributes.value(i)) ?? 1
                default:
                    break
                }
            case ODSNamespace.calcext:
                if XMLName.equal(local, "value-type"), attributes.value(i).elementsEqual("error".utf8) {
                    valueType = .error
                }
            default:
                break
            }
        }
        if let value { try parseValue(value) }
        if !isCovered, spans.columns > 1 || spans.rows > 1 {
            mergedRanges.append(
                CellRange(
                    first: CellReference(row: rowNumber, column: column),
                    last: CellReference(
                        row: min(rowNumber + spans.rows - 1, CellReference.maxRow),
                        column: min(column + spans.columns - 1, CellReference.maxColumn))))
        }
    }

    /// The value attribute of the cell's type, as a number, serial or boolean.
    private func parseValue(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        switch valueType {
        case .number, .percentage:
            guard let parsed = DecimalBytes.double(bytes) else { throw invalidValue(bytes, "a number") }
            number = parsed
        case .date:
            guard let serial = ISODateTime.serial(bytes) else { throw invalidValue(bytes, "an ISO 8601 date") }
            number = serial
        case .time:
            guard let days = Self.days(ofDuration: bytes) else { throw invalidValue(bytes, "an ISO 8601 duration") }
            number = days
        case .boolean:
            number = bytes.elementsEqual("true".utf8) || bytes.elementsEqual("1".utf8) ? 1 : 0
        case .none, .string, .error:
            return
        }
        hasValue = true
    }

    private func finishCell() throws {
        inCell = false
        defer { column += cellRepeat }
        guard hasValue else {
            if !text.isEmpty { try appendCells(valueType == .error ? .error : .text) }
            return
        }
        switch valueType {
        case .boolean: try appendCells(.boolean)
        case .date: try appendCells(.dateTime)
        case .percentage: try appendCells(.number, isPercent: true)
        // A time of day reads as one; longer times are durations.
        case .time where number >= 0 && number < 1: try appendCells(.dateTime)
        case .time: try appendCells(.number, isDuration: true)
        default: try appendCells(.number)
        }
    }

    /// The open cell, `cellRepeat` times, after checking the limits.
    private func appendCells(_ kind: CellKind, isPercent: Bool = false, isDuration: Bool = false) throws {
        let last = column + cellRepeat - 1
        guard last <= limits.maxColumns else {
            throw failure(.tooManyColumns, "column \(last) is past the limit of \(limits.maxColumns)")
        }
        cellCount += Int64(cellRepeat)
        guard cellCount <= limits.maxCells else { throw failure(.tooManyCells, "more than \(limits.maxCells) cells") }
        for c in column...last {
            switch kind {
            case .text, .error: row.append(column: c, kind: kind, bytes: text.bytes)
            default:
                row.cells.append(
                    SheetCell(column: c, kind: kind, number: number, isPercent: isPercent, isDuration: isDuration))
            }
        }
    }

    /// Delivers the row, `rowRepeat` times if it has cells.
    private func finishRow() throws {
        defer { rowNumber += rowRepeat }
        guard !row.cells.isEmpty else { return }
        let last = rowNumber + rowRepeat - 1
        guard last <= CellReference.maxRow else {
            throw SheetError(
                .cellOutOfRange, "row \(last) is beyond the last row \(CellReference.maxRow)", sheet: sheetName,
                cell: CellReference(row: min(last, Int(Int32.max)), column: row.cells[0].column))
        }
        cellCount += Int64(row.cells.count) * Int64(rowRepeat - 1)
        guard cellCount <= limits.maxCells else {
            throw SheetError(
                .tooManyCells, "more than \(limits.maxCells) cells", sheet: sheetName,
                cell: CellReference(row: rowNumber, column: row.cells[0].column))
        }
        for number in rowNumber...last {
            row.number = number
            rowCount += 1
            try deliver(row)
        }
        lastDeliveredRow = last
    }

    private func appendText(_ literal: StaticString) throws {
        guard !hasStringValue else { return }
        text.append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
        guard text.count <= limits.maxCellBytes else {
            throw failure(.cellTooLong, "cell text is longer than \(limits.maxCellBytes) bytes")
        }
    }

    // MARK: Values

    private static func valueType(_ bytes: UnsafeBufferPointer<UInt8>) -> ValueType {
        func spells(_ name: StaticString) -> Bool {
            bytes.count == name.utf8CodeUnitCount && memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0
        }
        switch bytes.first {
        case UInt8(ascii: "f") where spells("float"): return .number
        case UInt8(ascii: "c") where spells("currency"): return .number
        case UInt8(ascii: "p") where spells("percentage"): return .percentage
        case UInt8(ascii: "d") where spells("date"): return .date
        case UInt8(ascii: "t") where spells("time"): return .time
        case UInt8(ascii: "b") where spells("boolean"): return .boolean
        case UInt8(ascii: "s") where spells("string"): return .string
        default: return .none
        }
    }

    /// Days of an ISO 8601 duration as ODF writes times: `PT12H30M00S`,
    /// `PT255H10M10.5S`, `-PT1H`, `P1DT2H`.
    static func days(ofDuration bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var seconds = 0.0
        var i = 0
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            i = 1
        }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "P") else { return nil }
        i += 1
        var inTime = false
        var sawNumber = false
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "T") {
                inTime = true
                i += 1
                continue
            }
            let start = i
            while i < bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) || bytes[i] == UInt8(ascii: ".")
            { i += 1 }
            guard i > start, i < bytes.count,
                let value = DecimalBytes.double(UnsafeBufferPointer(rebasing: bytes[start..<i]))
            else { return nil }
            sawNumber = true
            switch (bytes[i], inTime) {
            case (UInt8(ascii: "D"), false): seconds += value * 86_400
            case (UInt8(ascii: "H"), true): seconds += value * 3600
            case (UInt8(ascii: "M"), true): seconds += value * 60
            case (UInt8(ascii: "S"), true): seconds += value
            default: return nil
            }
            i += 1
        }
        guard sawNumber else { return nil }
        return (negative ? -seconds : seconds) / 86_400
    }

    private func invalidValue(_ bytes: UnsafeBufferPointer<UInt8>, _ expected: String) -> SheetError {
        failure(.cellValueInvalid, "value '\(String(decoding: bytes.prefix(64), as: UTF8.self))' is not \(expected)")
    }

    private func failure(_ code: SheetError.Code, _ detail: String) -> SheetError {
        SheetError(
            code, detail, sheet: sheetName,
            cell: CellReference(row: min(rowNumber, CellReference.maxRow), column: min(column, CellReference.maxColumn))
        )
    }
}
