/// A cell position, 1-based, as people see it in a spreadsheet: `C5` is
/// row 5, column 3.
///
/// Parsing and printing work on bytes: readers call them once per cell.
public struct CellReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The largest row and column Excel allows (XFD1048576).
    public static let maxRow = 1_048_576
    public static let maxColumn = 16_384

    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `A1`-style references (`$` anchors allowed). Returns nil for
    /// anything else, including positions beyond `XFD1048576`.
    public init?(_ text: some StringProtocol) {
        guard
            let parsed = text.utf8.withContiguousStorageIfAvailable({ Self.parse($0) })
                ?? Array(text.utf8).withUnsafeBufferPointer(Self.parse)
        else { return nil }
        self = parsed
    }

    /// Parses a reference from raw bytes, the form the XML readers see (a
    /// cell's `r`, on the hot path: one comparison per byte and class).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CellReference? {
        var column = 0
        var row = 0
        var sawLetter = false
        var sawDigit = false
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                if !sawLetter { return nil }
                sawDigit = true
                row = row * 10 + Int(digit)
                if row > maxRow { return nil }
                continue
            }
            if sawDigit { return nil }
            let letter = (byte | 0x20) &- UInt8(ascii: "a")
            if letter < 26 {
                sawLetter = true
                column = column * 26 + Int(letter) + 1
                if column > maxColumn { return nil }
            } else if byte != UInt8(ascii: "$") {
                return nil
            }
        }
        guard sawLetter, sawDigit, row >= 1 else { return nil }
        return CellReference(row: row, column: column)
    }

    /// The column's letters: 1 → `A`, 27 → `AA`, 16384 → `XFD`.
    public static func columnName(_ column: Int) -> String {
        precondition(column >= 1, "columns are 1-based")
        var letters: [UInt8] = []
        var rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(digit))
            rest = (rest - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// The column number of letters such as `AA`, or nil.
    public static func columnNumber(_ letters: some StringProtocol) -> Int? {
        var column = 0
        for byte in letters.utf8 {
            let lower = byte | 0x20
            guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower) else { return nil }
            column = column * 26 + Int(lower - UInt8(ascii: "a")) + 1
            if column > maxColumn { return nil }
        }
        return column == 0 ? nil : column
    }

    /// `C5`.
    public var a1: String { Self.columnName(column) + String(row) }

    public var description: String { a1 }

    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// A rectangle of cells such as a merged range `B2:D3`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var first: CellReference
    public var last: CellReference

    public init(first: CellReference, last: CellReference) {
        self.first = CellReference(row: min(first.row, last.row), column: min(first.column, last.column))
        self.last = CellReference(row: max(first.row, last.row), column: max(first.column, last.column))
    }

    /// Parses `B2:D3`, or a single cell `B2` as a one-cell range.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
            let first = CellReference(parts[0]),
            let last = CellReference(parts[parts.count - 1])
        else { return nil }
        self.init(first: first, last: last)
    }

    public func contains(_ cell: CellReference) -> Bool {
        (first.row...last.row).contains(cell.row) && (first.column...last.column).contains(cell.column)
    }

    public var description: String { first == last ? first.a1 : "\(first.a1):\(last.a1)" }
}
