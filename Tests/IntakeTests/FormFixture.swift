import Catalog
import Foundation
import Sheets

/// A filled `form` workbook written as `huanxin template` writes it (see
/// the form geometry contract), with hooks to alter it the way people do.
struct FormFixture {
    var region = "370829"
    var department = "commerce"
    var departmentName = "嘉祥县商务局"
    var period = "2025-03"
    /// The indicator rows: code and the value typed into column D.
    var rows: [(code: String, value: CellValue)] = [
        ("nev_stock", .number(12_000)), ("scrapped_vehicles", .number(85)), ("used_car_trades", .text("1,200")),
    ]
    /// What the identity sheet says the rows are; nil: the codes of `rows`.
    var identityIndicators: [String]?
    /// Whether the very hidden `_template` sheet is there.
    var hasIdentity = true
    /// Header-block values as shown (B4, B5); nil: the identity's.
    var shownRegion: String?
    var shownPeriod: String?
    /// The header block's labels in column A (A3, A4, A5).
    var labels = ["填报单位", "地区", "期间"]
    /// How the identity sheet joins its indicator codes.
    var identitySeparator = ";"

    func write(name: String = "嘉祥县商务局-2025-03.xlsx") throws -> String {
        let path = try IntakeFixture.directory().appendingPathComponent(name).path
        let workbook = try WorkbookWriter(
            path: path,
            options: .init(
                properties: DocumentProperties(
                    created: ExcelDate.Components(year: 2025, month: 4, day: 1))))
        let bold = workbook.addStyle(CellStyle(bold: true))
        let header = workbook.addStyle(.header)
        let input = workbook.addStyle(CellStyle(locked: false))
        let catalog = IntakeFixture.catalog
        let sheet = try workbook.addSheet("月报")
        try sheet.freezePanes(rows: 7)
        try sheet.addRow([.text("\(departmentName) 2025年3月 设备更新和消费品以旧换新工作月报表")], styles: [bold])
        try sheet.addRow([.text("请只填写“本月数值”和“备注”两列，其余单元格已保护。")])
        try sheet.addRow([.text(labels[0]), .text(departmentName)])
        try sheet.addRow(
            [.text(labels[1]), .text(shownRegion ?? region), .text(catalog.region(code: region)?.name ?? "")])
        try sheet.addRow([.text(labels[2]), .text(shownPeriod ?? period)])
        try sheet.beginRow(7)
        for title in ["指标代码", "指标名称", "单位", "本月数值", "备注"] { try sheet.writeText(title, style: header) }
        for row in rows {
            let indicator = catalog.indicator(code: row.code)
            try sheet.beginRow()
            try sheet.writeText(row.code)
            try sheet.writeText(indicator?.name ?? "")
            try sheet.writeText(indicator?.unit ?? "")
            if case .empty = row.value {
                try sheet.writeBlank(style: input)
            } else {
                try sheet.write(row.value, style: input)
            }
            try sheet.writeBlank(style: input)
        }
        try sheet.mergeCells(CellRange("A1:E1")!)
        try sheet.mergeCells(CellRange("A2:E2")!)
        try sheet.protect()
        if hasIdentity {
            let identity = try workbook.addSheet("_template", visibility: .veryHidden)
            let codes = (identityIndicators ?? rows.map(\.code)).joined(separator: identitySeparator)
            for (key, value) in [
                ("layout", "form"), ("region", region), ("department", department), ("period", period),
                ("catalog_version", "test"), ("indicators", codes),
            ] {
                try identity.addRow([.text(key), .text(value)])
            }
        }
        try workbook.close()
        return path
    }
}
