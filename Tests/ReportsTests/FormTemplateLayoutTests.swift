import Catalog
import Foundation
import Intake
import Sheets
import Testing
import Vocabulary

@testable import Reports

/// The template and the reader follow one layout: change `form.yaml` and
/// both change with it.
@Suite struct FormTemplateLayoutTests {
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Schemas")

    /// A copy of `Schemas/` with `form.yaml` edited by `edit`, loaded.
    static func catalog(editingForm edit: (String) -> String) throws -> (Catalog, URL) {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("schemas-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: schemas, to: copy)
        let form = copy.appendingPathComponent("layouts/form.yaml")
        try edit(try String(contentsOf: form, encoding: .utf8)).write(to: form, atomically: true, encoding: .utf8)
        return (try CatalogLoader.loadChecked(schemas: copy), copy)
    }

    /// The code after the unit, the value column retitled, the identity sheet renamed:
    /// the template writes that geometry and intake reads the figures back
    /// from the cells the new layout puts them in.
    @Test func templateAndReaderFollowAnEditedLayout() throws {
        let (catalog, copy) = try Self.catalog { yaml in
            var yaml = yaml.replacingOccurrences(of: "name: _template", with: "name: _huanxin_form")
                .replacingOccurrences(of: "title: 本月数值", with: "title: 本期数值")
                .replacingOccurrences(of: "x-aliases: [本月数值, 数值, value]", with: "x-aliases: [本期数值, 数值, value]")
            // Move the code column after the unit column.
            let code = """
                  - name: indicator
                    title: 指标代码
                    type: string
                    constraints: {required: true, pattern: "^[a-z][a-z0-9_]*$"}
                    x-aliases: [指标代码, indicator]
                    x-catalog: indicators

                """
            yaml = yaml.replacingOccurrences(of: code, with: "")
            return yaml.replacingOccurrences(of: "  - name: value\n", with: code + "  - name: value\n")
        }
        defer { try? FileManager.default.removeItem(at: copy) }
        let template = try FormTemplate(
            catalog: catalog, region: "370829", department: "commerce", period: Period("2026-10")!)
        #expect(template.tableHeader == ["指标名称", "单位", "指标代码", "本期数值", "备注"])
        let file = copy.appendingPathComponent("filled.xlsx").path
        var entries = Dictionary(
            uniqueKeysWithValues: template.rows.map { ($0.code, FormTemplate.Entry.nothingToReport) })
        entries["nev_stock"] = .init(value: 1.25, unit: "万辆")
        entries["scrapped_vehicles"] = .init(value: 312)
        try template.write(to: file, entries: entries)

        let workbook = try openWorkbook(atPath: file)
        #expect(try workbook.sheets.map(\.name) == ["月报", "_huanxin_form"])
        var header: [String] = []
        _ = try workbook.readRows(ofSheet: 0) { row in
            guard row.number == template.headerRow else { return }
            header = row.cells.compactMap { if case .text(let text) = row.value(of: $0) { text } else { nil } }
        }
        #expect(header == ["指标名称", "单位", "指标代码", "本期数值", "备注"])

        let result = SubmissionReader(catalog: catalog, today: Period("2026-11")!)
            .read(path: file, submitter: Submitter(region: "370829", department: "commerce"))
        #expect(result.isAccepted, "\(result.issues.map(\.code))")
        let byIndicator = Dictionary(uniqueKeysWithValues: result.observations.map { ($0.indicator, $0) })
        #expect(byIndicator["nev_stock"]?.value == 12_500)
        #expect(byIndicator["nev_stock"]?.source.cell == "D8")
        #expect(byIndicator["scrapped_vehicles"]?.source.cell == "D9")
    }

    /// A layout column no template knows how to fill is refused by name,
    /// not written as a workbook intake would then reject.
    @Test func aColumnTheTemplateCannotFillIsRefused() throws {
        let (catalog, copy) = try Self.catalog { yaml in
            yaml.replacingOccurrences(
                of: "  - name: region\n",
                with: """
                      - name: checked_by
                        title: 审核人
                        type: string
                        x-aliases: [审核人]
                      - name: region

                    """)
        }
        defer { try? FileManager.default.removeItem(at: copy) }
        #expect {
            try FormTemplate(catalog: catalog, region: "370829", department: "commerce", period: Period("2026-10")!)
        } throws: { error in
            (error as? FormTemplateError)?.code == "layout-unsupported" && "\(error)".contains("checked_by")
        }
    }
}
