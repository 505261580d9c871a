/// Rows a worker parsed ahead, kept compactly until the reading thread
/// delivers them, in order, through one reused `SheetRow`.
struct RowBatch {
    private var cells: [SheetCell] = []
    private var text: [UInt8] = []
    /// Each row's number and where its cells and text end.
    private var rows: [(number: Int, cellEnd: Int, textEnd: Int)] = []

    var count: Int { rows.count }

    init() {}

    /// A batch for the rows of `bytes` of sheet markup, reserved for about as
    /// many cells, text and rows as that much markup holds (an XLSX cell is
    /// some 30 bytes of it), so that its arrays do not double, a copy each
    /// time, while a worker fills them (2% of a large sheet's instructions).
    init(reservingFor bytes: Int) {
        cells.reserveCapacity(bytes / 32)
        text.reserveCapacity(bytes / 8)
        rows.reserveCapacity(bytes / 256)
    }

    /// Keeps a copy of `row` (its cells' text offsets stay relative to the row).
    mutating func append(_ row: SheetRow) {
        cells.append(contentsOf: row.cells)
        text.append(contentsOf: row.textBytes)
        rows.append((row.number, cells.count, text.count))
    }

    /// Hands each row to `body` through `row`, whose storage is reused; the
    /// first `count` rows' numbers are relative and get `base` added.
    func deliver(
        through row: inout SheetRow, adding base: Int, toFirst count: Int,
        _ body: (SheetRow) throws -> Void
    ) throws {
        var cellStart = 0
        var textStart = 0
        for (i, (number, cellEnd, textEnd)) in rows.enumerated() {
            row.reset(number: i < count ? base + number : number)
            row.cells.append(contentsOf: cells[cellStart..<cellEnd])
            row.textBytes.append(contentsOf: text[textStart..<textEnd])
            try body(row)
            (cellStart, textStart) = (cellEnd, textEnd)
        }
    }
}
