/// What kind of value a cell holds.
public enum CellKind: UInt8, Sendable {
    case empty
    /// Text; its UTF-8 bytes are in the row's text buffer.
    case text
    /// A number (`SheetCell.number`).
    case number
    /// A date, time or both: `SheetCell.number` is the Excel serial in the
    /// 1900 date system (days since 1899-12-30, with Excel's fictitious
    /// 1900-02-29 as 60). Readers convert 1904-system workbooks to it.
    case dateTime
    /// A boolean: `SheetCell.number` is 0 or 1.
    case boolean
    /// An error such as `#DIV/0!`; its text is in the row's text buffer.
    case error
}

/// One cell of a row, without heap allocation: numbers are inline, text is
/// a span of the row's shared byte buffer.
public struct SheetCell: Sendable, Equatable {
    /// 1-based column (A = 1).
    public var column: Int
    public var kind: CellKind
    /// The number, date serial or boolean (0/1); 0 for other kinds.
    public var number: Double
    /// A number the file shows as a percentage (`0%`, `0.0%`): `number` is
    /// the fraction, 0.35 where people typed and see 35%.
    public var isPercent: Bool
    /// A number the file shows as elapsed time (`[h]:mm:ss`): `number` is
    /// the duration in days, 10.632 where people see 255:10:10.
    public var isDuration: Bool
    /// Byte span of text and error values in `SheetRow.textBytes`.
    public var textStart: Int32
    public var textCount: Int32

    public init(
        column: Int, kind: CellKind, number: Double = 0, isPercent: Bool = false, isDuration: Bool = false,
        textStart: Int32 = 0, textCount: Int32 = 0
    ) {
        self.column = column
        self.kind = kind
        self.number = number
        self.isPercent = isPercent
        self.isDuration = isDuration
        self.textStart = textStart
        self.textCount = textCount
    }
}

/// One row of a sheet as a reader delivers it: the non-empty cells in
/// column order and the bytes of their text.
///
/// Readers reuse one row's storage for the next row: a consumer that keeps a
/// row past the callback gets a copy (copy-on-write), which is correct but
/// costs an allocation.
public struct SheetRow: Sendable {
    /// 1-based row number as people see it (for CSV, the record's index).
    public var number: Int
    /// Non-empty cells, in increasing column order.
    public var cells: [SheetCell]
    /// UTF-8 bytes of every text and error cell of the row.
    public var textBytes: [UInt8]
    /// For CSV, the physical line the record starts on (records can span
    /// lines); nil for workbooks.
    public var line: Int?

    public init(number: Int = 0, cells: [SheetCell] = [], textBytes: [UInt8] = [], line: Int? = nil) {
        self.number = number
        self.cells = cells
        self.textBytes = textBytes
        self.line = line
    }

    /// Empties the row, keeping its capacity, for the next one.
    public mutating func reset(number: Int) {
        self.number = number
        cells.removeAll(keepingCapacity: true)
        textBytes.removeAll(keepingCapacity: true)
        line = nil
    }

    /// Appends a text or error cell, copying its bytes.
    public mutating func append(column: Int, kind: CellKind, bytes: some Collection<UInt8>) {
        let start = Int32(textBytes.count)
        textBytes.append(contentsOf: bytes)
        cells.append(SheetCell(column: column, kind: kind, textStart: start, textCount: Int32(textBytes.count) - start))
    }

    /// Appends a number, date/time or boolean cell.
    public mutating func append(column: Int, kind: CellKind, number: Double, isPercent: Bool = false) {
        cells.append(SheetCell(column: column, kind: kind, number: number, isPercent: isPercent))
    }

    /// The bytes of a text or error cell.
    public func bytes(of cell: SheetCell) -> ArraySlice<UInt8> {
        textBytes[Int(cell.textStart)..<Int(cell.textStart + cell.textCount)]
    }

    /// The text of a text or error cell (allocates a String).
    public func text(of cell: SheetCell) -> String {
        String(decoding: bytes(of: cell), as: UTF8.self)
    }

    /// The cell's value as an enum, for code off the hot path.
    public func value(of cell: SheetCell) -> CellValue {
        switch cell.kind {
        case .empty: .empty
        case .text: .text(text(of: cell))
        case .number: .number(cell.number)
        case .dateTime: .dateTime(cell.number)
        case .boolean: .boolean(cell.number != 0)
        case .error: .error(text(of: cell))
        }
    }

    /// The cell in `column`, if the row has one.
    public func cell(atColumn column: Int) -> SheetCell? {
        cells.first { $0.column == column }
    }
}

/// A cell's value, convenient where speed does not matter.
public enum CellValue: Equatable, Sendable {
    case empty
    case text(String)
    case number(Double)
    /// Excel serial in the 1900 date system (see `CellKind.dateTime`).
    case dateTime(Double)
    case boolean(Bool)
    case error(String)
}
