/// The rows of a worksheet still open to cells, so that cell records may go
/// back to an earlier row. BIFF8 keeps a row block's cells after its ROW
/// records in no required row order, and Excel and LibreOffice read any order;
/// writers other than Excel use that. A row is delivered once a cell `depth`
/// rows further down has come, or at the sheet's end, in row order.
///
/// The open rows are a ring of `depth` slots indexed by row number: each cell
/// costs what it did in a sheet written in order, memory stays at `depth`
/// rows, and a sheet is still one pass over its records.
struct XLSRowWindow {
    /// How far back a cell may go: 32 of Excel's row blocks of 32 rows.
    static let depth = 1024

    struct Slot {
        var row = SheetRow()
        var isOpen = false
        /// The column (1-based) of the row's latest cell.
        var lastColumn = 0
        /// A cell came before one to its left: the row is sorted before it goes.
        var needsSorting = false
    }

    /// By row number modulo `depth`; a slot is reused once its row has gone.
    var slots = [Slot](repeating: Slot(), count: depth)
    /// The lowest row number (1-based) not yet delivered or passed.
    private var nextToDeliver = 1
    /// The highest row number a cell has come for.
    private var highest = 0
    private(set) var deliveredCount = 0

    /// The slot of row `number` (1-based), opened if it is new, after
    /// delivering the rows now more than `depth` rows above the lowest row a
    /// cell may still go to; nil when the row has already been delivered.
    mutating func slot(ofRow number: Int, deliver: (SheetRow) throws -> Void) throws -> Int? {
        guard number >= nextToDeliver else { return nil }
        if number > highest {
            highest = number
            try self.deliver(upTo: number - Self.depth, deliver)
        }
        let index = number % Self.depth
        if !slots[index].isOpen {
            slots[index].row.reset(number: number)
            slots[index].isOpen = true
            slots[index].lastColumn = 0
        }
        return index
    }

    /// Notes that a cell of column `column` (1-based) went into `slot`.
    mutating func noteColumn(_ column: Int, in slot: Int) {
        if column < slots[slot].lastColumn { slots[slot].needsSorting = true }
        slots[slot].lastColumn = column
    }

    /// Delivers every row still open, in order: the sheet has ended.
    mutating func finish(_ deliver: (SheetRow) throws -> Void) throws {
        try self.deliver(upTo: highest, deliver)
    }

    /// Delivers the open rows numbered up to `last`, in order. Each row
    /// number is passed once, so a sheet costs at most its last row's
    /// number (65,536 in BIFF8) in steps, whatever its order.
    private mutating func deliver(upTo last: Int, _ deliver: (SheetRow) throws -> Void) throws {
        guard last >= nextToDeliver else { return }
        for number in nextToDeliver...last {
            let index = number % Self.depth
            guard slots[index].isOpen else { continue }
            slots[index].isOpen = false
            if slots[index].needsSorting {
                // Stable: of two records for one cell, the first stays first.
                slots[index].row.cells = slots[index].row.cells.enumerated().sorted {
                    ($0.element.column, $0.offset) < ($1.element.column, $1.offset)
                }.map(\.element)
                slots[index].needsSorting = false
            }
            guard !slots[index].row.cells.isEmpty else { continue }
            deliveredCount += 1
            try deliver(slots[index].row)
        }
        nextToDeliver = last + 1
    }
}
