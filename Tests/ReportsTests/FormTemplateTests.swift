import Catalog
import Foundation
import Intake
import Sheets
import Testing
import Vocabulary

@testable import Reports

/// The `form` workbook of `huanxin template`, read back with our own reader
/// and checked in its sheet XML.
@Suite struct FormTemplateTests {
    static let catalog: Catalog = {
        let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Schemas")
        return try! CatalogLoader.loadChecked(schemas: schemas)
    }()

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("form-\(UUID().uuidString)")

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func template(_ region: String = "370829", _ department: String = "commerce") throws -> FormTemplate {
        try FormTemplate(catalog: Self.catalog, region: region, department: department, period: Period("2026-10")!)
    }

    /// Every non-empty cell of a sheet as A1 → text or number.
    func cells(of file: String, sheet: Int) throws -> [String: CellValue] {
        let workbook = try openWorkbook(atPath: file)
        var cells: [String: CellValue] = [:]
        _ = try workbook.readRows(ofSheet: sheet) { row in
            for cell in row.cells where cell.kind != .empty {
                cells[CellReference(row: row.number, column: cell.column).a1] = row.value(of: cell)
            }
        }
        return cells
    }

    func sheetXML(_ file: String, _ number: Int) throws -> String {
        String(decoding: try ZipArchive(path: file).readEntry("xl/worksheets/sheet\(number).xml"), as: UTF8.self)
    }

    @Test func templateReadsBackWithHeaderBlockAndIndicatorRows() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let form = try template()
        let file = path(form.suggestedFileName)
        try form.write(to: file)
        #expect(form.suggestedFileName == "370829-commerce-2026-10.xlsx")

        let workbook = try openWorkbook(atPath: file)
        #expect(try workbook.sheets.map(\.name) == ["月报", "_template"])
        #expect(try workbook.sheets.map(\.visibility) == [.visible, .veryHidden])

        let form1 = try cells(of: file, sheet: 0)
        #expect(form1["A1"] == .text("嘉祥县商务局 2026年10月 设备更新和消费品以旧换新工作月报表"))
        // commerce's nev_stock may be written in 万辆: the line says the unit can be changed.
        #expect(form1["A2"] == .text("请只填写“本月数值”和“备注”两列；“单位”列带下拉箭头的可改选换算单位；其余单元格已保护。"))
        #expect(form1["A3"] == .text("填报单位") && form1["B3"] == .text("嘉祥县商务局"))
        #expect(form1["A4"] == .text("地区") && form1["B4"] == .text("370829") && form1["C4"] == .text("嘉祥县"))
        #expect(form1["A5"] == .text("期间") && form1["B5"] == .text("2026-10"))
        #expect(
            (1...5).map { form1[CellReference(row: 7, column: $0).a1] }
                == ["指标名称", "指标代码", "单位", "本月数值", "备注"].map { .text($0) })

        let expected = Self.catalog.indicators(reportableBy: "commerce")
            .filter { Self.catalog.canReport(indicator: $0.code, atLevel: .county) }
        #expect(expected.count == 12)
        for (offset, indicator) in expected.enumerated() {
            let row = 8 + offset
            #expect(form1["A\(row)"] == .text(indicator.name))
            #expect(form1["B\(row)"] == .text(indicator.code))
            #expect(form1["C\(row)"] == .text(indicator.unit))
            #expect(form1["D\(row)"] == nil)
        }
        #expect(!form1.keys.contains { CellReference($0)!.row > 7 + expected.count })

        let identity = try cells(of: file, sheet: 1)
        #expect(identity["A1"] == .text("layout") && identity["B1"] == .text("form"))
        #expect(
            identity["B2"] == .text("370829") && identity["B3"] == .text("commerce")
                && identity["B4"] == .text("2026-10"))
        #expect(identity["A5"] == .text("catalog_version") && identity["B5"] == .text(form.catalogVersion))
        #expect(identity["B6"] == .text(expected.map(\.code).joined(separator: ";")))
    }

    @Test func onlyInputCellsAreUnlockedAndValuesAreValidated() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let form = try template()
        let file = path("form.xlsx")
        try form.write(to: file)
        let sheet = try sheetXML(file, 1)
        let styles = String(decoding: try ZipArchive(path: file).readEntry("xl/styles.xml"), as: UTF8.self)

        #expect(sheet.contains("<sheetProtection"))
        #expect(sheet.contains(#"<pane ySplit="7""#))
        #expect(sheet.contains(#"<mergeCell ref="A1:E1"/>"#))
        #expect(sheet.contains(#"type="decimal" operator="greaterThanOrEqual""#))
        #expect(sheet.contains(#"sqref="D8:D\#(form.lastRow)"><formula1>0</formula1>"#))
        // nev_stock is counted in 辆, which may also be written 万辆: its unit cell offers both.
        #expect(sheet.contains(#"sqref="C8"><formula1>"辆,万辆"</formula1>"#))

        let xfs = Self.cellXfs(styles)
        #expect(xfs[Self.styleIndex(of: "D8", in: sheet)].contains(#"locked="0""#))
        #expect(xfs[Self.styleIndex(of: "E8", in: sheet)].contains(#"locked="0""#))
        #expect(!xfs[Self.styleIndex(of: "A8", in: sheet)].contains(#"locked="0""#))
        #expect(!xfs[Self.styleIndex(of: "B3", in: sheet)].contains(#"locked="0""#))
        // 场 has no other spelling: that unit cell stays locked.
        let events = form.rows.firstIndex { $0.code == "nev_promotion_events" }! + 8
        #expect(!xfs[Self.styleIndex(of: "C\(events)", in: sheet)].contains(#"locked="0""#))
    }

    @Test func instructionNamesTheUnitOnlyWhereItIsOpen() throws {
        var form = try template()
        #expect(form.instruction.contains("“单位”列"))
        form.rows = form.rows.map { row in
            var fixed = row
            fixed.alternativeUnits = []
            return fixed
        }
        #expect(form.instruction == "请只填写“本月数值”和“备注”两列，其余单元格已保护。")
    }

    @Test func sameTemplateGivesSameBytes() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let entries = ["nev_stock": FormTemplate.Entry(value: 1.25, unit: "万辆", note: "示例数据")]
        try template().write(to: path("a.xlsx"), entries: entries)
        try template().write(to: path("b.xlsx"), entries: entries)
        #expect(
            FileManager.default.contents(atPath: path("a.xlsx")) == FileManager.default.contents(atPath: path("b.xlsx"))
        )
        let core = String(decoding: try ZipArchive(path: path("a.xlsx")).readEntry("docProps/core.xml"), as: UTF8.self)
        #expect(core.contains("2026-10-31T00:00:00Z"))
        #expect(core.contains("<dc:creator>焕新 huanxin</dc:creator>"))
    }

    @Test func entriesFillUnitValueAndNote() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try template().write(
            to: path("filled.xlsx"),
            entries: [
                "nev_stock": .init(value: 1.25, unit: "万辆"),
                "scrapped_vehicles": .init(value: 312, note: "含补报"),
            ])
        let form = try cells(of: path("filled.xlsx"), sheet: 0)
        #expect(form["C8"] == .text("万辆") && form["D8"] == .number(1.25))
        #expect(form["D9"] == .number(312) && form["E9"] == .text("含补报"))
    }

    @Test func filledTemplateIsAcceptedByIntake() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = path("370829-commerce-2026-10.xlsx")
        // Every row filled: the two figures, 0 for the rest (a blank would be an error).
        let template = try template()
        var entries = Dictionary(uniqueKeysWithValues: template.rows.map { ($0.code, FormTemplate.Entry(value: 0)) })
        entries["nev_stock"] = .init(value: 1.25, unit: "万辆", note: "示例数据")
        entries["scrapped_vehicles"] = .init(value: 312)
        try template.write(to: file, entries: entries)
        let result = SubmissionReader(catalog: Self.catalog, today: Period("2026-11")!)
            .read(path: file, submitter: Submitter(region: "370829", department: "commerce"))
        #expect(result.isAccepted, "\(result.issues.map(\.code))")
        #expect(result.layout == "form")
        let byIndicator = Dictionary(uniqueKeysWithValues: result.observations.map { ($0.indicator, $0) })
        #expect(byIndicator.count == template.rows.count)
        #expect(byIndicator.values.filter { $0.value == 0 }.count == template.rows.count - 2)
        #expect(byIndicator["nev_stock"]?.value == 12_500)
        #expect(byIndicator["nev_stock"]?.source.cell == "D8")
        #expect(byIndicator["scrapped_vehicles"]?.value == 312)
        #expect(byIndicator["scrapped_vehicles"]?.source.cell == "D9")
        #expect(result.observations.allSatisfy { $0.region == "370829" && $0.period == Period("2026-10")! })
    }

    @Test func alteredRowIsRejectedByIntake() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var form = try template()
        form.rows[1].code = "scrapped_vehicles_total"
        try form.write(to: path("altered.xlsx"), entries: ["nev_stock": .init(value: 100)])
        let result = SubmissionReader(catalog: Self.catalog, today: Period("2026-11")!)
            .read(path: path("altered.xlsx"), submitter: Submitter(region: "370829", department: "commerce"))
        #expect(result.issues.map(\.code).contains("template-altered"))
    }

    @Test func cityAndLocalUnitTemplatesNameTheirLevel() throws {
        let city = try template("371500", "commerce")
        #expect(city.reportingUnit == "聊城市商务局")
        let local = Self.catalog.children(of: "371500").first { $0.level == .local }!
        let zone = try template(local.code, "industry")
        #expect(zone.reportingUnit == local.name + "工业和信息化局")
        #expect(!zone.rows.isEmpty)
    }

    @Test(arguments: [
        ("379999", "commerce", "unknown-region"),
        ("370829", "ministry-of-magic", "unknown-department"),
        ("370000", "commerce", "department-not-at-level"),
    ])
    func refusesWhatCannotReport(region: String, department: String, code: String) {
        #expect { try template(region, department) } throws: { ($0 as? FormTemplateError)?.code == code }
    }

    // MARK: Sheet XML helpers

    /// The `<xf …>` elements of `cellXfs`, by index.
    static func cellXfs(_ styles: String) -> [String] {
        guard let start = styles.range(of: "<cellXfs"), let end = styles.range(of: "</cellXfs>") else { return [] }
        return styles[start.upperBound..<end.lowerBound].components(separatedBy: "<xf ").dropFirst().map { "<xf " + $0 }
    }

    /// The `s` attribute of cell `reference` (0 when absent).
    static func styleIndex(of reference: String, in sheet: String) -> Int {
        guard let cell = sheet.range(of: #"<c r="\#(reference)""#) else { return -1 }
        let tail = sheet[cell.upperBound...].prefix { $0 != ">" }
        guard let s = tail.range(of: #" s=""#) else { return 0 }
        return Int(tail[s.upperBound...].prefix { $0 != "\"" })!
    }
}
