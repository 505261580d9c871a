import Sheets
import Vocabulary

/// One kind of issue: its stable code, default severity, what triggers it,
/// and its message templates in Chinese and English.
///
/// Templates name their blanks in braces (`{label}`); `{cell}` is filled
/// from the issue's location, the rest by the check that finds the issue.
public struct IssueKind: Sendable {
    public let code: String
    public let severity: Severity
    /// What triggers the issue, in English, for `docs/issues.md`.
    public let trigger: String
    public let zh: String
    public let en: String
    /// Values for the templates' blanks that make a realistic example.
    public let example: [String: String]
    /// `zh` and `en` cut at their blanks once: a file that breaks a rule on
    /// every row has its messages written for every row.
    private let zhTemplate: MessageTemplate
    private let enTemplate: MessageTemplate

    init(_ code: String, _ severity: Severity, trigger: String, zh: String, en: String, example: [String: String]) {
        self.code = code
        self.severity = severity
        self.trigger = trigger
        self.zh = zh
        self.en = en
        self.example = example
        zhTemplate = MessageTemplate(zh)
        enTemplate = MessageTemplate(en)
    }

    /// The issue at `location` with the templates' blanks filled from `values`.
    /// `code` and `severity` override the kind's own (catalog rules carry theirs).
    public func issue(
        at location: IssueLocation, _ values: [String: String] = [:],
        code: String? = nil, severity: Severity? = nil
    ) -> Issue {
        func value(_ name: String) -> String? {
            guard name == "cell", values["cell"] == nil else { return values[name] }
            return location.cell ?? location.row.map { "第\($0)行" } ?? ""
        }
        return Issue(
            code: code ?? self.code, severity: severity ?? self.severity, location: location,
            zh: zhTemplate.filled(value), en: enTemplate.filled(value))
    }

    /// The example message pair, as `docs/issues.md` shows it.
    public var exampleIssue: Issue {
        issue(at: IssueLocation(sheet: nil, cell: example["cell"].flatMap { CellReference($0) }), example)
    }
}

/// A message template cut at its blanks (`{name}`) once, when its kind is
/// made, so that filling it is joining pieces.
struct MessageTemplate: Sendable {
    /// The text before each blank, then the text after the last.
    private var pieces: [String] = []
    /// The blanks' names, in order: one fewer than `pieces`.
    private var names: [String] = []

    init(_ template: String) {
        let utf8 = template.utf8
        var rest = utf8.startIndex
        // `{` and `}` are ASCII: UTF-8 positions of them are character boundaries.
        while let open = utf8[rest...].firstIndex(of: UInt8(ascii: "{")),
            let close = utf8[open...].firstIndex(of: UInt8(ascii: "}"))
        {
            pieces.append(String(template[rest..<open]))
            names.append(String(template[utf8.index(after: open)..<close]))
            rest = utf8.index(after: close)
        }
        pieces.append(String(template[rest...]))
    }

    /// The template with every `{name}` replaced by `value(name)` (left as is when nil).
    func filled(_ value: (String) -> String?) -> String {
        var result = pieces[0]
        for (name, piece) in zip(names, pieces.dropFirst()) {
            result += value(name) ?? "{\(name)}"
            result += piece
        }
        return result
    }
}

/// Every issue intake reports, in one place: Frictionless names where
/// Frictionless makes the same check, ours for the rest. `docs/issues.md`
/// is generated from this list (see `IssueDocsTests`).
public enum IssueCatalog {
    // MARK: File

    public static let fileUnreadable = IssueKind(
        "file-unreadable", .error, trigger: "The file cannot be opened or read.",
        zh: "无法读取文件（{sheetCode}：{detail}）。请确认文件完整、未被占用后重新报送。",
        en: "The file cannot be read [{sheetCode}]: {detail}.",
        example: ["sheetCode": "file-unreadable", "detail": "cannot open: Permission denied"])
    public static let fileCorrupt = IssueKind(
        "file-corrupt", .error,
        trigger: "The file is damaged: a broken ZIP package, malformed XML, a cell the reader cannot make sense of.",
        zh: "文件已损坏，无法打开（{sheetCode}：{detail}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再报送。",
        en: "The file is corrupt [{sheetCode}]: {detail}.",
        example: ["sheetCode": "zip-truncated", "detail": "the central directory is cut short"])
    public static let fileUnsafe = IssueKind(
        "file-unsafe", .error,
        trigger:
            "The file breaks a safety limit: too large, a zip bomb, an entry escaping the archive, a DTD, too many cells, more than 1,048,576 data rows (`too-many-rows`).",
        zh: "文件超出安全限制，已拒收（{sheetCode}：{detail}）。请只保留本月报表，另存为普通 .xlsx 后再报送。",
        en: "The file breaks a safety limit [{sheetCode}]: {detail}.",
        example: ["sheetCode": "zip-bomb", "detail": "xl/worksheets/sheet1.xml inflates 4000 times"])
    public static let fileEmpty = IssueKind(
        "file-empty", .error, trigger: "The file (or its data sheet) holds no data rows.",
        zh: "文件中没有数据{detailZh}。请填写本月数值后再报送。",
        en: "The file holds no data{detailEn}.",
        example: ["detailZh": "（只有表头）", "detailEn": " (only a header row)"])
    public static let encodingError = IssueKind(
        "encoding-error", .error,
        trigger: "A CSV or XML file whose bytes are not valid text in its (detected) encoding.",
        zh: "文件的文字编码有误（{sheetCode}：{detail}）。请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx 后再报送。",
        en: "The file's text encoding is broken [{sheetCode}]: {detail}.",
        example: ["sheetCode": "encoding-error", "detail": "invalid GB18030 byte at line 3"])
    public static let formatUnsupported = IssueKind(
        "format-unsupported", .error,
        trigger:
            "A format huanxin does not read: Excel 2.x–4.0, a file named .xlsx/.xls/.ods that is none, a password-protected workbook.",
        zh: "不支持此文件格式（{sheetCode}：{detail}）。请另存为 .xlsx、.xls、.ods 或 .csv 后再报送；如有密码请先去除。",
        en: "Unsupported file format [{sheetCode}]: {detail}.",
        example: [
            "sheetCode": "file-encrypted",
            "detail": "the workbook is password-protected: remove the password and submit again",
        ])
    public static let fileNameNotUTF8 = IssueKind(
        "file-name-encoding", .warning,
        trigger:
            "The file's name is not UTF-8 (GBK from a Windows copy): it is read, and keyed and answered under its escaped name (each such byte as %XX).",
        zh:
            "文件名不是 UTF-8 编码{readingZh}，已按转义后的名称“{name}”读取，回执也用此名称。今后请用 UTF-8 文件名报送（通过报送门户上传，或在 Windows 上用 7-Zip 等工具压缩和解压）。",
        en:
            "The file name is not UTF-8{readingEn}: it was read under its escaped name {name}, which its receipts bear.",
        example: ["name": "%B1%A8%B1%ED.csv", "readingZh": "（按 GBK 编码读作“报表.csv”）", "readingEn": " (as GBK: 报表.csv)"])

    // MARK: Structure

    public static let missingLabel = IssueKind(
        "missing-label", .error,
        trigger: "A required column's header is not in the header row (or a form's header block lacks a label).",
        zh: "缺少表头“{label}”。请在{where}加上“{label}”（也可写作：{aliases}）。",
        en: "Missing header “{label}” ({name}); accepted spellings: {aliases}.",
        example: ["label": "期间", "name": "period", "aliases": "期间、月份、报告期、period、month", "where": "第1行表头"])
    public static let duplicateLabel = IssueKind(
        "duplicate-label", .error, trigger: "Two header cells name the same column.",
        zh: "{cell} 的表头“{label}”与 {other} 重复。请删除其中一列。",
        en: "{cell}: header “{label}” repeats the one in {other}.",
        example: ["cell": "E1", "label": "数值", "other": "D1"])
    public static let extraLabel = IssueKind(
        "extra-label", .warning, trigger: "A header the layout does not know; its column is ignored.",
        zh: "{cell} 的表头“{label}”不是本表格式中的列，该列已忽略。",
        en: "{cell}: header “{label}” is not a column of the layout; the column is ignored.",
        example: ["cell": "G1", "label": "联系人"])
    public static let blankLabel = IssueKind(
        "blank-label", .warning, trigger: "An empty header cell between named columns; its column is ignored.",
        zh: "{cell} 的表头为空，该列已忽略。如该列有数据，请填写表头。",
        en: "{cell}: the header cell is blank; the column is ignored.",
        example: ["cell": "C1"])
    public static let extraCell = IssueKind(
        "extra-cell", .error, trigger: "A value in a column right of the header row's last column.",
        zh: "{cell} 有数据“{value}”，但该列没有表头。请删除该单元格，或把数据移到正确的列。",
        en: "{cell}: value “{value}” lies beyond the header's columns.",
        example: ["cell": "H5", "value": "123"])
    public static let blankLabels = IssueKind(
        "blank-labels", .warning,
        trigger:
            "Two or more empty header cells side by side between named columns (a header reaching far right); their columns are ignored.",
        zh: "{first} 至 {last} 的表头都为空（共 {count} 列），这些列已忽略。如其中有数据，请填写表头；否则请删除这些列。",
        en: "{first}:{last}: {count} header cells are blank; their columns are ignored.",
        example: ["cell": "C1", "first": "C1", "last": "XFC1", "count": "16382"])
    public static let missingCell = IssueKind(
        "missing-cell", .error, trigger: "A row that ends before a required column.",
        zh: "第{row}行在“{label}”列（{cell}）之前就结束了。请补全该行。",
        en: "Row {row} ends before column “{label}” ({cell}).",
        example: ["cell": "D6", "row": "6", "label": "数值"])
    public static let blankRow = IssueKind(
        "blank-row", .warning,
        trigger: "An empty row (or one holding only missing-value markers) inside the table; it is skipped.",
        zh: "第{row}行是空行，已跳过。",
        en: "Row {row} is blank and was skipped.",
        example: ["row": "9"])

    public static let blankRows = IssueKind(
        "blank-rows", .warning,
        trigger: "Two or more empty rows in a row inside the table (a sheet reaching far down); they are skipped.",
        zh: "第{first}至{last}行（共 {count} 行）是空行，已跳过。如表格下方还有零散内容，请删除。",
        en: "Rows {first} to {last} ({count} rows) are blank and were skipped.",
        example: ["row": "3", "first": "3", "last": "1048575", "count": "1048573"])

    // MARK: Cells

    public static let typeError = IssueKind(
        "type-error", .error, trigger: "A cell that cannot be read as its field's type (a number, a month).",
        zh: "{cell} 的“{label}”应为{expectedZh}，实为“{value}”。请改为{expectedZh}，例如 {sample}。",
        en: "{cell}: {name} must be {expectedEn}; found “{value}” (e.g. {sample}).",
        example: [
            "cell": "D7", "label": "数值", "name": "value", "value": "约100", "expectedZh": "数字",
            "expectedEn": "a number", "sample": "1234.5",
        ])
    public static let valueWithUnit = IssueKind(
        "value-with-unit", .error,
        trigger:
            "A number typed with 万/亿 or a unit in its cell (`3.67万`, `3.5万辆`): not read, answered with the figure to type in the indicator's unit, or the unit to pick.",
        zh: "{cell} 的“{label}”写成了“{value}”，数值格只能填数字。{adviceZh}",
        en: "{cell}: {name} holds “{value}”, a number with a unit or 万 in it; {adviceEn}",
        example: [
            "cell": "D7", "label": "数值", "name": "value", "value": "3.67万",
            "adviceZh": "本指标“新能源汽车保有量”的单位是辆，请填 36700；或填 3.67 并在“单位”列填“万辆”。",
            "adviceEn": "the unit of nev_stock is 辆: write 36700, or 3.67 with unit 万辆.",
        ])
    public static let numberBounds = IssueKind(
        "number-bounds", .error,
        trigger:
            "A number that cannot be kept as written: more than 15 significant digits, or a magnitude above 1e15 or below 1e-300 (not zero).",
        zh: "{cell} 的“{label}”为“{value}”，{reasonZh}，无法按原样记录。请核对数值和单位。",
        en: "{cell}: {name} “{value}” {reasonEn}; it cannot be recorded as written.",
        example: [
            "cell": "D7", "label": "数值", "name": "value", "value": "12345678901234567890123456789012",
            "reasonZh": "有 32 位有效数字，超过 15 位", "reasonEn": "has 32 significant digits, more than 15",
        ])
    public static let constraintError = IssueKind(
        "constraint-error", .error,
        trigger: "A cell breaks its field's constraint: required, minimum, maximum, pattern, enum or maxLength.",
        zh: "{cell} 的“{label}”{ruleZh}。",
        en: "{cell}: {name} {ruleEn}.",
        example: [
            "cell": "D7", "label": "数值", "name": "value", "ruleZh": "不能小于 0（实为 -5），请填写非负数",
            "ruleEn": "must be at least 0 (found -5)",
        ])
    public static let blankRequired = IssueKind(
        "blank-required", .error,
        trigger:
            "A required cell left empty. A number field accepts an explicit 无, 不适用, - or — (nothing to report) or 0 instead.",
        zh: "{cell} 的“{label}”为空{context}。请填写；没有发生请填 0，不适用请填“无”或“不适用”。",
        en: "{cell}: {name} is empty{contextEn}; fill it in, or write 0, or 无 / 不适用 when nothing applies.",
        example: [
            "cell": "D11", "label": "本月数值", "name": "value", "context": "（指标“新能源汽车保有量” nev_stock）",
            "contextEn": " (indicator nev_stock)",
        ])
    public static let primaryKey = IssueKind(
        "primary-key", .error, trigger: "Two rows for the same region, indicator and period.",
        zh: "第{row}行与第{other}行重复：地区 {region}、指标 {indicator}、期间 {period} 出现了两次。请删除或合并其中一行。",
        en: "Row {row} repeats row {other}: region {region}, indicator {indicator}, period {period}.",
        example: ["row": "9", "other": "4", "region": "370829", "indicator": "nev_stock", "period": "2025-03"])

    // MARK: Domain

    public static let indicatorUnknown = IssueKind(
        "indicator-unknown", .error,
        trigger: "An indicator code not in the catalog (or a computed one, which is never reported).",
        zh: "{cell} 的指标代码“{value}”{reasonZh}。请使用模板中的指标代码。",
        en: "{cell}: indicator “{value}” {reasonEn}.",
        example: ["cell": "B5", "value": "nev_stok", "reasonZh": "不在指标目录中", "reasonEn": "is not in the catalog"])
    public static let regionUnknown = IssueKind(
        "region-unknown", .error, trigger: "A region code not in the catalog.",
        zh: "{cell} 的地区代码“{value}”不在区划目录中。请填写统计用区划代码，例如 {sample}。",
        en: "{cell}: region “{value}” is not in the catalog (e.g. {sample}).",
        example: ["cell": "A5", "value": "370899", "sample": "370829"])
    public static let periodInvalid = IssueKind(
        "period-invalid", .error, trigger: "A period that is not a month (`2025-03`, `2025年3月`, a date cell).",
        zh: "{cell} 的期间“{value}”无法识别。请写成“年-月”，例如 2025-03。",
        en: "{cell}: period “{value}” is not a month such as 2025-03.",
        example: ["cell": "C5", "value": "三月"])
    public static let periodNameMismatch = IssueKind(
        "period-name-mismatch", .warning,
        trigger:
            "The file name gives months (`2026-11(1).xlsx`, `2026-Q4.csv`) other than the ones its content reports.",
        zh: "文件名“{fileName}”写的是 {named}，表内数据是 {content} 的。已按表内期间 {content} 计入；如果本应报 {named}，请改正表中的期间后重新报送，并让文件名与期间一致。",
        en:
            "The file name “{fileName}” says {named}, its content is for {content}: counted as {content}; if {named} was meant, correct the period in the sheet and send it again.",
        example: ["fileName": "2026-11(1).xlsx", "named": "2026-11", "content": "2026-10"])
    public static let periodTemplateMismatch = IssueKind(
        "period-template-mismatch", .warning,
        trigger:
            "A form whose 期间 cell names another month than the one its template was made for (an earlier month's template reused): counted for the month it shows.",
        zh:
            "{cell} 的“期间”是 {content}，而这份模板是为 {template} 生成的（沿用了旧模板）。已按 {content} 计入；如果本应报 {template}，请把 {cell} 改回 {template} 后重新报送。以后请使用当月的模板。",
        en:
            "{cell}: the period reads {content}, the template was made for {template}: counted as {content}; if {template} was meant, set {cell} back and send the file again.",
        example: ["cell": "B5", "content": "2026-11", "template": "2026-10"])
    public static let periodFuture = IssueKind(
        "period-future", .error, trigger: "A period after the current month.",
        zh: "{cell} 的期间 {value} 尚未到来（本月为 {today}）。请检查期间是否填错。",
        en: "{cell}: period {value} is after the current month {today}.",
        example: ["cell": "C5", "value": "2027-01", "today": "2025-04"])
    public static let unitUnknown = IssueKind(
        "unit-unknown", .error, trigger: "A unit not in the catalog's units.",
        zh: "{cell} 的单位“{value}”无法识别。请填写“{expected}”，或留空表示“{expected}”。",
        en: "{cell}: unit “{value}” is unknown; write “{expected}” or leave it blank.",
        example: ["cell": "E5", "value": "部车", "expected": "辆"])
    public static let unitMismatch = IssueKind(
        "unit-mismatch", .error, trigger: "A known unit that does not convert to the indicator's unit.",
        zh: "{cell} 的单位“{value}”不能换算为“{indicatorName}”的单位“{expected}”。请改用“{expected}”。",
        en: "{cell}: unit “{value}” does not convert to {indicator}'s unit “{expected}”.",
        example: ["cell": "E5", "value": "万元", "indicatorName": "新能源汽车保有量", "indicator": "nev_stock", "expected": "辆"])
    public static let valueRange = IssueKind(
        "value-range", .error, trigger: "A value outside the indicator's valid range in the catalog.",
        zh: "{cell} 的数值 {value} 超出“{indicatorName}”的有效范围 {range}。请核对数值和单位。",
        en: "{cell}: {value} is outside {indicator}'s valid range {range}.",
        example: [
            "cell": "D5", "value": "135", "indicatorName": "农作物耕种收综合机械化率", "indicator": "mechanisation_rate",
            "range": "[0, 100]",
        ])

    // MARK: Authority

    public static let authorityIndicator = IssueKind(
        "authority-indicator", .error, trigger: "The folder's department may not report this indicator.",
        zh: "{cell}：{department}不报送“{indicatorName}”（{indicator}），该指标由{lead}报送。请删除该行。",
        en: "{cell}: department {departmentCode} may not report {indicator} (reported by {leadCode}).",
        example: [
            "cell": "B6", "department": "商务局", "departmentCode": "commerce", "indicatorName": "规模以上工业总产值",
            "indicator": "industrial_output", "lead": "工业和信息化局", "leadCode": "industry",
        ])
    public static let authorityFolder = IssueKind(
        "authority-folder", .error,
        trigger:
            "No indicator of the file may be reported by the folder's department: one issue for the file (probably in the wrong folder), not one per row.",
        zh: "这份文件的 {count} 行指标（{examples}）都不由{department}报送，文件可能放错了文件夹。{advice}",
        en:
            "None of the file's {count} rows ({examples}) may be reported by {departmentCode}: the file is probably in the wrong folder. {adviceEn}",
        example: [
            "count": "12", "examples": "new_buses、buses、electric_buses…", "department": "商务局",
            "departmentCode": "commerce", "advice": "请放到 Inbox/370829/transport/（交通运输局）中重新报送。",
            "adviceEn": "Move it to Inbox/370829/transport/.",
        ])
    public static let authorityRegion = IssueKind(
        "authority-region", .error,
        trigger:
            "A region outside the folder region's subtree (or a template made for another region); one issue for the file, at its first row, when every row is of such regions (probably another region's file).",
        zh: "{cell}：{rows}地区 {regions}不在本单位辖区 {submitterRegion}（{submitterRegionName}）内。{advice}",
        en: "{cell}: {rowsEn}region {regionCodes} is outside the submitter's region {submitterRegion}. {adviceEn}",
        example: [
            "cell": "A5", "rows": "", "rowsEn": "", "regions": "370811（任城区）", "regionCodes": "370811",
            "submitterRegion": "370829", "submitterRegionName": "嘉祥县", "advice": "只能报送本辖区的数据。",
            "adviceEn": "Only the region's own figures may be reported.",
        ])
    public static let authorityDepartment = IssueKind(
        "authority-department", .error, trigger: "A template made for another department than the folder's.",
        zh: "{cell}：此模板是为“{templateDepartment}”生成的，却放在了“{department}”的文件夹中。请使用本单位的模板。",
        en: "{cell}: the template was made for department {templateCode}, the folder is {departmentCode}'s.",
        example: [
            "cell": "B3", "templateDepartment": "工业和信息化局", "templateCode": "industry",
            "department": "商务局", "departmentCode": "commerce",
        ])

    // MARK: Template

    public static let templateIdentityMissing = IssueKind(
        "template-identity-missing", .error,
        trigger: "A form workbook without its hidden `_template` sheet, or with keys missing from it.",
        zh: "模板的隐藏标识页“_template”{what}。请用 huanxin 生成的模板重新填报，不要把数据复制到新文件中。",
        en: "The template's hidden `_template` sheet {whatEn}.",
        example: ["what": "缺失", "whatEn": "is missing"])
    public static let templateAltered = IssueKind(
        "template-altered", .error,
        trigger:
            "A filled form whose structure differs from its identity: rows moved, added, removed or renamed, header block changed.",
        zh: "模板被改动：{what}。请用原模板重新填报，不要移动、增删或修改指标行和表头。",
        en: "The template was altered: {whatEn}.",
        example: [
            "cell": "A9", "what": "A9 应为指标“scrapped_vehicles”，实为“used_car_trades”",
            "whatEn": "A9 should hold indicator scrapped_vehicles, found used_car_trades",
        ])

    // MARK: Consistency

    public static let rule = IssueKind(
        "rule-<code>", .error,
        trigger:
            "An `at-most` rule of `rules.yaml` broken within the file's own figures (code `rule-` + the rule's code; severity from the rule).",
        zh: "{cell}：“{indicatorName}”{value} 大于“{boundName}”{bound}（{boundCell}）。前者不应超过后者，请核对（规则 {rule}）。",
        en: "{cell}: {indicator} {value} exceeds {bound_indicator} {bound} ({boundCell}); rule {rule}.",
        example: [
            "cell": "D9", "indicatorName": "新增新能源公交车数", "value": "12", "boundName": "新增公交车数", "bound": "10",
            "boundCell": "D8", "indicator": "new_nev_buses", "bound_indicator": "new_buses",
            "rule": "nev-buses-within-buses",
        ])
    public static let monthJump = IssueKind(
        "month-jump", .warning,
        trigger:
            "A `month-jump` rule: the figure changed from last month by more than the rule's share (severity from the rule).",
        zh:
            "{cell}：“{indicatorName}”本月 {value}，上月（{previousPeriod}）{previous}，变动 {change}，超过 {threshold}。请核对；如属实请在备注中说明。",
        en:
            "{cell}: {indicator} moved from {previous} ({previousPeriod}) to {value}, {change}, past {threshold} (rule {rule}).",
        example: [
            "cell": "D8", "indicatorName": "新能源汽车保有量", "indicator": "nev_stock", "value": "19000", "previous": "12000",
            "previousPeriod": "2025-02", "change": "+58.3%", "threshold": "30%", "rule": "nev-stock-jump",
        ])
    public static let stockDrop = IssueKind(
        "stock-drop", .warning,
        trigger:
            "A `stock-drop` rule: a stock or cumulative count fell by more than the rule's share (severity from the rule).",
        zh:
            "{cell}：“{indicatorName}”由上月（{previousPeriod}）的 {previous} 降至 {value}，降幅 {change}，超过 {threshold}。存量一般不会下降，请核对。",
        en:
            "{cell}: {indicator} fell from {previous} ({previousPeriod}) to {value}, {change}, past {threshold} (rule {rule}).",
        example: [
            "cell": "D8", "indicatorName": "新能源汽车保有量", "indicator": "nev_stock", "value": "10000", "previous": "12000",
            "previousPeriod": "2025-02", "change": "-16.7%", "threshold": "10%", "rule": "nev-stock-drop",
        ])
    public static let outlier = IssueKind(
        "outlier", .warning,
        trigger:
            "A flow far off its series: more than 4 robust spreads and 25% from what both its trend and (a year ago known) its season expect, judged on at least 6 earlier months, the file's own included; at most 10 per file, the most unusual. Stocks are left to the month-jump and stock-drop rules.",
        zh: "{cell}：“{indicatorName}”本月 {value}{comparison}。请核对数值和单位；如属实，请在备注中写明原因（数据属实说明）。",
        en:
            "{cell}: {indicator} {value} lies far off its {months} earlier months ({low}–{high}), whose course expects about {expected}; check the figure and its unit, or explain it in the note.",
        example: [
            "cell": "D8", "indicatorName": "报废机动车回收拆解量", "indicator": "scrapped_vehicles", "value": "5200",
            "comparison": "，比上月（2025-02）增长 1160%，近12个月最大增幅 18%；此前 14 个月在 350–480 之间，按其走势本月约为 470",
            "months": "14", "low": "350", "high": "480", "expected": "470",
        ])

    // MARK: Bounds

    public static let moreIssues = IssueKind(
        "more-issues", .warning,
        trigger:
            "More than 100 issues of one code (or 1,000 in all) in a file: the rest are counted, not listed (severity of the code counted).",
        zh: "另有 {count} 处同类问题（{code}）未逐一列出（已列出前 {kept} 处）。请按已列出的问题检查并改正全表。",
        en: "{count} more issues of code {code} are not listed (the first {kept} are).",
        example: ["count": "1048474", "code": "blank-row", "kept": "100"])

    /// Every kind, in the order `docs/issues.md` lists them.
    public static let all: [IssueKind] = [
        fileUnreadable, fileCorrupt, fileUnsafe, fileEmpty, encodingError, formatUnsupported, fileNameNotUTF8,
        missingLabel, duplicateLabel, extraLabel, blankLabel, blankLabels, extraCell, missingCell, blankRow, blankRows,
        typeError, valueWithUnit, numberBounds, constraintError, blankRequired, primaryKey,
        indicatorUnknown, regionUnknown, periodInvalid, periodNameMismatch, periodTemplateMismatch, periodFuture,
        unitUnknown, unitMismatch,
        valueRange,
        authorityIndicator, authorityFolder, authorityRegion, authorityDepartment,
        templateIdentityMissing, templateAltered,
        rule, monthJump, stockDrop, outlier,
        moreIssues,
    ]
}
