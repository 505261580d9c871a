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
        var sheet: String?

        var location: IssueLocation { IssueLocation(sheet: sheet, row: row) }
    }

    /// Every row's key, a few numbers each: a million rows' keys take 16 MB.
    struct RowKeys: RandomAccessCollection {
        private var texts = TextPool()
        /// Region, indicator and sheet numbers in `texts`; the period as year × 12 + month − 1; the row.
        private var keys: [(region: Int32, indicator: Int32, sheet: Int32, period: Int32, row: Int32)] = []

        var startIndex: Int { 0 }
        var endIndex: Int { keys.count }

        subscript(index: Int) -> RowKey {
            let key = keys[index]
            return RowKey(
                region: texts[key.region], indicator: texts[key.indicator], period: ObservationTable.month(key.period),
                row: Int(key.row), sheet: texts.text(key.sheet))
        }

        /// Equal for two rows exactly when their region, indicator and period are.
        struct Identity: Hashable {
            var region: Int32
            var indicator: Int32
            var period: Int32
        }

        func identity(at index: Int) -> Identity {
            Identity(region: keys[index].region, indicator: keys[index].indicator, period: keys[index].period)
        }

        func row(at index: Int) -> Int { Int(keys[index].row) }

        mutating func append(region: String, indicator: String, period: Period, row: Int, sheet: String?) {
            append(
                region: texts.number(of: region), indicator: texts.number(of: indicator),
                period: ObservationTable.number(of: period), row: Int32(row), sheet: texts.number(of: sheet))
        }

        /// The number the keys give `text` (−1 for nil), added if new.
        mutating func number(adding text: String?) -> Int32 { texts.number(of: text) }

        /// A key whose texts are given by the numbers `number(adding:)` gave
        /// them, the period as `ObservationTable.number(of:)` numbers it.
        mutating func append(region: Int32, indicator: Int32, period: Int32, row: Int32, sheet: Int32) {
            keys.append((region, indicator, sheet, period, row))
        }
    }

    var observations = ObservationTable()
    /// Every month the sheet names (period cells, the form's header or
    /// identity), rows rejected or not: a rejected file still reports on them.
    var periods: Set<Period> = []
    var keys = RowKeys()
    /// Bounded per code (`IssueList`).
    var issues = IssueList()
    /// Rows holding data (not the header, not blank).
    private(set) var dataRows = 0

    /// Most data rows read from one file: as many as an Excel worksheet has
    /// rows. Every indicator of every region of the province for a year is
    /// some 135,000 rows; a file past this (a CSV can be longer) is refused
    /// whole and read no further, so that its time and memory stay bounded
    /// (`validate` of a million-row records CSV peaks under 200 MB).
    static let maxDataRows = 1_048_576
    /// `maxDataRows`, or less (tests).
    let maxDataRows: Int

    init(maxDataRows: Int = Self.maxDataRows) {
        self.maxDataRows = maxDataRows
    }

    /// Thrown by `countDataRow` past `maxDataRows`: reading stops there.
    struct TooManyRows: Error {
        var location: IssueLocation
    }

    /// Counts a row holding data, at `location`.
    mutating func countDataRow(at location: @autoclosure () -> IssueLocation) throws {
        dataRows += 1
        if dataRows > maxDataRows { throw TooManyRows(location: location()) }
    }
}
