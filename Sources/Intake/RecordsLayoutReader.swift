import Catalog
import Sheets
import Vocabulary

/// Reads the `records` layout: a header row, then one row per region ×
/// indicator × period, streamed.
struct RecordsLayoutReader {
    let layout: Layout
    /// The layout's header labels (`LayoutDetector.recordsHeader`, made once).
    let matcher: HeaderMatcher
    let builder: ObservationBuilder

    /// Reads sheet `sheet` of `workbook`, whose header is the row numbered `headerRow`.
    func read(_ workbook: any Workbook, sheet: Int, headerRow: Int, into reading: inout LayoutReading) throws {
        let place = try SheetPlace(workbook: workbook, sheetIndex: sheet)
        let fields = FieldReader(layout: layout, catalog: builder.catalog)
        var columns: HeaderMatcher.Columns?
        var placed: PlacedFields?
        var lane: CleanRowLane?
        // The number of the row before, not the row: copying a row's arrays on every row cost more than reading it.
        var previous: Int?
        _ = try workbook.readRows(ofSheet: sheet) { row in
            guard row.number >= headerRow else { return }
            guard let header = columns else {
                let header = matcher.match(row, place: place, issues: &reading.issues)
                columns = header
                placed = PlacedFields(layout: layout, columns: header)
                lane = CleanRowLane(layout: layout, columns: header, catalog: builder.catalog)
                previous = row.number
                return
            }
            reportSkippedRows(after: previous, before: row, place: place, into: &reading)
            previous = row.number
            if try lane?.read(row, place: place, into: &reading) == true { return }
            let before = (observations: reading.observations.count, issues: reading.issues.foundCount)
            try readRow(row, columns: header, placed: placed!, place: place, fields: fields, into: &reading)
            if reading.observations.count > before.observations, reading.issues.foundCount == before.issues,
                let observation = reading.observations.last
            {
                lane?.learn(from: row, observation: observation, reading: &reading)
            }
        }
    }

    /// Rows the reader did not deliver between the row numbered `previous` and `row` were blank.
    private func reportSkippedRows(
        after previous: Int?, before row: SheetRow, place: SheetPlace,
        into reading: inout LayoutReading
    ) {
        guard let previous, row.number > previous + 1 else { return }
        // A blank CSV record is one line, so the skipped ones sit just above this row.
        let gap = row.number - previous - 1
        let first = SheetPlace.physicalRow(row) - gap
        // A sheet reaching far down is one issue, not a million.
        reading.issues.append(
            gap == 1
                ? IssueCatalog.blankRow.issue(at: place.location(row: first), ["row": String(first)])
                : IssueCatalog.blankRows.issue(
                    at: place.location(row: first),
                    [
                        "row": String(first), "first": String(first), "last": String(first + gap - 1),
                        "count": String(gap),
                    ]))
    }

    /// The layout's fields a row is read by, with their columns in the
    /// header, and its missing values: looked up once a sheet, not six
    /// times a row. A class: the row closure hands it on without copying
    /// its fields' texts.
    private final class PlacedFields {
        typealias Placed = (field: LayoutField, column: Int)
        let region, indicator, period, value, unit, note: Placed?
        /// `layout.missingValues` by hash: the Chinese ones compared one by one cost a Unicode comparison a cell.
        let missingValues: Set<String>

        init(layout: Layout, columns: HeaderMatcher.Columns) {
            func placed(_ name: String) -> Placed? {
                guard let field = layout.field(named: name), let column = columns.byField[name] else { return nil }
                return (field, column)
            }
            region = placed("region")
            indicator = placed("indicator")
            period = placed("period")
            value = placed("value")
            unit = placed("unit")
            note = placed("note")
            missingValues = Set(layout.missingValues)
        }
    }

    private func readRow(
        _ row: SheetRow, columns: HeaderMatcher.Columns, placed: PlacedFields, place: SheetPlace,
        fields: FieldReader, into reading: inout LayoutReading
    ) throws {
        let physical = SheetPlace.physicalRow(row)
        let written = row.cells.compactMap { cell in CellReading.text(cell, in: row).map { (cell.column, $0) } }
        guard written.contains(where: { !placed.missingValues.contains($0.1) }) else {
            reading.issues.append(
                IssueCatalog.blankRow.issue(at: place.location(row: physical), ["row": String(physical)]))
            return
        }
        try reading.countDataRow(at: place.location(row: physical))
        for (column, text) in written where column > columns.lastColumn {
            reading.issues.append(
                IssueCatalog.extraCell.issue(at: place.location(row, column: column), ["value": text]))
        }

        var issues = RowIssues()
        func text(_ placed: PlacedFields.Placed?) -> Located<String>? {
            guard let (field, column) = placed,
                case .text(let value)? = fields.read(field, column: column, in: row, place: place, issues: &issues)
            else { return nil }
            return Located(value: value, location: place.location(row, column: column))
        }
        let regionCode = text(placed.region)
        let indicatorCode = text(placed.indicator)
        var period: Located<Period>?
        if let (field, column) = placed.period,
            case .period(let value, _)? = fields.read(field, column: column, in: row, place: place, issues: &issues)
        {
            period = Located(value: value, location: place.location(row, column: column))
            reading.periods.insert(value)
        }
        var value: Located<(number: Double, written: String)>?
        let unit = text(placed.unit)
        if let (field, column) = placed.value,
            case .number(let number, let written)? = fields.read(
                field, column: column, in: row, place: place,
                percentUnit: builder.isPercent(indicator: indicatorCode?.value, unit: unit?.value),
                indicator: indicatorCode?.value, issues: &issues)
        {
            value = Located(value: (number, written), location: place.location(row, column: column))
        }
        let note = text(placed.note)?.value

        if let regionCode, let indicatorCode, let period {
            reading.keys.append(
                region: regionCode.value, indicator: indicatorCode.value, period: period.value, row: physical,
                sheet: place.sheet)
        }
        let region = regionCode.flatMap { builder.region($0, issues: &issues) }
        let indicator = indicatorCode.flatMap { builder.indicator($0, issues: &issues) }
        let month = period.flatMap { builder.period($0, issues: &issues) }
        if let region, let indicator, let month, let value,
            let observation = builder.observation(
                indicator: indicator, region: region, period: month, value: value,
                unit: unit, note: note, issues: &issues)
        {
            reading.observations.append(observation)
        }
        reading.issues += issues.byColumn()
    }
}
