extension SheetError.Code {
    /// A worksheet's cell records go back further than `XLSRowWindow.depth` rows.
    public static let xlsRowsOutOfOrder = Self("xls-rows-out-of-order")
}

/// Streams one worksheet substream of a `.xls` workbook into rows: the cell
/// records from its BOF to its EOF, delivered in row order whatever order
/// the writer kept within a row block (`XLSRowWindow`). Numbers take their
/// meaning from their cell format (XF): dates, durations, percentages. A
/// formula's cached result is its value; a text result follows in the next
/// `STRING` record.
struct XLSSheetReader {
    private let globals: XLSGlobals
    private let sheet: String
    private let limits: ReadLimits
    private let text: XLSText
    private let deliver: (SheetRow) throws -> Void

    private var window = XLSRowWindow()
    /// The row of the latest cell; the others wait in `window`.
    private var open = XLSRowWindow.Open()
    private var cellCount: Int64 = 0
    /// The formula cell whose text result the next `STRING` record holds.
    private var pendingString: CellReference?
    private(set) var mergedRanges: [CellRange] = []
    var rowCount: Int { window.deliveredCount }
    private var scratch: [UInt8] = []

    init(globals: XLSGlobals, sheet: String, limits: ReadLimits, deliver: @escaping (SheetRow) throws -> Void) {
        self.globals = globals
        self.sheet = sheet
        self.limits = limits
        self.deliver = deliver
        text = XLSText(codepage: globals.codepage)
    }

    /// Reads the substream at `offset` of `stream` to its EOF.
    mutating func read(_ stream: CompoundFileStream, at offset: Int64) throws {
        let records = BIFFRecordReader(stream, at: offset)
        guard try records.next(), records.type == BIFFRecord.bof else {
            throw SheetError(
                .xlsCorrupt, "the sheet's substream at byte \(offset) does not start with a BOF record", sheet: sheet)
        }
        var depth = 1  // charts embedded in the sheet are substreams of their own
        while try records.next() {
            let payload = records.payload
            switch records.type {
            case BIFFRecord.bof:
                depth += 1
            case BIFFRecord.eof:
                depth -= 1
                if depth == 0 { return try window.finish(&open, deliver) }
            case _ where depth > 1:
                continue
            case BIFFRecord.labelSST:
                let index = Int(payload.u32(6))
                guard let item = globals.strings.item(index) else {
                    throw failure(
                        .sharedStringMissing, at: payload,
                        "shared string \(index) is past the end of the table of \(globals.strings.count)")
                }
                try appendText(item, at: payload)
            case BIFFRecord.label, BIFFRecord.richString:
                scratch.removeAll(keepingCapacity: true)
                globals.appendString(payload, at: 6, countBytes: 2, to: &scratch, text: text)
                try appendText(scratch[...], at: payload)
            case BIFFRecord.number:
                try appendNumber(payload.f64(6), format: payload.u16(4), at: payload.u16(0), payload.u16(2))
            case BIFFRecord.rk:
                try appendNumber(
                    BIFFBytes.rk(payload.u32(6)), format: payload.u16(4), at: payload.u16(0), payload.u16(2))
            case BIFFRecord.mulRK:
                let first = payload.u16(2)
                for i in 0..<max(0, (payload.count - 6) / 6) {
                    let at = 4 + 6 * i
                    try appendNumber(
                        BIFFBytes.rk(payload.u32(at + 2)), format: payload.u16(at), at: payload.u16(0), first + i)
                }
            case BIFFRecord.boolErr:
                try appendBooleanOrError(payload.u8(6), isError: payload.u8(7) != 0, at: payload)
            case BIFFRecord.formula:
                try appendFormulaResult(payload)
            case BIFFRecord.string:
                guard let cell = pendingString else { continue }
                pendingString = nil
                scratch.removeAll(keepingCapacity: true)
                globals.appendString(payload, at: 0, countBytes: 2, to: &scratch, text: text)
                try appendText(scratch[...], row: cell.row - 1, column: cell.column - 1)
            case BIFFRecord.mergedCells:
                for i in 0..<min(payload.u16(0), (payload.count - 2) / 8) {
                    let at = 2 + 8 * i
                    mergedRanges.append(
                        CellRange(
                            first: CellReference(row: payload.u16(at) + 1, column: payload.u16(at + 4) + 1),
                            last: CellReference(row: payload.u16(at + 2) + 1, column: payload.u16(at + 6) + 1)))
                }
            default:
                break
            }
        }
        throw SheetError(.xlsCorrupt, "the sheet's substream ends without an EOF record", sheet: sheet)
    }

    // MARK: Cells

    /// A FORMULA record's cached result ([MS-XLS] 2.5.133 FormulaValue):
    /// a number unless its last two bytes are 0xFFFF, then a string (in the
    /// next `STRING`), boolean, error or empty string by its first byte.
    private mutating func appendFormulaResult(_ payload: BIFFBytes) throws {
        let (r, c) = (payload.u16(0), payload.u16(2))
        guard payload.u16(12) == 0xFFFF else {
            return try appendNumber(payload.f64(6), format: payload.u16(4), at: r, c)
        }
        switch payload.u8(6) {
        case 0: pendingString = CellReference(row: r + 1, column: c + 1)
        case 1: try appendBooleanOrError(payload.u8(8), isError: false, at: payload)
        case 2: try appendBooleanOrError(payload.u8(8), isError: true, at: payload)
        default: break  // an empty string
        }
    }

    private mutating func appendNumber(_ number: Double, format xf: Int, at r: Int, _ c: Int) throws {
        try place(row: r, column: c)
        let shown = xf < globals.shown.count ? globals.shown[xf] : .number
        open.row.append(
            column: c + 1, number: number, shown: shown, uses1904DateSystem: globals.uses1904DateSystem)
    }

    private mutating func appendBooleanOrError(_ value: UInt8, isError: Bool, at payload: BIFFBytes) throws {
        try place(row: payload.u16(0), column: payload.u16(2))
        if isError {
            open.row.append(column: payload.u16(2) + 1, kind: .error, bytes: Self.errorText(value).utf8)
        } else {
            open.row.append(column: payload.u16(2) + 1, kind: .boolean, number: value != 0 ? 1 : 0)
        }
    }

    private mutating func appendText(_ bytes: ArraySlice<UInt8>, at payload: BIFFBytes) throws {
        try appendText(bytes, row: payload.u16(0), column: payload.u16(2))
    }

    private mutating func appendText(_ bytes: ArraySlice<UInt8>, row r: Int, column c: Int) throws {
        guard !bytes.isEmpty else { return }
        try place(row: r, column: c)
        guard bytes.count <= limits.maxCellBytes else {
            throw failure(
                .cellTooLong, row: r, column: c,
                "text of \(bytes.count) bytes is longer than the limit of \(limits.maxCellBytes)")
        }
        open.row.append(column: c + 1, kind: .text, bytes: bytes)
    }

    /// Moves to the cell at 0-based `r`, `c`: its row becomes the open one.
    private mutating func place(row r: Int, column c: Int) throws {
        if r + 1 != open.row.number {
            guard try window.switchRow(&open, to: r + 1, deliver: deliver) else {
                throw failure(
                    .xlsRowsOutOfOrder, row: r, column: c,
                    "a cell of row \(r + 1) comes after cells of rows more than \(XLSRowWindow.depth) rows further down"
                )
            }
        }
        cellCount += 1
        guard cellCount <= limits.maxCells else {
            throw failure(.tooManyCells, row: r, column: c, "the sheet has more than \(limits.maxCells) cells")
        }
        guard c < limits.maxColumns else {
            throw failure(
                .tooManyColumns, row: r, column: c, "column \(c + 1) is past the limit of \(limits.maxColumns)")
        }
        if c + 1 < open.lastColumn { open.needsSorting = true }
        open.lastColumn = c + 1
    }

    /// The text Excel shows for a BErr code ([MS-XLS] 2.5.10).
    static func errorText(_ code: UInt8) -> String {
        switch code {
        case 0x00: "#NULL!"
        case 0x07: "#DIV/0!"
        case 0x0F: "#VALUE!"
        case 0x17: "#REF!"
        case 0x1D: "#NAME?"
        case 0x24: "#NUM!"
        case 0x2A: "#N/A"
        case 0x2B: "#GETTING_DATA"
        default: "#ERR\(code)!"
        }
    }

    private func failure(_ code: SheetError.Code, at payload: BIFFBytes, _ detail: String) -> SheetError {
        failure(code, row: payload.u16(0), column: payload.u16(2), detail)
    }

    private func failure(_ code: SheetError.Code, row r: Int, column c: Int, _ detail: String) -> SheetError {
        SheetError(code, detail, sheet: sheet, cell: CellReference(row: r + 1, column: c + 1))
    }
}
