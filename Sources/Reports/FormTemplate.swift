import Catalog
import Foundation
import Outbox
import Sheets
import Vocabulary

/// Why a form template cannot be made for a region and department.
public struct FormTemplateError: Error, Sendable, CustomStringConvertible {
    /// Stable ASCII code: `unknown-region`, `unknown-department`,
    /// `department-not-at-level`, `nothing-to-report`; `layout-unsupported`
    /// when the catalog's `form` layout names something a template cannot write.
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

/// The `form` workbook of one department, region and period, made from the
/// catalog's `form` layout (`Schemas/layouts/form.yaml`), the same layout
/// intake reads it with, so the two cannot disagree: sheet `月报` with a
/// title and an instruction, the layout's header block (填报单位, 地区, 期间:
/// label in column A, value in B) from row 3, a blank row, the table header
/// (the layout's column titles, in its order) and one row per indicator; the
/// very hidden identity sheet the layout names, with the keys it lists.
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
        /// Written in the value cell instead of a number: 无 or 不适用,
        /// the layout's "nothing to report" (a blank value is an error).
        public var instead: String?
        /// The unit as written, when not the canonical one.
        public var unit: String?
        public var note: String?

        public init(value: Double?, unit: String? = nil, note: String? = nil) {
            self.value = value
            self.unit = unit
            self.note = note
        }

        /// 无: the department has nothing to report for the indicator.
        public static let nothingToReport = Entry(instead: "无")

        init(instead: String) {
            self.init(value: nil)
            self.instead = instead
        }
    }

    public static let sheetName = "月报"
    /// The header block starts here, below the title and the instruction.
    static let headerBlockRow = 3

    /// The layout the template is written in.
    public let layout: Layout
    /// Row of the table header (after the header block and a blank row); indicators start on the row below.
    public var headerRow: Int { Self.headerBlockRow + layout.header.count + 1 }
    /// The table's column titles, in the layout's order.
    public var tableHeader: [String] { layout.columns.map(\.title) }
    public var identitySheetName: String { layout.identitySheet?.name ?? "_template" }

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
    public init(
        catalog: Catalog, region regionCode: String, department departmentCode: String,
        period: Period
    ) throws(FormTemplateError) {
        layout = try Self.supportedLayout(in: catalog)
        guard let region = catalog.region(code: regionCode) else {
            throw FormTemplateError(
                code: "unknown-region", chinese: "未知地区代码 “\(regionCode)”。",
                english: "Unknown region code '\(regionCode)'.")
        }
        guard let department = catalog.department(code: departmentCode) else {
            let known = catalog.departments.map(\.code).joined(separator: ", ")
            throw FormTemplateError(
                code: "unknown-department", chinese: "未知部门代码 “\(departmentCode)”（可用：\(known)）。",
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
        let (value, note, unit) = (title(of: .value), title(of: .note), title(of: .unit))
        return rows.contains { !$0.alternativeUnits.isEmpty }
            ? "请只填写“\(value)”和“\(note)”两列；“\(unit)”列带下拉箭头的可改选换算单位；其余单元格已保护。"
            : "请只填写“\(value)”和“\(note)”两列，其余单元格已保护。"
    }

    /// What a template writes in each column: the layout's column names it knows.
    enum Column: String, CaseIterable {
        case indicator, name, unit, value, note
    }

    /// What a template writes in the header block and the identity sheet.
    enum HeaderCell: String, CaseIterable {
        case department, region, period
    }

    static let identityKeys: Set<String> = [
        "layout", "region", "department", "period", "catalog_version", "indicators",
    ]

    /// The catalog's `form` layout, if a template can be written in it: every
    /// column, header cell and identity key one the template knows how to fill.
    static func supportedLayout(in catalog: Catalog) throws(FormTemplateError) -> Layout {
        guard let layout = catalog.layout(id: "form") else {
            throw FormTemplateError(
                code: "layout-unsupported", chinese: "目录中没有 form 格式。",
                english: "The catalog has no form layout.")
        }
        let unknown =
            layout.columns.map(\.name).filter { Column(rawValue: $0) == nil }
            + layout.header.map(\.name).filter { HeaderCell(rawValue: $0) == nil }
            + (layout.identitySheet?.keys ?? []).filter { !identityKeys.contains($0) }
        guard unknown.isEmpty,
            Column.allCases.allSatisfy({ column in layout.columns.contains { $0.name == column.rawValue } })
        else {
            throw FormTemplateError(
                code: "layout-unsupported",
                chinese: "form 格式含模板无法填写的项：\(unknown.joined(separator: "、"))。",
                english: "The form layout names what a template cannot fill: \(unknown.joined(separator: ", ")).")
        }
        return layout
    }

    func title(of column: Column) -> String { layout.field(named: column.rawValue)?.title ?? column.rawValue }

    /// The 1-based column of `column` in the table.
    func position(of column: Column) -> Int { (layout.columns.firstIndex { $0.name == column.rawValue } ?? 0) + 1 }

    /// `<region-code>-<department>-<period>.xlsx`, the name `huanxin template` suggests.
    public var suggestedFileName: String { "\(region.code)-\(department.code)-\(period).xlsx" }

    /// The last table row.
    public var lastRow: Int { headerRow + rows.count }

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
        DocumentProperties(
            title: title, subject: subject, author: "焕新 huanxin", company: reportingUnit,
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
            unitInput = workbook.addStyle(
                CellStyle(fill: Self.inputFill, border: .thin, vertical: .center, locked: false))
            valueInput = workbook.addStyle(
                CellStyle(
                    fill: Self.inputFill, border: .thin, vertical: .center,
                    numberFormat: NumberFormat("#,##0.####"), locked: false))
            noteInput = workbook.addStyle(
                CellStyle(
                    fill: Self.inputFill, border: .thin, vertical: .center,
                    wrap: true, numberFormat: NumberFormat("@"), locked: false))
        }

        /// Pale yellow: the cells to fill.
        static let inputFill = Color(rgb: 0xFFF2CC)
    }

    private func writeForm(into workbook: WorkbookWriter, entries: [String: Entry]) throws {
        let styles = Styles(workbook)
        let sheet = try workbook.addSheet(Self.sheetName)
        let columns = layout.columns.compactMap { Column(rawValue: $0.name) }
        let blockWidths = [
            ColumnWidth.fitting("填报单位"), ColumnWidth.fitting(reportingUnit), ColumnWidth.fitting(region.name),
        ]
        for (offset, column) in columns.enumerated() {
            let content: Double =
                switch column {
                case .indicator: rows.map { ColumnWidth.fitting($0.code) }.max() ?? 0
                case .name: rows.map { ColumnWidth.fitting($0.name) }.max() ?? 0
                case .unit: max(rows.map { ColumnWidth.fitting($0.unit) }.max() ?? 0, 10)
                case .value: 14
                case .note: 30
                }
            let width = max(
                content, offset < blockWidths.count ? blockWidths[offset] : 0, ColumnWidth.fitting(title(of: column)))
            try sheet.setColumn(offset + 1, width: min(width, ColumnWidth.maximum))
        }
        try sheet.freezePanes(rows: headerRow)
        // A4 portrait, one page wide; a long table repeats its header.
        try sheet.setPageSetup(
            PageSetup(
                fit: .init(width: 1, height: 0), margins: .narrow, footer: PageSetup.pageNumberFooter,
                centeredHorizontally: true, titleRows: headerRow...headerRow))

        try sheet.beginRow(height: 24)
        try sheet.writeText(title, style: styles.title)
        try sheet.addRow([.text(instruction)], styles: [styles.instruction])
        for cell in layout.header {
            switch HeaderCell(rawValue: cell.name)! {
            case .department:
                try sheet.addRow([.text(cell.label), .text(reportingUnit)], styles: [styles.label, styles.text])
            case .region:
                try sheet.addRow(
                    [.text(cell.label), .text(region.code), .text(region.name)],
                    styles: [styles.label, styles.text, styles.text])
            case .period:
                try sheet.addRow([.text(cell.label), .text(period.description)], styles: [styles.label, styles.text])
            }
        }
        try sheet.beginRow(headerRow)
        for label in tableHeader { try sheet.writeText(label, style: styles.header) }

        for (offset, row) in rows.enumerated() {
            let entry = entries[row.code]
            try sheet.beginRow()
            for column in columns {
                switch column {
                case .indicator: try sheet.writeText(row.code, style: styles.cell)
                case .name: try sheet.writeText(row.name, style: styles.cell)
                case .unit:
                    try sheet.writeText(
                        entry?.unit ?? row.unit,
                        style: row.alternativeUnits.isEmpty ? styles.cell : styles.unitInput)
                case .value:
                    if let value = entry?.value {
                        try sheet.writeNumber(value, style: styles.valueInput)
                    } else if let instead = entry?.instead {
                        try sheet.writeText(instead, style: styles.valueInput)
                    } else {
                        try sheet.writeBlank(style: styles.valueInput)
                    }
                case .note:
                    if let note = entry?.note {
                        try sheet.writeText(note, style: styles.noteInput)
                    } else {
                        try sheet.writeBlank(style: styles.noteInput)
                    }
                }
            }
            if !row.alternativeUnits.isEmpty {
                let cell = CellReference(row: headerRow + 1 + offset, column: position(of: .unit))
                try sheet.addValidation(
                    DataValidation(
                        range: CellRange(first: cell, last: cell), rule: .list([row.unit] + row.alternativeUnits),
                        allowBlank: false, prompt: (title(of: .unit), "可选换算单位，默认 \(row.unit)"),
                        error: ("单位不可用", "请从下拉列表中选择单位。")))
            }
        }

        let last = CellReference(row: 1, column: columns.count).a1
        try sheet.mergeCells(CellRange("A1:\(last)")!)
        try sheet.mergeCells(CellRange("A2:\(CellReference(row: 2, column: columns.count).a1)")!)
        if !rows.isEmpty {
            let values = CellRange(
                first: CellReference(row: headerRow + 1, column: position(of: .value)),
                last: CellReference(row: lastRow, column: position(of: .value)))
            let unitColumn = CellReference.columnName(position(of: .unit))
            try sheet.addValidation(
                DataValidation(
                    range: values, rule: .decimal(minimum: 0),
                    prompt: (title(of: .value), "填写\(title(of: .value))（不小于 0），单位见 \(unitColumn) 列。"),
                    error: ("数值无效", "请填写不小于 0 的数字。")))
        }
        try sheet.protect()
    }

    private func writeIdentity(into workbook: WorkbookWriter) throws {
        let sheet = try workbook.addSheet(identitySheetName, visibility: .veryHidden)
        let values = [
            "layout": layout.id, "region": region.code, "department": department.code,
            "period": period.description, "catalog_version": catalogVersion,
            "indicators": indicatorCodes.joined(separator: ";"),
        ]
        for key in layout.identitySheet?.keys ?? [] { try sheet.addRow([.text(key), .text(values[key]!)]) }
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
