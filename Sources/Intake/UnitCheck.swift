import Catalog
import Vocabulary

/// Takes a value from the unit the department wrote to the indicator's
/// canonical unit (`3.5 万辆` → 35,000 辆). An empty unit means the canonical one.
struct UnitCheck {
    let catalog: Catalog

    /// The value in the canonical unit, or nil with the issue that stops it appended.
    func canonical(
        _ value: Double, unit: String?, indicator: Indicator, at location: IssueLocation,
        issues: inout RowIssues
    ) -> Double? {
        guard let unit, !unit.isEmpty, unit != indicator.unit else { return value }
        guard let conversion = catalog.conversion(from: unit) else {
            issues.append(IssueCatalog.unitUnknown, at: location) { ["value": unit, "expected": indicator.unit] }
            return nil
        }
        guard let converted = catalog.canonicalValue(value, unit: unit, indicator: indicator.code) else {
            issues.append(IssueCatalog.unitMismatch, at: location) {
                [
                    "value": conversion.from, "indicatorName": indicator.name, "indicator": indicator.code,
                    "expected": indicator.unit,
                ]
            }
            return nil
        }
        return converted
    }
}
