import Sheets
import Vocabulary

extension IssueLocation {
    /// The place of a cell the readers report, with its row and column.
    public init(sheet: String? = nil, cell: CellReference?, row: Int? = nil, column: Int? = nil) {
        self.init(sheet: sheet, a1: cell?.a1, row: row ?? cell?.row, column: column ?? cell?.column)
    }
}
