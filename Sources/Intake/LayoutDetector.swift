import Catalog
import Sheets

/// Decides which layout a workbook follows, from its first rows: a
/// `_template` sheet or a `填报单位` label in column A means the `form`
/// template; otherwise `records`, with its header row found by its labels.
/// Made once per `SubmissionReader`, with its label lookups, for every file.
struct LayoutDetector: Sendable {
    enum Detected: Equatable {
        /// Records on sheet `sheet`; `headerRow` is the `SheetRow.number` of the header (nil: the sheet is empty).
        case records(sheet: Int, headerRow: Int?)
        /// The form template's sheet, and its identity sheet if present.
        case form(sheet: Int, identitySheet: Int?)
    }

    /// Rows looked at per sheet: title lines above a header are few.
    static let peekRows = 30

    let records: Layout
    let form: Layout?
    /// The records layout's header labels; `RecordsLayoutReader` matches the header row with it.
    let recordsHeader: HeaderMatcher
    /// The labels in column A that make a sheet a form: 填报单位's aliases, normalised.
    private let formLabels: Set<String>

    init(records: Layout, form: Layout?) {
        self.records = records
        self.form = form
        recordsHeader = HeaderMatcher(fields: records.columns)
        formLabels = Set((form?.header.first { $0.name == "department" }?.aliases ?? []).map(HeaderMatcher.normalise))
    }

    func detect(_ workbook: any Workbook) throws -> Detected {
        let sheets = try workbook.sheets
        let visible = sheets.filter { $0.visibility == .visible }.map(\.index)
        let identity = form?.identitySheet.flatMap { sheet in sheets.firstIndex { $0.name == sheet.name } }
        if let identity {
            return .form(sheet: visible.first { $0 != identity } ?? 0, identitySheet: identity)
        }
        var firstRows: [Int: Int] = [:]
        for index in visible {
            let rows = try Self.peek(workbook, sheet: index)
            if rows.contains(where: { row in
                row.cell(atColumn: 1).flatMap { CellReading.text($0, in: row) }.map {
                    formLabels.contains(HeaderMatcher.normalise($0))
                } ?? false
            }) {
                return .form(sheet: index, identitySheet: nil)
            }
            if let header = rows.first(where: { recordsHeader.score($0) >= 2 }) {
                return .records(sheet: index, headerRow: header.number)
            }
            firstRows[index] = rows.first?.number
        }
        let sheet = visible.first ?? 0
        return .records(sheet: sheet, headerRow: firstRows[sheet])
    }

    /// The first `peekRows` rows of a sheet, copied.
    static func peek(_ workbook: any Workbook, sheet: Int) throws -> [SheetRow] {
        struct Enough: Error {}
        var rows: [SheetRow] = []
        do {
            _ = try workbook.readRows(ofSheet: sheet) { row in
                rows.append(row)
                if rows.count == peekRows { throw Enough() }
            }
        } catch is Enough {}
        return rows
    }
}
