/// Whether people see a sheet in the tab bar.
public enum SheetVisibility: String, Sendable {
    case visible
    case hidden
    /// Hidden and not listed in Excel's "Unhide" dialog.
    case veryHidden
}

/// A sheet's place in its workbook. CSV files have one sheet, named after
/// the file.
public struct SheetInfo: Sendable, Equatable {
    public var name: String
    /// 0-based position in the workbook's tab order.
    public var index: Int
    public var visibility: SheetVisibility

    public init(name: String, index: Int, visibility: SheetVisibility = .visible) {
        self.name = name
        self.index = index
        self.visibility = visibility
    }
}

/// What is known of a sheet once all its rows have been read.
public struct SheetSummary: Sendable, Equatable {
    /// Merged ranges; the value sits in each range's top-left cell.
    public var mergedRanges: [CellRange]
    /// Rows delivered.
    public var rowCount: Int

    public init(mergedRanges: [CellRange] = [], rowCount: Int = 0) {
        self.mergedRanges = mergedRanges
        self.rowCount = rowCount
    }
}

/// A readable spreadsheet file: its sheets, each read as a stream of rows.
public protocol Workbook {
    /// The file as the caller named it, for error messages.
    var path: String { get }
    /// The sheets in tab order. Most formats list them at open; an
    /// OpenDocument file takes a pass over its content on first use, which
    /// can fail as a read does.
    var sheets: [SheetInfo] { get throws }

    /// Streams the rows of one sheet, in order, in constant memory: `body`
    /// sees each non-empty row once and must not keep it past the call (see
    /// `SheetRow`). Returns what became known at the end (merged ranges).
    func readRows(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary
}
