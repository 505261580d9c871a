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
    var issues: [Issue] = []
    /// Rows holding data (not the header, not blank).
    var dataRows = 0
}
