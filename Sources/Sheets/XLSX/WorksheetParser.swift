extension SheetError.Code {
    /// A cell or row beyond Excel's last cell, XFD1048576.
    public static let cellOutOfRange = Self("cell-out-of-range")
    /// A cell reference (`r="..."`) that is not an A1 reference.
    public static let cellReferenceInvalid = Self("cell-reference-invalid")
    /// A `t="s"` cell points past the end of the shared-strings table.
    public static let sharedStringMissing = Self("shared-string-missing")
    /// A cell's value does not fit its type (`t="b"` holding `7`, a number that is not one).
    public static let cellValueInvalid = Self("cell-value-invalid")
}

/// Streams a worksheet part (`xl/worksheets/sheetN.xml`) into rows of typed
/// cells, one `<row>` at a time.
///
/// The hot path: one reused row and value buffer, names matched by their
/// first bytes, numbers parsed from bytes, no String per cell.
final class WorksheetParser: RowContainerHandler {
    /// The `t` attribute of a cell.
    private enum CellType {
        case number, sharedString, formulaString, boolean, error, isoDate, inlineString
    }

    /// Which text the parser is collecting.
    private enum Collecting {
        case nothing, value, inlineText
    }

    private let sheet: String
    private let sharedStrings: SharedStrings
    private let styles: Styles
    /// Dates count from 1904-01-01 (`ExcelDate.serial1900(from1904:)` converts them).
    private let uses1904DateSystem: Bool
    private let limits: ReadLimits
    private let deliver: (SheetRow) throws -> Void

    private(set) var mergedRanges: [CellRange] = []
    private(set) var rowCount = 0
    @exclusivity(unchecked) private(set) var cellCount: Int64 = 0
    private(set) var rowContainer: XMLRowContainer?
    var lastRowNumber: Int { rowNumber }

    // The state below is only touched from the parser's callbacks, one at a
    // time, so the runtime's exclusivity checks (a tenth of the time) are off.
    @exclusivity(unchecked) private var row = SheetRow()
    @exclusivity(unchecked) private var rowNumber = 0
    @exclusivity(unchecked) private var rowHasNumber = false
    @exclusivity(unchecked) private var column = 0
    @exclusivity(unchecked) private var cellType = CellType.number
    @exclusivity(unchecked) private var cellStyle = 0
    @exclusivity(unchecked) private var collecting = Collecting.nothing
    @exclusivity(unchecked) private var hasValue = false
    @exclusivity(unchecked) private var value = ByteBuffer()
    @exclusivity(unchecked) private var inInlineString = false
    @exclusivity(unchecked) private var hasInlineString = false
    @exclusivity(unchecked) private var preserveSpace = false
    @exclusivity(unchecked) private var phoneticDepth = 0
    @exclusivity(unchecked) private var inlineRun: [UInt8] = []
    @exclusivity(unchecked) private var inlineText: [UInt8] = []

    init(
        sheet: String, sharedStrings: SharedStrings, styles: Styles, uses1904DateSystem: Bool,
        limits: ReadLimits, deliver: @escaping (SheetRow) throws -> Void
    ) {
        self.sheet = sheet
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.uses1904DateSystem = uses1904DateSystem
        self.limits = limits
        self.deliver = deliver
    }

    // MARK: Events

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        guard name.namespace == OOXML.main else { return }
        let local = name.localName
        switch local[0] {
        case UInt8(ascii: "c") where local[1] == 0:
            try startCell(attributes)
        case UInt8(ascii: "v") where local[1] == 0:
            collecting = .value
            value.removeAll()
        case UInt8(ascii: "r"):
            if name.is("row") {
                try startRow(attributes)
            } else if name.is("rPh") {
                phoneticDepth += 1
            }
        case UInt8(ascii: "t") where local[1] == 0:
            if inInlineString, phoneticDepth == 0 {
                collecting = .inlineText
                preserveSpace = attributes.string("space", namespace: OOXML.xml) == "preserve"
                inlineRun.removeAll(keepingCapacity: true)
            }
        case UInt8(ascii: "i") where name.is("is"):
            inInlineString = true
            hasInlineString = true
        case UInt8(ascii: "s") where name.is("sheetData"):
            rowContainer = XMLRowContainer(
                qualifiedName: name.qualifiedName,
                namespaceDeclarations: attributes.namespaceDeclarationsInScope())
        case UInt8(ascii: "m") where name.is("mergeCell"):
            if let text = attributes.string("ref"), let range = CellRange(text) {
                mergedRanges.append(range)
            }
        default:
            break
        }
    }

    func endElement(_ name: XMLName) throws {
        guard name.namespace == OOXML.main else { return }
        let local = name.localName
        switch local[0] {
        case UInt8(ascii: "c") where local[1] == 0:
            try finishCell()
        case UInt8(ascii: "v") where local[1] == 0:
            collecting = .nothing
            hasValue = true
        case UInt8(ascii: "t") where local[1] == 0:
            if collecting == .inlineText {
                collecting = .nothing
                inlineRun.withUnsafeBufferPointer { XLSXText.append($0, preserve: preserveSpace, to: &inlineText) }
            }
        case UInt8(ascii: "r"):
            if name.is("row") {
                try finishRow()
            } else if name.is("rPh") {
                phoneticDepth -= 1
            }
        case UInt8(ascii: "i") where name.is("is"):
            inInlineString = false
        case UInt8(ascii: "s") where name.is("sheetData"):
            rowContainer?.isOpen = false
        default:
            break
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
        switch collecting {
        case .nothing: return
        case .value: value.append(text)
        case .inlineText: inlineRun.append(contentsOf: text)
        }
    }

    // MARK: Rows and cells

    private func startRow(_ attributes: XMLAttributes) throws {
        if let text = attributes.value("r") {
            guard let number = DecimalBytes.integer(text), number >= 1 else {
                throw SheetError(
                    .cellReferenceInvalid, "row number '\(String(decoding: text, as: UTF8.self))' is not a number",
                    sheet: sheet)
            }
            guard number <= CellReference.maxRow else {
                throw SheetError(
                    .cellOutOfRange, "row \(number) is beyond Excel's last row \(CellReference.maxRow)", sheet: sheet)
            }
            rowNumber = number
            rowHasNumber = true
        } else {
            rowNumber += 1
            rowHasNumber = false
        }
        row.reset(number: rowNumber)
        column = 0
    }

    private func finishRow() throws {
        guard !row.cells.isEmpty else { return }
        rowCount += 1
        try deliver(row)
    }

    private func startCell(_ attributes: XMLAttributes) throws {
        var reference: UnsafeBufferPointer<UInt8>?
        cellType = .number
        cellStyle = 0
        for i in 0..<attributes.count {
            let local = attributes.localName(i)
            guard local[1] == 0 else { continue }
            switch local[0] {
            case UInt8(ascii: "r"): reference = attributes.value(i)
            case UInt8(ascii: "t"): cellType = try Self.cellType(attributes.value(i))
            case UInt8(ascii: "s"): cellStyle = DecimalBytes.integer(attributes.value(i)) ?? 0
            default: break
            }
        }
        if let reference {
            guard let position = CellReference.parse(reference) else { throw invalidReference(reference) }
            if !rowHasNumber, row.cells.isEmpty, position.row != rowNumber {
                // A row without `r` takes its number from its cells.
                rowNumber = position.row
                row.number = rowNumber
            }
            column = position.column
        } else {
            column += 1
        }
        hasValue = false
        hasInlineString = false
        if !inlineText.isEmpty { inlineText.removeAll(keepingCapacity: true) }
        value.removeAll()
    }

    private func finishCell() throws {
        collecting = .nothing
        cellCount += 1
        guard cellCount <= limits.maxCells else {
            throw SheetError(
                .tooManyCells, "the sheet has more than \(limits.maxCells) cells", sheet: sheet, cell: position)
        }
        guard column <= limits.maxColumns else {
            throw SheetError(
                .tooManyColumns, "column \(column) is past the limit of \(limits.maxColumns)", sheet: sheet,
                cell: position)
        }
        switch cellType {
        case .number:
            guard hasValue, !value.isEmpty else { return }
            let number = try parseNumber()
            row.append(
                column: column, number: number, shown: styles.shown(cellStyle), uses1904DateSystem: uses1904DateSystem)
        case .sharedString:
            guard hasValue, !value.isEmpty else { return }
            guard let index = DecimalBytes.integer(value.bytes),
                try sharedStrings.withItem(index, { try appendText($0) }) != nil
            else {
                throw SheetError(
                    .sharedStringMissing,
                    "shared string '\(String(decoding: value.bytes, as: UTF8.self))' is past the end of the table of \(sharedStrings.count)",
                    sheet: sheet, cell: position)
            }
        case .inlineString where hasInlineString:
            try inlineText.withUnsafeBufferPointer { try appendText($0) }
        case .formulaString, .inlineString:
            guard hasValue else { return }
            inlineText.removeAll(keepingCapacity: true)
            XLSXText.append(value.bytes, preserve: true, to: &inlineText)
            try inlineText.withUnsafeBufferPointer { try appendText($0) }
        case .boolean:
            guard hasValue, !value.isEmpty else { return }
            switch String(decoding: value.bytes, as: UTF8.self) {
            case "1", "true": row.append(column: column, kind: .boolean, number: 1)
            case "0", "false": row.append(column: column, kind: .boolean, number: 0)
            default: throw invalidValue("a boolean")
            }
        case .error:
            guard hasValue, !value.isEmpty else { return }
            row.append(column: column, kind: .error, bytes: value.bytes)
        case .isoDate:
            guard hasValue, !value.isEmpty else { return }
            guard let serial = ISODateTime.serial(value.bytes) else { throw invalidValue("an ISO 8601 date") }
            row.append(column: column, kind: .dateTime, number: serial)
        }
    }

    private func appendText(_ text: UnsafeBufferPointer<UInt8>) throws {
        guard !text.isEmpty else { return }
        guard text.count <= limits.maxCellBytes else {
            throw SheetError(
                .cellTooLong, "text of \(text.count) bytes is longer than the limit of \(limits.maxCellBytes)",
                sheet: sheet, cell: position)
        }
        row.append(column: column, kind: .text, bytes: text)
    }

    private var position: CellReference { CellReference(row: rowNumber, column: column) }

    // MARK: Bytes

    /// The cell's `<v>` as a number.
    private func parseNumber() throws -> Double {
        guard let number = DecimalBytes.double(value.bytes) else { throw invalidValue("a number") }
        return number
    }

    private func invalidValue(_ expected: String) -> SheetError {
        SheetError(
            .cellValueInvalid, "value '\(String(decoding: value.bytes.prefix(64), as: UTF8.self))' is not \(expected)",
            sheet: sheet, cell: position)
    }

    /// The error for a reference `CellReference.parse` refused: beyond
    /// XFD1048576 if it has the A1 shape, malformed otherwise.
    private func invalidReference(_ bytes: UnsafeBufferPointer<UInt8>) -> SheetError {
        let text = String(decoding: bytes.prefix(64), as: UTF8.self)
        let letters = text.prefix { $0.isLetter && $0.isASCII }
        let digits = text.dropFirst(letters.count)
        guard !letters.isEmpty, !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return SheetError(.cellReferenceInvalid, "cell reference '\(text)' is not an A1 reference", sheet: sheet)
        }
        // Saturated so that an absurd reference still prints.
        var column = 0
        for byte in letters.utf8 { column = min(column * 26 + Int((byte | 0x20) - UInt8(ascii: "a")) + 1, 1 << 40) }
        let row = Int(digits.prefix(12)) ?? Int.max
        return SheetError(
            .cellOutOfRange, "cell \(text) is beyond Excel's last cell XFD1048576",
            sheet: sheet, cell: CellReference(row: row, column: column))
    }

    private static func cellType(_ bytes: UnsafeBufferPointer<UInt8>) throws -> CellType {
        switch (bytes.count, bytes.first) {
        case (1, UInt8(ascii: "n")): return .number
        case (1, UInt8(ascii: "s")): return .sharedString
        case (3, UInt8(ascii: "s")): return .formulaString
        case (1, UInt8(ascii: "b")): return .boolean
        case (1, UInt8(ascii: "e")): return .error
        case (1, UInt8(ascii: "d")): return .isoDate
        case (9, UInt8(ascii: "i")): return .inlineString
        case (0, _): return .number
        default:
            throw SheetError(.cellValueInvalid, "unknown cell type t=\"\(String(decoding: bytes, as: UTF8.self))\"")
        }
    }
}
