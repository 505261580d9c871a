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
    /// The catalog's own check of text against pattern, enum and maxLength.
    private let textCheck: LayoutFieldCheck

    init(layout: Layout) {
        self.layout = layout
        textCheck = LayoutFieldCheck(layout: layout)
    }

    /// The value of `field` in `row`, or nil when the cell is blank, says
    /// explicitly that there is nothing to report, or fails its field (the
    /// issue is appended). A required cell left empty is an error naming
    /// `context` (the row's indicator, say); a number field accepts the
    /// layout's written missing values (无, 不适用, -) as a department's
    /// "nothing to report". `percentUnit` lets `35%` read as 35 where the
    /// indicator's unit is %.
    func read(_ field: LayoutField, column: Int, in row: SheetRow, place: SheetPlace,
              percentUnit: Bool = false, context: String? = nil, issues: inout [Issue]) -> Value? {
        let location = place.location(row, column: column)
        let cell = row.cell(atColumn: column)
        let text = cell.flatMap { CellReading.text($0, in: row) }
        guard let cell, let written = text, !layout.missingValues.contains(written) else {
            let declaredNone = !(text ?? "").isEmpty && (field.type == .number || field.type == .integer)
            if field.required, !declaredNone {
                let endsEarly = (row.cells.last?.column ?? 0) < column
                issues.append(endsEarly && context == nil
                    ? IssueCatalog.missingCell.issue(at: location, ["row": String(location.row ?? 0), "label": field.title])
                    : IssueCatalog.blankRequired.issue(at: location, [
                        "label": field.title, "name": field.name,
                        "context": context.map { "（指标 \($0)）" } ?? "", "contextEn": context.map { " (indicator \($0))" } ?? ""]))
            }
            return nil
        }
        let value: Value
        switch field.type {
        case .number, .integer:
            guard case .number(let number) = CellReading.number(cell, in: row, percentUnit: percentUnit),
                  field.type == .number || number == number.rounded() else {
                let (zh, en, sample) = field.type == .integer ? ("整数", "an integer", "12") : ("数字", "a number", "1234.5")
                issues.append(IssueCatalog.typeError.issue(at: location, [
                    "label": field.title, "name": field.name, "value": written,
                    "expectedZh": zh, "expectedEn": en, "sample": sample]))
                return nil
            }
            if let minimum = field.minimum, number < minimum {
                issues.append(constraint(field, location, zh: "不能小于 \(CellReading.format(minimum))（实为 \(written)），请改正",
                                         en: "must be at least \(CellReading.format(minimum)) (found \(written))"))
                return nil
            }
            if let maximum = field.maximum, number > maximum {
                issues.append(constraint(field, location, zh: "不能大于 \(CellReading.format(maximum))（实为 \(written)），请改正",
                                         en: "must be at most \(CellReading.format(maximum)) (found \(written))"))
                return nil
            }
            value = .number(number, written: written)
        case .yearmonth, .date:
            guard let period = CellReading.period(cell, in: row) else {
                issues.append(IssueCatalog.periodInvalid.issue(at: location, ["value": written]))
                return nil
            }
            value = .period(period, written: written)
        case .string, .boolean:
            value = .text(written)
        }
        guard case .text = value else { return value }
        let problem = textCheck.issues(in: [field.name: written]).first { $0.field == field.name }?.problem
        switch problem {
        case .pattern?:
            issues.append(constraint(field, location, zh: "“\(written)”格式不对，应符合 \(field.pattern ?? "")",
                                     en: "“\(written)” does not match \(field.pattern ?? "")"))
        case .enumValue?:
            let allowed = field.enumValues ?? []
            issues.append(constraint(field, location, zh: "“\(written)”不在可选值中，应为 \(allowed.joined(separator: "、")) 之一",
                                     en: "“\(written)” is not one of \(allowed.joined(separator: ", "))"))
        case .maxLength?:
            issues.append(constraint(field, location, zh: "过长（\(written.count) 字），最多 \(field.maxLength ?? 0) 字，请精简",
                                     en: "is \(written.count) characters long, at most \(field.maxLength ?? 0) allowed"))
        default:
            return value
        }
        return nil
    }

    private func constraint(_ field: LayoutField, _ location: IssueLocation, zh: String, en: String) -> Issue {
        IssueCatalog.constraintError.issue(at: location, ["label": field.title, "name": field.name, "ruleZh": zh, "ruleEn": en])
    }
}
