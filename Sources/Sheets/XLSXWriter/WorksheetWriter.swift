extension SheetError.Code {
    /// A writer call out of order: a column width after the first row, a
    /// row number not above the previous one, a cell on a finished sheet.
    public static let writeOrder = Self("write-order")
    /// A cell text longer than Excel's 32,767 characters.
    public static let textTooLong = Self("text-too-long")
    /// Merged ranges that overlap, which Excel repairs away.
    public static let overlappingMerge = Self("merge-overlap")
}

/// One worksheet being written, `xl/worksheets/sheetN.xml`. Rows go to the
/// ZIP entry's deflater as they are written; nothing holds the sheet.
///
/// The part's element order fixes the order of calls:
/// 1. Before the first row: `setColumn…`, `freezePanes`, `setPageSetup`, `hideGridlines`.
/// 2. Rows, top to bottom: `beginRow`, then `write…` cells left to right
///    (or `addRow` for a whole row at once).
/// 3. Any time until the sheet is finished: `mergeCells`, `setAutoFilter`,
///    `addValidation`, `addConditionalFormat`, `protect`, `insertChart`. These
///    are few and small; they are kept and written after the rows (a chart
///    in its own parts, once the sheet is finished).
///
/// The sheet is finished when the workbook adds the next sheet or closes;
/// only one sheet is open at a time.
public final class WorksheetWriter {
    public let name: String
    public let visibility: SheetVisibility
    /// 0-based position in the workbook.
    let index: Int
    /// Whether this is the sheet the workbook opens on.
    let isActive: Bool
    private unowned let workbook: WorkbookWriter
    private let out: ByteStream

    private enum Phase { case setup, rows, finished }
    private var phase = Phase.setup

    // Before the rows.
    private var columns: [(range: ClosedRange<Int>, width: Double?, style: CellStyleID, hidden: Bool)] = []
    private var frozen: (rows: Int, columns: Int)?
    private(set) var pageSetup: PageSetup?
    private var gridlinesHidden = false

    // The rows. (Unchecked exclusivity: the cell loop reads these per cell,
    // and dynamic access checks cost more than the writing.)
    @exclusivity(unchecked) private var rowNumber = 0
    @exclusivity(unchecked) private var rowOpen = false
    @exclusivity(unchecked) private var nextColumn = 1
    @exclusivity(unchecked) private var rowDigits: [UInt8] = []
    /// `A`, `B`, …: three letter slots and a length per column, filled as columns are first used.
    @exclusivity(unchecked) private var columnLetters: [UInt8] = []
    @exclusivity(unchecked) private(set) var lastColumn = 0
    /// Heights given to rows, for placing charts over them.
    private var rowHeights: [Int: Double] = [:]

    // After the rows.
    private var merges: [CellRange] = []
    private(set) var autoFilter: CellRange?
    private var validations: [DataValidation] = []
    private var conditionalFormats: [ConditionalFormat] = []
    private var protection: (enabled: Bool, passwordHash: UInt16?) = (false, nil)
    private(set) var charts: [PlacedChart] = []

    /// A chart and where it goes: its top-left cell, an offset into that cell and its size, in pixels.
    struct PlacedChart {
        var spec: ChartSpec
        var cell: CellReference
        var offset: (x: Int, y: Int)
        var size: (width: Int, height: Int)
        /// Fixed axis ids (tests matching an Excel file); otherwise the workbook numbers them.
        var axisIDs: (category: Int, value: Int)?
    }

    init(
        name: String, visibility: SheetVisibility, index: Int, isActive: Bool, workbook: WorkbookWriter,
        sink: ByteSink
    ) {
        self.name = name
        self.visibility = visibility
        self.index = index
        self.isActive = isActive
        self.workbook = workbook
        self.out = ByteStream(sink: sink)
        rowDigits.reserveCapacity(8)
    }

    // MARK: Before the first row

    /// Sets the width (in characters of `0`, see `ColumnWidth`), default
    /// style or hiding of 1-based columns.
    public func setColumns(
        _ range: ClosedRange<Int>, width: Double? = nil, style: CellStyleID = .default,
        hidden: Bool = false
    ) throws {
        try requireSetup("column widths")
        columns.append((range, width, style, hidden))
    }

    public func setColumn(_ column: Int, width: Double? = nil, style: CellStyleID = .default, hidden: Bool = false)
        throws
    {
        try setColumns(column...column, width: width, style: style, hidden: hidden)
    }

    /// Keeps the top `rows` rows and left `columns` columns in view while scrolling.
    public func freezePanes(rows: Int, columns: Int = 0) throws {
        try requireSetup("frozen panes")
        frozen = rows > 0 || columns > 0 ? (rows, columns) : nil
    }

    /// How the sheet prints (see `PageSetup`).
    public func setPageSetup(_ setup: PageSetup) throws {
        try requireSetup("the page setup")
        pageSetup = setup
    }

    /// Hides the grid on screen, for sheets laid out as a report.
    public func hideGridlines() throws {
        try requireSetup("gridlines")
        gridlinesHidden = true
    }

    private func requireSetup(_ what: String) throws {
        guard phase == .setup else {
            throw SheetError(.writeOrder, "\(what) must be set before the first row", sheet: name)
        }
    }

    // MARK: Rows and cells

    /// Starts a row: the next one, or row `number` (1-based) if given, which
    /// must be below the previous row. Ends the open row.
    public func beginRow(_ number: Int? = nil, height: Double? = nil, hidden: Bool = false) throws {
        try requireOpen()
        if phase == .setup { try writeHead() }
        if rowOpen { try out.append("</row>") }
        let row = number ?? rowNumber + 1
        guard row > rowNumber, row <= CellReference.maxRow else {
            throw SheetError(.writeOrder, "row \(row) after row \(rowNumber): rows go top to bottom", sheet: name)
        }
        rowNumber = row
        rowOpen = true
        nextColumn = 1
        rowDigits.removeAll(keepingCapacity: true)
        var rest = row
        repeat {
            rowDigits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        rowDigits.reverse()
        try out.append(#"<row r=""#)
        try out.append(rowDigits)
        if let height {
            rowHeights[row] = height
            try out.append(#"" ht=""#)
            try out.appendNumber(height)
            try out.append(#"" customHeight="1"#)
        }
        if hidden { try out.append(#"" hidden="1"#) }
        try out.append(#"">"#)
    }

    /// Leaves `count` cells of the row empty.
    public func skipColumns(_ count: Int = 1) {
        nextColumn += count
    }

    /// Moves to 1-based `column`, at or right of the next cell.
    public func moveToColumn(_ column: Int) throws {
        guard column >= nextColumn else {
            throw SheetError(
                .writeOrder, "column \(column) after column \(nextColumn - 1): cells go left to right",
                sheet: name, cell: CellReference(row: rowNumber, column: column))
        }
        nextColumn = column
    }

    /// A text cell: a shared string, or an inline string when the workbook
    /// writes inline strings.
    public func writeText(_ text: String, style: CellStyleID = .default) throws {
        var text = text
        try text.withUTF8 { try writeText(bytes: UnsafeRawBufferPointer($0), style: style) }
    }

    /// A text cell from UTF-8 bytes (a reader's row buffer, say).
    public func writeText(bytes: UnsafeRawBufferPointer, style: CellStyleID = .default) throws {
        if bytes.count > 32_767, String(decoding: bytes, as: UTF8.self).utf16.count > 32_767 {
            throw SheetError(
                .textTooLong, "text of \(bytes.count) bytes is longer than Excel's 32,767 characters",
                sheet: name, cell: CellReference(row: rowNumber, column: nextColumn))
        }
        if workbook.options.inlineStrings {
            try openCell(style: style, type: #" t="inlineStr">"#)
            try out.append("<is>")
            try out.appendTextElement(bytes)
            try out.append("</is></c>")
        } else {
            let index = workbook.sharedStrings.index(of: bytes)
            try openCell(style: style, type: #" t="s"><v>"#)
            try out.appendDecimal(index)
            try out.append("</v></c>")
        }
    }

    /// A number cell; infinities and NaN, which Excel cannot hold, become `#NUM!`.
    public func writeNumber(_ value: Double, style: CellStyleID = .default) throws {
        guard value.isFinite else { return try writeError("#NUM!", style: style) }
        try openCell(style: style, type: "><v>")
        try out.appendNumber(value)
        try out.append("</v></c>")
    }

    public func writeNumber(_ value: Int, style: CellStyleID = .default) throws {
        try openCell(style: style, type: "><v>")
        try out.appendDecimal(value)
        try out.append("</v></c>")
    }

    public func writeBoolean(_ value: Bool, style: CellStyleID = .default) throws {
        try openCell(style: style, type: #" t="b"><v>"#)
        try out.append(value ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        try out.append("</v></c>")
    }

    /// A date (and time) cell: the serial, shown with `style`, or with the
    /// workbook's `yyyy-mm-dd` (`yyyy-mm-dd hh:mm:ss` when there is a time) style.
    public func writeDate(_ date: ExcelDate.Components, style: CellStyleID? = nil) throws {
        try writeDate(serial: ExcelDate.serial(date), style: style)
    }

    /// A date cell from an Excel serial (1900 system).
    public func writeDate(serial: Double, style: CellStyleID? = nil) throws {
        try writeNumber(serial, style: style ?? workbook.dateStyle(hasTime: serial != serial.rounded(.down)))
    }

    /// An error cell such as `#N/A`.
    public func writeError(_ code: String, style: CellStyleID = .default) throws {
        try openCell(style: style, type: #" t="e"><v>"#)
        try out.appendEscapedText(code)
        try out.append("</v></c>")
    }

    /// A formula (with or without its leading `=`) and the value it last
    /// computed, which readers that do not calculate show. Excel
    /// recalculates on open.
    public func writeFormula(_ formula: String, cached: CellValue = .empty, style: CellStyleID = .default) throws {
        let type: StaticString =
            switch cached {
            case .text: #" t="str"><f>"#
            case .boolean: #" t="b"><f>"#
            case .error: #" t="e"><f>"#
            case .empty, .number, .dateTime: "><f>"
            }
        try openCell(style: style, type: type)
        try out.appendEscapedText(formula.hasPrefix("=") ? String(formula.dropFirst()) : formula)
        try out.append("</f>")
        switch cached {
        case .empty: break
        case .number(let value), .dateTime(let value):
            try out.append("<v>")
            try out.appendNumber(value)
            try out.append("</v>")
        case .text(let text), .error(let text):
            try out.append("<v>")
            try out.appendEscapedText(text)
            try out.append("</v>")
        case .boolean(let value):
            try out.append(value ? "<v>1</v>" : "<v>0</v>")
        }
        try out.append("</c>")
    }

    /// A cell with a style and no value (a bordered blank, an unlocked input cell).
    public func writeBlank(style: CellStyleID) throws {
        try openCell(style: style, type: "/>")
    }

    /// Writes a value of any kind; `.dateTime` gets the date style unless
    /// `style` is given, `.empty` skips the cell unless styled.
    public func write(_ value: CellValue, style: CellStyleID = .default) throws {
        switch value {
        case .empty: style == .default ? skipColumns() : try writeBlank(style: style)
        case .text(let text): try writeText(text, style: style)
        case .number(let number): try writeNumber(number, style: style)
        case .dateTime(let serial): try writeDate(serial: serial, style: style == .default ? nil : style)
        case .boolean(let flag): try writeBoolean(flag, style: style)
        case .error(let code): try writeError(code, style: style)
        }
    }

    /// Writes a whole row; `styles[i]`, if present, styles cell i.
    public func addRow(_ values: [CellValue], styles: [CellStyleID] = [], height: Double? = nil) throws {
        try beginRow(height: height)
        for (offset, value) in values.enumerated() {
            try write(value, style: offset < styles.count ? styles[offset] : .default)
        }
    }

    /// `<c r="B7" s="3" t=…>`: the reference, the style, and `rest` (type and opening of the value).
    @inline(__always)
    private func openCell(style: CellStyleID, type rest: StaticString) throws {
        guard rowOpen else {
            throw SheetError(.writeOrder, "a cell outside a row: call beginRow first", sheet: name)
        }
        let column = nextColumn
        guard column <= CellReference.maxColumn else {
            throw SheetError(.writeOrder, "column \(column) is past Excel's last column XFD", sheet: name)
        }
        nextColumn += 1
        if column > lastColumn { extendColumnLetters(to: column) }
        try out.append(#"<c r=""#)
        try columnLetters.withUnsafeBytes { letters in
            let slot = (column - 1) * 4
            try out.append(UnsafeRawBufferPointer(rebasing: letters[slot..<slot + Int(letters[slot + 3])]))
        }
        try out.append(rowDigits)
        if style.index != 0 {
            try out.append(#"" s=""#)
            try out.appendDecimal(style.index)
        }
        try out.append(UInt8(ascii: "\""))
        try out.append(rest)
    }

    private func extendColumnLetters(to column: Int) {
        for next in lastColumn + 1...column {
            var letters = Array(CellReference.columnName(next).utf8)
            let count = UInt8(letters.count)
            letters += [UInt8](repeating: 0, count: 3 - letters.count)
            columnLetters += letters + [count]
        }
        lastColumn = column
    }

    // MARK: After the rows

    /// Merges `range`; the value shown is the top-left cell's.
    public func mergeCells(_ range: CellRange) throws {
        try requireOpen()
        if let other = merges.first(where: { $0.overlaps(range) }) {
            throw SheetError(.overlappingMerge, "merged range \(range) overlaps \(other)", sheet: name)
        }
        merges.append(range)
    }

    /// Adds filter buttons to the header row of `range`.
    public func setAutoFilter(_ range: CellRange) throws {
        try requireOpen()
        autoFilter = range
    }

    public func addValidation(_ validation: DataValidation) throws {
        try requireOpen()
        try validation.validate()
        validations.append(validation)
    }

    public func addConditionalFormat(_ format: ConditionalFormat) throws {
        try requireOpen()
        conditionalFormats.append(format)
    }

    /// Protects the sheet: cells whose style has `locked = false` stay
    /// editable. The optional password is Excel's legacy 16-bit hash, a
    /// guard against slips, not security.
    public func protect(password: String? = nil) throws {
        try requireOpen()
        protection = (true, password.map(Self.legacyPasswordHash))
    }

    /// Excel's sheet-protection password hash (as libxlsxwriter computes it).
    static func legacyPasswordHash(_ password: String) -> UInt16 {
        let bytes = Array(password.utf8)
        var hash: UInt16 = 0
        for byte in bytes.reversed() {
            hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7FFF)
            hash ^= UInt16(byte)
        }
        hash = ((hash >> 14) & 0x01) | ((hash << 1) & 0x7FFF)
        hash ^= UInt16(truncatingIfNeeded: bytes.count)
        return hash ^ 0xCE4B
    }

    /// Places a chart with its top-left corner `offset` pixels into `cell`,
    /// `width` × `height` pixels (Excel's default 480 × 288), over the cells
    /// as they are sized when the sheet is finished.
    public func insertChart(
        _ spec: ChartSpec, at cell: CellReference, offset: (x: Int, y: Int) = (0, 0),
        width: Int = 480, height: Int = 288
    ) throws {
        try insertChart(spec, at: cell, offset: offset, width: width, height: height, axisIDs: nil)
    }

    func insertChart(
        _ spec: ChartSpec, at cell: CellReference, offset: (x: Int, y: Int) = (0, 0),
        width: Int = 480, height: Int = 288, axisIDs: (category: Int, value: Int)?
    ) throws {
        try requireOpen()
        try ChartWriter.validate(spec, sheet: name)
        charts.append(PlacedChart(spec: spec, cell: cell, offset: offset, size: (width, height), axisIDs: axisIDs))
    }

    /// Where each chart sits, from the columns' widths and the rows' heights.
    func chartAnchors() -> [DrawingWriter.Anchor] {
        charts.map { chart in
            DrawingWriter.anchor(
                cell: chart.cell, offset: chart.offset, width: chart.size.width,
                height: chart.size.height, columnPixels: columnPixels, rowPixels: rowPixels)
        }
    }

    /// A 0-based column's width in pixels, as Excel rounds it (11-point body font: 7 pixels a digit, 5 of padding).
    private func columnPixels(_ column: Int) -> Int {
        let set = columns.last { $0.range.contains(column + 1) }
        if set?.hidden == true { return 0 }
        let width = set?.width ?? ColumnWidth.standard
        return width < 1 ? Int(width * 12 + 0.5) : Int(width * 7 + 0.5) + 5
    }

    /// A 0-based row's height in pixels (96 dpi).
    private func rowPixels(_ row: Int) -> Int {
        Int(4.0 / 3.0 * (rowHeights[row + 1] ?? Self.defaultRowHeight))
    }

    /// Points, the `defaultRowHeight` the part's head writes.
    static let defaultRowHeight = 15.0

    private func requireOpen() throws {
        guard phase != .finished else {
            throw SheetError(.writeOrder, "the sheet is finished: the workbook moved on to another sheet", sheet: name)
        }
    }

    // MARK: The part

    /// Everything before `<sheetData>`'s rows.
    private func writeHead() throws {
        phase = .rows
        try out.appendXMLDeclaration()
        try out.append(
            #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        )
        if pageSetup?.fit != nil { try out.append(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#) }
        try out.append("<sheetViews><sheetView")
        if gridlinesHidden { try out.append(#" showGridLines="0""#) }
        if isActive { try out.append(#" tabSelected="1""#) }
        try out.append(#" workbookViewId="0""#)
        if let frozen { try writePane(frozen) } else { try out.append("/>") }
        try out.append(#"</sheetViews><sheetFormatPr defaultRowHeight="15"/>"#)
        if !columns.isEmpty {
            try out.append("<cols>")
            for column in columns.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                try out.append(#"<col min=""#)
                try out.appendDecimal(column.range.lowerBound)
                try out.append(#"" max=""#)
                try out.appendDecimal(column.range.upperBound)
                try out.append(#"" width=""#)
                try out.appendNumber(column.width ?? ColumnWidth.standard)
                try out.append(#"""#)
                if column.style != .default {
                    try out.append(#" style=""#)
                    try out.appendDecimal(column.style.index)
                    try out.append(#"""#)
                }
                if column.hidden { try out.append(#" hidden="1""#) }
                if column.width != nil { try out.append(#" customWidth="1""#) }
                try out.append("/>")
            }
            try out.append("</cols>")
        }
        try out.append("<sheetData>")
    }

    private func writePane(_ frozen: (rows: Int, columns: Int)) throws {
        let pane: String =
            switch (frozen.rows > 0, frozen.columns > 0) {
            case (true, true): "bottomRight"
            case (true, false): "bottomLeft"
            default: "topRight"
            }
        try out.append("><pane")
        if frozen.columns > 0 {
            try out.append(#" xSplit=""#)
            try out.appendDecimal(frozen.columns)
            try out.append(#"""#)
        }
        if frozen.rows > 0 {
            try out.append(#" ySplit=""#)
            try out.appendDecimal(frozen.rows)
            try out.append(#"""#)
        }
        try out.append(#" topLeftCell=""#)
        try out.append(utf8: CellReference(row: frozen.rows + 1, column: frozen.columns + 1).a1)
        try out.append(#"" activePane=""#)
        try out.append(utf8: pane)
        try out.append(#"" state="frozen"/><selection pane=""#)
        try out.append(utf8: pane)
        try out.append(#""/></sheetView>"#)
    }

    /// Ends the rows, writes what comes after them and flushes the part.
    func finish() throws {
        guard phase != .finished else { return }
        if phase == .setup { try writeHead() }
        if rowOpen { try out.append("</row>") }
        phase = .finished
        try out.append("</sheetData>")
        if protection.enabled {
            try out.append("<sheetProtection")
            if let hash = protection.passwordHash {
                try out.append(#" password=""#)
                let hex = String(hash, radix: 16, uppercase: true)
                try out.append(utf8: String(repeating: "0", count: 4 - hex.count) + hex)
                try out.append(#"""#)
            }
            try out.append(#" sheet="1" objects="1" scenarios="1"/>"#)
        }
        if let autoFilter {
            try out.append(#"<autoFilter ref=""#)
            try out.append(utf8: autoFilter.description)
            try out.append(#""/>"#)
        }
        if !merges.isEmpty {
            try out.append(#"<mergeCells count=""#)
            try out.appendDecimal(merges.count)
            try out.append(#"">"#)
            for range in merges {
                try out.append(#"<mergeCell ref=""#)
                try out.append(utf8: range.description)
                try out.append(#""/>"#)
            }
            try out.append("</mergeCells>")
        }
        for (offset, format) in conditionalFormats.enumerated() {
            var differentialID: Int?
            if case .cellValue(_, _, let style) = format.rule {
                differentialID = workbook.styles.registerDifferential(style)
            }
            try format.write(priority: offset + 1, differentialID: differentialID, to: out)
        }
        if !validations.isEmpty {
            try out.append(#"<dataValidations count=""#)
            try out.appendDecimal(validations.count)
            try out.append(#"">"#)
            for validation in validations { try validation.write(to: out) }
            try out.append("</dataValidations>")
        }
        if let pageSetup {
            try pageSetup.write(to: out)
        } else {
            try PageSetup.writeMargins(.normal, to: out)
        }
        // The sheet's only relationship.
        if !charts.isEmpty { try out.append(#"<drawing r:id="rId1"/>"#) }
        try out.append("</worksheet>")
        try out.flush()
    }
}

extension CellRange {
    func overlaps(_ other: CellRange) -> Bool {
        first.row <= other.last.row && other.first.row <= last.row
            && first.column <= other.last.column && other.first.column <= last.column
    }
}
