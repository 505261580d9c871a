import Catalog
import Foundation
import Sheets
import Vocabulary

/// Reads the `form` layout that `huanxin template` writes (see the form
/// geometry contract): a header block of labels in column A with values in
/// column B, a table of one row per indicator, and a very hidden identity
/// sheet saying which region, department, period and indicator rows the
/// template was made with. A form whose structure differs from its
/// identity is reported as altered, saying what changed.
struct FormLayoutReader {
    /// The form layout with its label lookups, made once per
    /// `SubmissionReader` for every file: normalising every alias again
    /// for each file cost more than reading its cells.
    struct Prepared: Sendable {
        let layout: Layout
        let matcher: HeaderMatcher
        /// The header-block field each normalised label names (the first field listing it).
        let headerFields: [String: String]

        init(layout: Layout) {
            self.layout = layout
            matcher = HeaderMatcher(fields: layout.columns)
            var fields: [String: String] = [:]
            for cell in layout.header {
                for label in [cell.label] + cell.aliases where fields[HeaderMatcher.normalise(label)] == nil {
                    fields[HeaderMatcher.normalise(label)] = cell.name
                }
            }
            headerFields = fields
        }
    }

    let form: Prepared
    let builder: ObservationBuilder
    private var layout: Layout { form.layout }

    /// A value in the header block: its text and cell.
    private typealias HeaderValue = Located<String>

    /// One table row as read: its indicator code as written.
    private struct TableRow {
        var row: Int
        var code: String?
        var location: IssueLocation
    }

    func read(_ workbook: any Workbook, sheet: Int, identitySheet: Int?, into reading: inout LayoutReading) throws {
        let identity = try identitySheet.map { try readIdentity(workbook, sheet: $0) } ?? [:]
        checkIdentityKeys(identity, present: identitySheet != nil, into: &reading)

        let place = try SheetPlace(workbook: workbook, sheetIndex: sheet)
        let matcher = form.matcher
        let fields = FieldReader(layout: layout, catalog: builder.catalog)
        var header: [String: HeaderValue] = [:]
        var columns: HeaderMatcher.Columns?
        var context: (region: Region, period: Period)?
        var tableRows: [TableRow] = []
        _ = try workbook.readRows(ofSheet: sheet) { row in
            guard let table = columns else {
                if matcher.score(row) >= 2 {
                    columns = matcher.match(row, place: place, issues: &reading.issues)
                    context = checkHeaderBlock(
                        header, identity: identity, tableRow: SheetPlace.physicalRow(row),
                        place: place, into: &reading)
                } else if let label = row.cell(atColumn: 1).flatMap({ CellReading.text($0, in: row) }),
                    let name = headerField(label)
                {
                    let value = row.cell(atColumn: 2).flatMap { CellReading.text($0, in: row) } ?? ""
                    header[name] = Located(value: value, location: place.location(row, column: 2))
                }
                return
            }
            tableRows.append(
                try readTableRow(
                    row, columns: table, context: context, place: place, fields: fields,
                    into: &reading))
        }
        guard let table = columns else {
            reading.issues.append(
                IssueCatalog.missingLabel.issue(
                    at: IssueLocation(sheet: place.sheet),
                    [
                        "label": "指标代码", "name": "indicator", "aliases": "指标代码、indicator", "where": "表格上方的表头行",
                    ]))
            return
        }
        checkRows(tableRows, against: identity["indicators"], headerRow: table.row, place: place, into: &reading)
    }

    /// The identity sheet's keys (column A) and values (column B).
    private func readIdentity(_ workbook: any Workbook, sheet: Int) throws -> [String: String] {
        var identity: [String: String] = [:]
        _ = try workbook.readRows(ofSheet: sheet) { row in
            guard let key = row.cell(atColumn: 1).flatMap({ CellReading.text($0, in: row) }) else { return }
            identity[key] = row.cell(atColumn: 2).flatMap { CellReading.text($0, in: row) } ?? ""
        }
        return identity
    }

    private func checkIdentityKeys(_ identity: [String: String], present: Bool, into reading: inout LayoutReading) {
        let name = layout.identitySheet?.name ?? "_template"
        guard present else {
            reading.issues.append(
                IssueCatalog.templateIdentityMissing.issue(
                    at: IssueLocation(),
                    [
                        "what": "缺失", "whatEn": "is missing",
                    ]))
            return
        }
        let missing = (layout.identitySheet?.keys ?? []).filter { identity[$0] == nil }
        if !missing.isEmpty {
            reading.issues.append(
                IssueCatalog.templateIdentityMissing.issue(
                    at: IssueLocation(sheet: name),
                    [
                        "what": "不完整（缺少 \(missing.joined(separator: "、"))）",
                        "whatEn": "lacks \(missing.joined(separator: ", "))",
                    ]))
        }
    }

    /// The header-block field a label in column A names (department, region, period).
    private func headerField(_ label: String) -> String? { form.headerFields[HeaderMatcher.normalise(label)] }

    /// Checks the header block against the identity and the folder, and
    /// returns the region and period every row reports on.
    private func checkHeaderBlock(
        _ header: [String: HeaderValue], identity: [String: String], tableRow: Int,
        place: SheetPlace, into reading: inout LayoutReading
    ) -> (Region, Period)? {
        for cell in layout.header where header[cell.name] == nil {
            reading.issues.append(
                IssueCatalog.missingLabel.issue(
                    at: place.location(row: tableRow),
                    [
                        "label": cell.label, "name": cell.name, "aliases": cell.aliases.joined(separator: "、"),
                        "where": "表格上方 A 列",
                    ]))
        }
        let blockLocation = IssueLocation(sheet: place.sheet)
        if let written = header["region"], let expected = identity["region"], written.value != expected {
            reading.issues.append(
                IssueCatalog.templateAltered.issue(
                    at: written.location,
                    [
                        "what": "\(written.location.cell ?? "")“地区”应为 \(expected)（模板生成时的值），实为 \(written.value)",
                        "whatEn":
                            "\(written.location.cell ?? "") region should be \(expected) as generated, found \(written.value)",
                    ]))
        }
        // Last month's template with its period typed over is the usual way a
        // form is reused: it counts for the month it shows, and says so.
        if let written = header["period"], let shown = Period(written.value),
            let made = identity["period"].flatMap(Period.init), shown != made
        {
            reading.issues.append(
                IssueCatalog.periodTemplateMismatch.issue(
                    at: written.location, ["content": shown.description, "template": made.description]))
        }
        if let written = header["department"], let code = identity["department"],
            let department = builder.catalog.department(code: code), !department.isNamed(by: written.value)
        {
            reading.issues.append(
                IssueCatalog.templateAltered.issue(
                    at: written.location,
                    [
                        "what": "\(written.location.cell ?? "")“填报单位”应为\(department.name)，实为“\(written.value)”",
                        "whatEn": "\(written.location.cell ?? "") department should be \(code), found \(written.value)",
                    ]))
        }
        var templateIssues: [Issue] = []
        if let authority = builder.authority, let region = identity["region"], let department = identity["department"] {
            templateIssues = authority.checkTemplate(
                region: region, department: department,
                regionAt: header["region"]?.location ?? blockLocation,
                departmentAt: header["department"]?.location ?? blockLocation)
            reading.issues += templateIssues
        }

        let regionCode = header["region"] ?? identity["region"].map { Located(value: $0, location: blockLocation) }
        let periodText = header["period"] ?? identity["period"].map { Located(value: $0, location: blockLocation) }
        var issues = RowIssues()
        let region = regionCode.flatMap { builder.region($0, issues: &issues) }
        var period: Period?
        if let periodText {
            if let parsed = Period(periodText.value) {
                reading.periods.insert(parsed)
                period = builder.period(Located(value: parsed, location: periodText.location), issues: &issues)
            } else {
                issues.append(IssueCatalog.periodInvalid, at: periodText.location) { ["value": periodText.value] }
            }
        }
        // A template of another region has said so for its region cell: once, not again for the cell's region.
        reading.issues += issues.filter { found in
            !templateIssues.contains { $0.code == found.code && $0.location == found.location }
        }
        guard let region, let period else { return nil }
        return (region, period)
    }

    /// One indicator row: its observation when the value is filled in.
    private func readTableRow(
        _ row: SheetRow, columns: HeaderMatcher.Columns, context: (region: Region, period: Period)?,
        place: SheetPlace, fields: FieldReader, into reading: inout LayoutReading
    ) throws -> TableRow {
        let physical = SheetPlace.physicalRow(row)
        var issues = RowIssues()
        func read(_ name: String, percentUnit: Bool = false, indicator: String? = nil) -> (
            FieldReader.Value, IssueLocation
        )? {
            guard let field = layout.field(named: name), let column = columns.byField[name],
                let value = fields.read(
                    field, column: column, in: row, place: place, percentUnit: percentUnit,
                    indicator: indicator, issues: &issues)
            else { return nil }
            return (value, place.location(row, column: column))
        }
        for cell in row.cells where cell.column > columns.lastColumn {
            if let text = CellReading.text(cell, in: row) {
                issues.append(IssueCatalog.extraCell, at: place.location(row, column: cell.column)) { ["value": text] }
            }
        }
        var code: Located<String>?
        if case (.text(let text), let location)? = read("indicator") { code = Located(value: text, location: location) }
        var unit: Located<String>?
        if case (.text(let text), let location)? = read("unit") { unit = Located(value: text, location: location) }
        var note: String?
        if case (.text(let text), _)? = read("note") { note = text }
        var value: Located<(number: Double, written: String)>?
        if case (.number(let number, let written), let location)? = read(
            "value", percentUnit: builder.isPercent(indicator: code?.value, unit: unit?.value), indicator: code?.value)
        {
            value = Located(value: (number, written), location: location)
        }
        if value != nil { try reading.countDataRow(at: place.location(row: physical)) }
        if let code, let value, let context {
            reading.keys.append(
                region: context.region.code, indicator: code.value, period: context.period, row: physical,
                sheet: place.sheet)
            if let indicator = builder.indicator(code, issues: &issues),
                let observation = builder.observation(
                    indicator: indicator, region: context.region, period: context.period,
                    value: value, unit: unit, note: note, issues: &issues)
            {
                reading.observations.append(observation)
            }
        }
        reading.issues += issues
        return TableRow(
            row: physical, code: code?.value, location: place.location(row, column: columns.byField["indicator"] ?? 1))
    }

    /// `code` without the spaces and tabs around it; taken as it is when its
    /// ends are none, as they are in the lists `huanxin template` writes.
    private static func trimmingSpaces(_ code: Substring) -> String {
        guard let first = code.unicodeScalars.first, let last = code.unicodeScalars.last,
            CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last)
        else { return String(code) }
        return code.trimmingCharacters(in: .whitespaces)
    }

    /// The table's indicator codes, row by row, against the list the template was made with.
    private func checkRows(
        _ rows: [TableRow], against list: String?, headerRow: Int, place: SheetPlace,
        into reading: inout LayoutReading
    ) {
        guard let list else { return }
        let expected = list.split(separator: ";").map(Self.trimmingSpaces).filter { !$0.isEmpty }
        for index in 0..<max(expected.count, rows.count) {
            let want = index < expected.count ? expected[index] : nil
            let row = index < rows.count ? rows[index] : nil
            guard want != row?.code else { continue }
            let what: (zh: String, en: String)
            let location: IssueLocation
            if let row, let want {
                location = row.location
                what = (
                    "\(row.location.cell ?? "")应为指标“\(want)”，实为“\(row.code ?? "")”",
                    "\(row.location.cell ?? "") should hold indicator \(want), found \(row.code ?? "nothing")"
                )
            } else if let row {
                location = row.location
                what = (
                    "\(row.location.cell ?? "")多出指标“\(row.code ?? "")”，模板中没有这一行",
                    "\(row.location.cell ?? "") holds \(row.code ?? "nothing"), a row the template does not have"
                )
            } else {
                let expectedRow = headerRow + 1 + index
                location = place.location(row: expectedRow)
                what = (
                    "缺少指标“\(want ?? "")”这一行（应在第\(expectedRow)行）",
                    "the row of indicator \(want ?? "") (row \(expectedRow)) is missing"
                )
            }
            reading.issues.append(
                IssueCatalog.templateAltered.issue(at: location, ["what": what.zh, "whatEn": what.en]))
        }
    }
}
