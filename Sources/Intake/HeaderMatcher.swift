import Catalog
import Sheets
import Vocabulary

/// Finds a layout's columns in a header row by their aliases, Chinese or
/// English, ignoring surrounding spaces, full-width letters and case.
struct HeaderMatcher: Sendable {
    /// Where each field's column is, once matched.
    struct Columns {
        /// Field name → 1-based column.
        var byField: [String: Int] = [:]
        /// The header's last non-blank column; cells right of it are extra.
        var lastColumn = 0
        /// The header's physical row.
        var row = 0
    }

    let fields: [LayoutField]
    private let fieldByAlias: [String: String]

    init(fields: [LayoutField]) {
        self.fields = fields
        var byAlias: [String: String] = [:]
        for field in fields {
            for alias in [field.title, field.name] + field.aliases where byAlias[Self.normalise(alias)] == nil {
                byAlias[Self.normalise(alias)] = field.name
            }
        }
        fieldByAlias = byAlias
    }

    /// The field a header text names, if any.
    func field(named label: String) -> String? { fieldByAlias[Self.normalise(label)] }

    /// How many of the row's cells name a field: a header row names several.
    func score(_ row: SheetRow) -> Int {
        row.cells.reduce(0) { count, cell in
            count + (CellReading.text(cell, in: row).flatMap(field(named:)) == nil ? 0 : 1)
        }
    }

    /// Matches the header row; reports missing, duplicated, unknown and blank labels.
    func match(_ row: SheetRow, place: SheetPlace, issues: inout IssueList) -> Columns {
        var columns = Columns(row: SheetPlace.physicalRow(row))
        columns.lastColumn = row.cells.last { CellReading.text($0, in: row) != nil }?.column ?? 0
        var labelled = Set<Int>()
        for cell in row.cells {
            guard let label = CellReading.text(cell, in: row) else { continue }
            labelled.insert(cell.column)
            let location = place.location(row, column: cell.column)
            guard let name = field(named: label) else {
                issues.append(IssueCatalog.extraLabel.issue(at: location, ["label": label]))
                continue
            }
            if let first = columns.byField[name] {
                issues.append(
                    IssueCatalog.duplicateLabel.issue(
                        at: location,
                        [
                            "label": label, "other": place.location(row, column: first).cell ?? "",
                        ]))
            } else {
                columns.byField[name] = cell.column
            }
        }
        reportBlankLabels(between: labelled.sorted(), in: row, place: place, into: &issues)
        for field in fields where Self.isEssential(field) && columns.byField[field.name] == nil {
            issues.append(
                IssueCatalog.missingLabel.issue(
                    at: place.location(row: columns.row),
                    [
                        "label": field.title, "name": field.name,
                        "aliases": field.aliases.joined(separator: "、"), "where": "第\(columns.row)行表头",
                    ]))
        }
        return columns
    }

    /// Each gap between labelled columns: one blank cell is a `blank-label`,
    /// a wider gap one `blank-labels` for the lot (a header reaching XFD1
    /// is one issue, not 16,383).
    private func reportBlankLabels(
        between labelled: [Int], in row: SheetRow, place: SheetPlace,
        into issues: inout IssueList
    ) {
        for (left, right) in zip([0] + labelled, labelled) where right - left > 1 {
            let first = place.location(row, column: left + 1)
            if right - left == 2 {
                issues.append(IssueCatalog.blankLabel.issue(at: first))
            } else {
                issues.append(
                    IssueCatalog.blankLabels.issue(
                        at: first,
                        [
                            "first": first.cell ?? "", "last": place.location(row, column: right - 1).cell ?? "",
                            "count": String(right - left - 1),
                        ]))
            }
        }
    }

    /// Columns a table cannot do without: the required ones, and the value
    /// column, which a form leaves optional per row but not as a column.
    static func isEssential(_ field: LayoutField) -> Bool { field.required || field.name == "value" }

    /// Trimmed, full-width ASCII folded (`ｖａｌｕｅ` → `value`), lower case,
    /// inner spaces dropped: how people's header spellings vary.
    /// ASCII and CJK ideographs, the labels' usual letters, are looked at
    /// directly: asking Unicode's tables about each was most of a form's
    /// header-block reading.
    static func normalise(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var caseless = true  // no letter but ASCII's seen, which are lowered here already
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            switch value {
            case 0x09...0x0D, 0x20: continue
            case 0x41...0x5A: value += 0x20
            case 0...0x7F, 0x4E00...0x9FFF: break
            default:
                guard !(Unicode.Scalar(value)?.properties.isWhitespace ?? true) else { continue }
                caseless = false
            }
            guard let folded = Unicode.Scalar(value) else { continue }
            scalars.append(folded)
        }
        return caseless ? String(scalars) : String(scalars).lowercased()
    }
}
