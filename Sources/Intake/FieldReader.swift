import Catalog
import Sheets
import Vocabulary

/// Reads one cell for one layout field and checks the field's Frictionless
/// constraints: type, required, minimum, maximum here; pattern, enum and
/// maxLength through the catalog's `LayoutFieldCheck`.
struct FieldReader {
    /// A cell's value, once read for its field.
    enum Value {
        case text(String)
        /// The number and the text it was read from (`3.5`, `1,234`).
        case number(Double, written: String)
        case period(Period, written: String)
    }

    let layout: Layout
    /// For messages that name what was meant (a region's code for its name).
    let catalog: Catalog?
    /// The catalog's own check of text against pattern, enum and maxLength.
    private let textCheck: LayoutFieldCheck

    init(layout: Layout, catalog: Catalog? = nil) {
        self.layout = layout
        self.catalog = catalog
        textCheck = LayoutFieldCheck(layout: layout)
    }

    /// The value of `field` in `row`, or nil when the cell is blank, says
    /// explicitly that there is nothing to report, or fails its field (the
    /// issue is appended). A required cell left empty is an error naming
    /// `indicator`, the row's indicator code, by its name and code; a number
    /// field accepts the layout's written missing values (无, 不适用, -) as a
    /// department's "nothing to report". `percentUnit` lets `35%` read as 35
    /// where the indicator's unit is %.
    func read(
        _ field: LayoutField, column: Int, in row: SheetRow, place: SheetPlace,
        percentUnit: Bool = false, indicator: String? = nil, issues: inout RowIssues
    ) -> Value? {
        let location = place.location(row, column: column)
        let cell = row.cell(atColumn: column)
        let text = cell.flatMap { CellReading.text($0, in: row) }
        guard let cell, let written = text, !textCheck.isMissing(written) else {
            let declaredNone = !(text ?? "").isEmpty && (field.type == .number || field.type == .integer)
            if field.required, !declaredNone {
                let endsEarly = (row.cells.last?.column ?? 0) < column
                if endsEarly && indicator == nil {
                    issues.append(IssueCatalog.missingCell, at: location) {
                        ["row": String(location.row ?? 0), "label": field.title]
                    }
                } else {
                    issues.append(IssueCatalog.blankRequired, at: location) {
                        [
                            "label": field.title, "name": field.name,
                            "context": indicator.map { "（指标\(indicatorName($0))）" } ?? "",
                            "contextEn": indicator.map { " (indicator \($0))" } ?? "",
                        ]
                    }
                }
            }
            return nil
        }
        let value: Value
        switch field.type {
        case .number, .integer:
            guard case .number(let number) = CellReading.number(cell, in: row, percentUnit: percentUnit),
                field.type == .number || number == number.rounded()
            else {
                if let issue = numberWithUnit(field, location, written, indicator: indicator) {
                    issues.append(issue)
                    return nil
                }
                let (zh, en, sample) =
                    field.type == .integer ? ("整数", "an integer", "12") : ("数字", "a number", "1234.5")
                issues.append(IssueCatalog.typeError, at: location) {
                    [
                        "label": field.title, "name": field.name, "value": written,
                        "expectedZh": zh, "expectedEn": en, "sample": sample,
                    ]
                }
                return nil
            }
            // The digits are counted as typed; a number cell's shortest form
            // (0.30000000000000004 from a formula) says nothing of them.
            if let problem = NumberBounds.problem(number, written: cell.kind == .text ? written : "") {
                numberBounds(problem, field, location, written, into: &issues)
                return nil
            }
            if let minimum = field.minimum, number < minimum {
                constraint(field, location, into: &issues) {
                    (
                        "不能小于 \(CellReading.format(minimum))（实为 \(written)），请改正",
                        "must be at least \(CellReading.format(minimum)) (found \(written))"
                    )
                }
                return nil
            }
            if let maximum = field.maximum, number > maximum {
                constraint(field, location, into: &issues) {
                    (
                        "不能大于 \(CellReading.format(maximum))（实为 \(written)），请改正",
                        "must be at most \(CellReading.format(maximum)) (found \(written))"
                    )
                }
                return nil
            }
            value = .number(number, written: written)
        case .yearmonth, .date:
            guard let period = CellReading.period(cell, in: row) else {
                issues.append(IssueCatalog.periodInvalid, at: location) { ["value": written] }
                return nil
            }
            value = .period(period, written: written)
        case .string, .boolean:
            value = .text(written)
        }
        guard case .text = value else { return value }
        switch textCheck.problem(written, field) {
        case .pattern?:
            constraint(field, location, into: &issues) { patternRule(field, written) }
        case .enumValue?:
            constraint(field, location, into: &issues) {
                let allowed = field.enumValues ?? []
                return (
                    "“\(written)”不在可选值中，应为 \(allowed.joined(separator: "、")) 之一",
                    "“\(written)” is not one of \(allowed.joined(separator: ", "))"
                )
            }
        case .maxLength?:
            constraint(field, location, into: &issues) {
                (
                    "过长（\(written.count) 字），最多 \(field.maxLength ?? 0) 字，请精简",
                    "is \(written.count) characters long, at most \(field.maxLength ?? 0) allowed"
                )
            }
        default:
            return value
        }
        return nil
    }

    /// `3.67万` or `3.5万辆` in a number cell, answered with what to type
    /// for the row's indicator; nil for other text (a plain type error).
    private func numberWithUnit(
        _ field: LayoutField, _ location: IssueLocation, _ written: String, indicator code: String?
    ) -> Issue? {
        guard let catalog, let indicator = code.flatMap(catalog.indicator(code:)),
            let advice = NumberWithUnit(written)?.advice(for: indicator, catalog: catalog)
        else { return nil }
        return IssueCatalog.valueWithUnit.issue(
            at: location,
            ["label": field.title, "name": field.name, "value": written, "adviceZh": advice.zh, "adviceEn": advice.en])
    }

    /// An indicator as a person finds it in the catalog: “name” code, or the
    /// code alone when the catalog does not know it.
    private func indicatorName(_ code: String) -> String {
        guard let name = catalog?.indicator(code: code)?.name else { return " " + code }
        return "“\(name)” \(code)"
    }

    /// What a value of the wrong form should be, in words, not as the
    /// pattern: a region written as its name gets its code.
    private func patternRule(_ field: LayoutField, _ written: String) -> (zh: String, en: String) {
        switch field.catalogList {
        case "regions":
            if let regions = catalog?.regions(named: written), regions.count == 1, let region = regions.first {
                return (
                    "“\(written)”是地区名称，请改填其代码 \(region.code)",
                    "“\(written)” is a region's name: write its code \(region.code)"
                )
            }
            return (
                "“\(written)”不是地区代码：应填6位或9位行政区划代码，如 371502（本地单位如 371500-L01）",
                "“\(written)” is not a region code: 6 or 9 digits such as 371502 (local units: 371500-L01)"
            )
        case "indicators":
            return (
                "“\(written)”不是指标代码：应填小写英文字母、数字和下划线组成的代码，如 nev_stock（见 huanxin schemas indicators）",
                "“\(written)” is not an indicator code: lower-case letters, digits and _ such as nev_stock"
            )
        default:
            return ("“\(written)”格式不对，应符合 \(field.pattern ?? "")", "“\(written)” does not match \(field.pattern ?? "")")
        }
    }

    private func numberBounds(
        _ problem: NumberBounds.Problem, _ field: LayoutField, _ location: IssueLocation,
        _ written: String, into issues: inout RowIssues
    ) {
        issues.append(IssueCatalog.numberBounds, at: location) {
            let (zh, en) =
                switch problem {
                case .tooManyDigits(let digits):
                    ("有 \(digits) 位有效数字，超过 15 位", "has \(digits) significant digits, more than 15")
                case .tooLarge: ("绝对值大于 10^15", "is larger than 1e15 in magnitude")
                case .tooSmall: ("绝对值小于 10^-300，会被当作 0", "is smaller than 1e-300 in magnitude and would read as 0")
                }
            return ["label": field.title, "name": field.name, "value": written, "reasonZh": zh, "reasonEn": en]
        }
    }

    /// A `constraint-error` of `field`, the rule it breaks said by `rule` (Chinese, English) if the issue is kept.
    private func constraint(
        _ field: LayoutField, _ location: IssueLocation, into issues: inout RowIssues,
        _ rule: @escaping () -> (zh: String, en: String)
    ) {
        issues.append(IssueCatalog.constraintError, at: location) {
            let (zh, en) = rule()
            return ["label": field.title, "name": field.name, "ruleZh": zh, "ruleEn": en]
        }
    }
}
