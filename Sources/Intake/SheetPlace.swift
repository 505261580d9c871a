import Sheets
import Vocabulary

/// The sheet being read, and how its rows and cells are named in issues:
/// sheet and A1 cell for workbooks; physical line and column (and the A1
/// form of both) for CSV, which has no sheet names people see.
struct SheetPlace {
    /// The sheet's name; nil for CSV.
    let sheet: String?
    /// The letters of the first columns, made once per process: every
    /// figure's source cell is named, a million times in a large file, and
    /// a night opens a sheet per file (made per sheet, they were 0.7% of it).
    private static let columnNames = (1...Self.namedColumns).map(CellReference.columnName)
    private static let namedColumns = 64

    init(workbook: any Workbook, sheetIndex: Int) throws {
        sheet = workbook is CSVWorkbook ? nil : try workbook.sheet(at: sheetIndex).name
    }

    /// The row number people see: the physical line for CSV (a record can
    /// span lines; its first line counts), the sheet row for workbooks.
    static func physicalRow(_ row: SheetRow) -> Int { row.line ?? row.number }

    func location(_ row: SheetRow, column: Int) -> IssueLocation {
        location(row: Self.physicalRow(row), column: column)
    }

    func location(row: Int, column: Int) -> IssueLocation {
        guard (1...Self.namedColumns).contains(column) else {
            return IssueLocation(sheet: sheet, cell: CellReference(row: row, column: column))
        }
        // As `CellReference.a1` writes it.
        return IssueLocation(sheet: sheet, a1: Self.columnNames[column - 1] + String(row), row: row, column: column)
    }

    /// The whole row.
    func location(row: Int) -> IssueLocation { IssueLocation(sheet: sheet, row: row) }
}
