/// The rows of a worksheet still open to cells, so that cell records may go
/// back to an earlier row. BIFF8 keeps a row block's cells after its ROW
/// records in no required row order, and Excel and LibreOffice read any order;
/// writers other than Excel use that. A row is delivered once a cell `depth`
/// rows further down has come, or at the sheet's end, in row order.
///
/// The row being filled stays with the reader (`Open`), so a cell costs what
/// it did in a sheet read strictly in order; the others wait in a ring of
/// `depth` slots indexed by row number, and a row changes places with a slot
/// by swapping storage, never by copying cells. A sheet is one pass over its
/// records, and memory stays at `depth` rows.
struct XLSRowWindow {
    /// How far back a cell may go: two of Excel's row blocks of 32 rows.
    /// (LibreOffice and xlwt write no DBCELL ending a block, so the window
    /// cannot close with the block; 1,024 rows cost a quarter more time to
    /// read a sheet written in order, their buffers no longer in the cache.)
    static let depth = 64

    /// The row the reader fills.
    struct Open {
        /// Number 0: none yet.
        var row = SheetRow()
        /// The column (1-based) of the row's latest cell.
        var lastColumn = 0
        /// A cell came before one to its left: the row is sorted before it goes.
        var needsSorting = false
    }

    private struct Slot {
        var row = SheetRow()
        var isOpen = false
        var lastColumn = 0
        var needsSorting = false
    }

    /// By row number modulo `depth`; a slot is reused once its row has gone.
    private var slots = [Slot](repeating: Slot(), count: depth)
    /// The lowest row number (1-based) not yet delivered or passed.
    private var nextToDeliver = 1
    /// The highest row number a cell has come for.
    private var highest = 0
    private(set) var deliveredCount = 0

    /// Puts `open` back among the waiting rows and makes it row `number`
    /// (1-based) instead: the row as far as its cells came, or a new one,
    /// after delivering the rows now `depth` rows above the furthest. False
    /// when row `number` has already been delivered.
    mutating func switchRow(_ open: inout Open, to number: Int, deliver: (SheetRow) throws -> Void) throws -> Bool {
        guard number >= nextToDeliver else { return false }
        park(&open)
        if number > highest {
            highest = number
            try self.deliver(upTo: number - Self.depth, deliver)
        }
        let index = number % Self.depth
        if slots[index].isOpen {
            swap(&open.row, &slots[index].row)
            (open.lastColumn, open.needsSorting) = (slots[index].lastColumn, slots[index].needsSorting)
            slots[index].isOpen = false
        } else {
            open.row.reset(number: number)
            (open.lastColumn, open.needsSorting) = (0, false)
        }
        return true
    }

    /// Delivers every row still open, `open` among them, in order: the sheet has ended.
    mutating func finish(_ open: inout Open, _ deliver: (SheetRow) throws -> Void) throws {
        park(&open)
        try self.deliver(upTo: highest, deliver)
    }

    /// Swaps `open` into its slot; `open` is left with that slot's old storage.
    private mutating func park(_ open: inout Open) {
        guard open.row.number > 0 else { return }
        let index = open.row.number % Self.depth
        swap(&open.row, &slots[index].row)
        (slots[index].isOpen, slots[index].lastColumn) = (true, open.lastColumn)
        slots[index].needsSorting = open.needsSorting
        open.row.number = 0
    }

    /// Delivers the waiting rows numbered up to `last`, in order. Each row
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
            }
            guard !slots[index].row.cells.isEmpty else { continue }
            deliveredCount += 1
            try deliver(slots[index].row)
        }
        nextToDeliver = last + 1
    }
}
