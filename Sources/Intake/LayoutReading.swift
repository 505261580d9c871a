import Catalog
import Vocabulary

/// What a layout reader made of its sheet: observations, the key of every
/// row (for the cross-row checks) and issues, in file order.
struct LayoutReading {
    /// A row's (region, indicator, period), as written, and where the row is.
    struct RowKey {
        var region: String
        var indicator: String
        var period: Period
        var row: Int
        var location: IssueLocation
    }

    var observations: [Observation] = []
    /// Every month the sheet names (period cells, the form's header or
    /// identity), rows rejected or not: a rejected file still reports on them.
    var periods: Set<Period> = []
    var keys: [RowKey] = []
    /// Bounded per code (`IssueList`).
    var issues = IssueList()
    /// Rows holding data (not the header, not blank).
    private(set) var dataRows = 0

    /// Most data rows read from one file. Every indicator of every region
    /// of the province for a year is some 135,000 rows; a file past this is
    /// refused whole and read no further, so that its time and memory stay
    /// bounded (two million rows of figures would take over 500 MB).
    static let maxDataRows = 200_000

    /// Thrown by `countDataRow` past `maxDataRows`: reading stops there.
    struct TooManyRows: Error {
        var location: IssueLocation
    }

    /// Counts a row holding data, at `location`.
    mutating func countDataRow(at location: IssueLocation) throws {
        dataRows += 1
        if dataRows > Self.maxDataRows { throw TooManyRows(location: location) }
    }
}
