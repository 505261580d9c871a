import Catalog
import Foundation
import Sheets
import Vocabulary
import Outbox

/// Why a form template cannot be made for a region and department.
public struct FormTemplateError: Error, Sendable, CustomStringConvertible {
    /// Stable ASCII code: `unknown-region`, `unknown-department`,
    /// `department-not-at-level`, `nothing-to-report`.
    public let code: String
    public let chinese: String
    public let english: String

    public init(code: String, chinese: String, english: String) {
        self.code = code
        self.chinese = chinese
        self.english = english
    }

    public var description: String { "\(chinese) \(english) [\(code)]" }
}

/// The `form` workbook of one department, region and period, as
/// `/work/prompts/form-geometry.md` fixes it and `Schemas/layouts/form.yaml`
/// reads it: sheet `月报` with a title, the 填报单位/地区/期间 block in A3:C5,
/// the table header in row 7 and one row per indicator from row 8; the very
/// hidden sheet `_template` with the template's identity.
///
/// Empty, it is what `huanxin template` hands out; with `entries` it is a
/// filled-in report (the demo inbox, round-trip tests).
public struct FormTemplate: Sendable {
    /// One table row: what columns A–C show.
    public struct Row: Sendable, Equatable {
        public var code: String
        public var name: String
        /// The canonical unit.
        public var unit: String
        /// Spellings of the unit a person may pick instead (万辆 for 辆), from the catalog.
        public var alternativeUnits: [String]
    }

    /// What a department fills into an indicator's row.
    public struct Entry: Sendable, Equatable {
        public var value: Double?
        /// The unit as written, when not the canonical one.
        public var unit: String?
        public var note: String?

        public init(value: Double?, unit: String? = nil, note: String? = nil) {
            self.value = value
            self.unit = unit
            self.note = note
        }
    }

    public static let sheetName = "月报"
    public static let identitySheetName = "_template"
    /// Row of the table header; indicators start on the row below.
    public static let headerRow = 7
    public static let tableHeader = ["指标代码", "指标名称", "单位", "本月数值", "备注"]

    public let region: Region
    public let department: Department
    public let period: Period
    /// The department's name at that level, e.g. 嘉祥县商务局.
    public let reportingUnit: String
    public let catalogVersion: String
    /// The indicator codes the identity sheet lists, in catalog order.
    public let indicatorCodes: [String]
    /// The table as written. Equal to the catalog's list unless a caller
    /// alters it (the demo inbox's tampered form).
    public var rows: [Row]
    /// Document subject, e.g. a 示例数据 label.
    public var subject: String?

    /// The template for `department` in `region` for `period`: the
    /// indicators the department may report that can be reported at the
    /// region's level.
    public init(catalog: Catalog, region regionCode: String, department departmentCode: String,
                period: Period) throws(FormTemplateError) {
        guard let region = catalog.region(code: regionCode) else {
            throw FormTemplateError(code: "unknown-region", chinese: "未知地区代码 “\(regionCode)”。",
                                    english: "Unknown region code '\(regionCode)'.")
        }
        guard let department = catalog.department(code: departmentCode) else {
            let known = catalog.departments.map(\.code).joined(separator: ", ")
            throw FormTemplateError(code: "unknown-department", chinese: "未知部门代码 “\(departmentCode)”（可用：\(known)）。",
                                    english: "Unknown department code '\(departmentCode)' (known: \(known)).")
        }
        guard department.levels.contains(region.level) else {
            throw FormTemplateError(
                code: "department-not-at-level",
                chinese: "\(department.name)不在\(region.name)（\(region.level.rawValue)级）报送。",
                english: "\(department.english) does not report at \(region.name)'s level (\(region.level.rawValue)).")
        }
        let indicators = catalog.indicators(reportableBy: department.code)
            .filter { catalog.canReport(indicator: $0.code, atLevel: region.level) }
        guard !indicators.isEmpty else {
            throw FormTemplateError(
                code: "nothing-to-report",
                chinese: "\(department.name)在\(region.level.rawValue)级没有可报送的指标。",
                english: "\(department.english) has no indicator to report at level \(region.level.rawValue).")
        }
        self.region = region
        self.department = department
        self.period = period
        self.reportingUnit = region.name + department.name
        self.catalogVersion = Self.version(of: catalog)
        self.indicatorCodes = indicators.map(\.code)
        self.rows = indicators.map { indicator in
            let alternatives = catalog.units.first { $0.code == indicator.unit }?.alternatives.keys.sorted() ?? []
            return Row(code: indicator.code, name: indicator.name, unit: indicator.unit, alternativeUnits: alternatives)
        }
    }

    /// `嘉祥县商务局 2026年10月 设备更新和消费品以旧换新工作月报表`
    public var title: String {
        "\(reportingUnit) \(period.year)年\(period.month)月 设备更新和消费品以旧换新工作月报表"
    }

    /// Row 2: which cells to fill. The unit cell is open (a dropdown) only
    /// where an indicator has convertible units, so only then is it named.
    public var instruction: String {
        rows.contains { !$0.alternativeUnits.isEmpty }
            ? "请只填写“本月数值”和“备注”两列；“单位”列带下拉箭头的可改选换算单位；其余单元格已保护。"
            : "请只填写“本月数值”和“备注”两列，其余单元格已保护。"
    }

    /// `<region-code>-<department>-<period>.xlsx`, the name `huanxin template` suggests.
    public var suggestedFileName: String { "\(region.code)-\(department.code)-\(period).xlsx" }

    /// The last table row.
    public var lastRow: Int { Self.headerRow + rows.count }

    /// Writes the workbook to `path`, atomically; `entries` (by indicator
    /// code) fill the unit, value and note columns. The same template and
    /// entries give the same bytes.
    public func write(to path: String, entries: [String: Entry] = [:]) throws {
        try AtomicFile.write(to: path) { handle in try write(into: handle, entries: entries) }
    }

    /// Writes the workbook into an open file (`AtomicFile`'s or `StagedFiles`' temporary).
    public func write(into handle: FileHandle, entries: [String: Entry] = [:]) throws {
        let workbook = try WorkbookWriter(fileDescriptor: handle.fileDescriptor, options: .init(properties: properties))
        try writeForm(into: workbook, entries: entries)
        try writeIdentity(into: workbook)
        try workbook.close()
    }

    /// Title, author 焕新 huanxin, and the period's last day as the date, so that bytes do not depend on the clock.
    public var properties: DocumentProperties {
        DocumentProperties(title: title, subject: subject, author: "焕新 huanxin", company: reportingUnit,
                           created: .init(year: period.year, month: period.month, day: Self.lastDay(of: period)))
    }

    // MARK: The sheets

    private struct Styles {
        let title, instruction, label, text, header, cell, unitInput, valueInput, noteInput: CellStyleID

        init(_ workbook: WorkbookWriter) {
            title = workbook.addStyle(CellStyle(bold: true, fontSize: 14, horizontal: .center, vertical: .center))
            instruction = workbook.addStyle(CellStyle(italic: true, fontColor: Color(rgb: 0x595959)))
            label = workbook.addStyle(CellStyle(bold: true))
            text = workbook.addStyle(CellStyle(numberFormat: NumberFormat("@")))
            header = workbook.addStyle(.header)
            cell = workbook.addStyle(CellStyle(border: .thin, vertical: .center, numberFormat: NumberFormat("@")))
            unitInput = workbook.addStyle(CellStyle(fill: Self.inputFill, border: .thin, vertical: .center, locked: false))
            valueInput = workbook.addStyle(CellStyle(fill: Self.inputFill, border: .thin, vertical: .center,
                                                     numberFormat: NumberFormat("#,##0.####"), locked: false))
            noteInput = workbook.addStyle(CellStyle(fill: Self.inputFill, border: .thin, vertical: .center,
                                                    wrap: true, numberFormat: NumberFormat("@"), locked: false))
        }

        /// Pale yellow: the cells to fill.
        static let inputFill = Color(rgb: 0xFFF2CC)
    }

    private func writeForm(into workbook: WorkbookWriter, entries: [String: Entry]) throws {
        let styles = Styles(workbook)
        let sheet = try workbook.addSheet(Self.sheetName)
        let widths = [
            max(ColumnWidth.fitting("填报单位"), rows.map { ColumnWidth.fitting($0.code) }.max() ?? 0),
            max(ColumnWidth.fitting(reportingUnit), rows.map { ColumnWidth.fitting($0.name) }.max() ?? 0),
            max(ColumnWidth.fitting(region.name), rows.map { ColumnWidth.fitting($0.unit) }.max() ?? 0, 10),
            14, 30,
        ]
        for (offset, width) in widths.enumerated() {
            try sheet.setColumn(offset + 1, width: min(width, ColumnWidth.maximum))
        }
        try sheet.freezePanes(rows: Self.headerRow)

        try sheet.beginRow(height: 24)
        try sheet.writeText(title, style: styles.title)
        try sheet.addRow([.text(instruction)], styles: [styles.instruction])
        try sheet.addRow([.text("填报单位"), .text(reportingUnit)], styles: [styles.label, styles.text])
        try sheet.addRow([.text("地区"), .text(region.code), .text(region.name)], styles: [styles.label, styles.text, styles.text])
        try sheet.addRow([.text("期间"), .text(period.description)], styles: [styles.label, styles.text])
        try sheet.beginRow(Self.headerRow)
        for label in Self.tableHeader { try sheet.writeText(label, style: styles.header) }

        for (offset, row) in rows.enumerated() {
            let entry = entries[row.code]
            try sheet.beginRow()
            try sheet.writeText(row.code, style: styles.cell)
            try sheet.writeText(row.name, style: styles.cell)
            try sheet.writeText(entry?.unit ?? row.unit, style: row.alternativeUnits.isEmpty ? styles.cell : styles.unitInput)
            if let value = entry?.value { try sheet.writeNumber(value, style: styles.valueInput) }
            else { try sheet.writeBlank(style: styles.valueInput) }
            if let note = entry?.note { try sheet.writeText(note, style: styles.noteInput) }
            else { try sheet.writeBlank(style: styles.noteInput) }
            if !row.alternativeUnits.isEmpty {
                let cell = CellReference(row: Self.headerRow + 1 + offset, column: 3)
                try sheet.addValidation(DataValidation(
                    range: CellRange(first: cell, last: cell), rule: .list([row.unit] + row.alternativeUnits),
                    allowBlank: false, prompt: ("单位", "可选换算单位，默认 \(row.unit)"),
                    error: ("单位不可用", "请从下拉列表中选择单位。")))
            }
        }

        try sheet.mergeCells(CellRange("A1:E1")!)
        try sheet.mergeCells(CellRange("A2:E2")!)
        if !rows.isEmpty {
            let values = CellRange(first: CellReference(row: Self.headerRow + 1, column: 4),
                                   last: CellReference(row: lastRow, column: 4))
            try sheet.addValidation(DataValidation(
                range: values, rule: .decimal(minimum: 0),
                prompt: ("本月数值", "填写本月数值（不小于 0），单位见 C 列。"),
                error: ("数值无效", "请填写不小于 0 的数字。")))
        }
        try sheet.protect()
    }

    private func writeIdentity(into workbook: WorkbookWriter) throws {
        let sheet = try workbook.addSheet(Self.identitySheetName, visibility: .veryHidden)
        let identity = [
            ("layout", "form"), ("region", region.code), ("department", department.code),
            ("period", period.description), ("catalog_version", catalogVersion),
            ("indicators", indicatorCodes.joined(separator: ";")),
        ]
        for (key, value) in identity { try sheet.addRow([.text(key), .text(value)]) }
        try sheet.protect()
    }

    // MARK: Helpers

    /// A short hash (FNV-1a, 64 bits, hex) of what a form depends on: each
    /// department's indicators and each indicator's unit. Changes when a
    /// template made earlier may no longer match the catalog.
    static func version(of catalog: Catalog) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0x1F
            hash = hash &* 0x100_0000_01b3
        }
        for department in catalog.departments {
            mix(department.code)
            department.indicators.forEach(mix)
        }
        for indicator in catalog.indicators {
            mix(indicator.code)
            mix(indicator.unit)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The period's last day: what document dates of a month's report use.
    public static func lastDay(of period: Period) -> Int {
        switch period.month {
        case 2: return period.year % 4 == 0 && (period.year % 100 != 0 || period.year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
