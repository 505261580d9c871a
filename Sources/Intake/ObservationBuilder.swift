import Catalog
import Foundation
import Vocabulary

/// A value with the cell it was read from.
struct Located<Value> {
    var value: Value
    var location: IssueLocation
}

/// The domain checks of one row — indicator, region and period known to
/// the catalog, authority, unit, valid range — and the observation they allow.
struct ObservationBuilder {
    let catalog: Catalog
    /// nil when no folder names a submitter (`huanxin validate` without one).
    let authority: AuthorityCheck?
    let today: Period
    private let units: UnitCheck

    init(catalog: Catalog, submitter: Submitter?, reportable: AuthorityCheck.Reportable, today: Period) {
        self.catalog = catalog
        self.authority = submitter.map { AuthorityCheck(catalog: catalog, submitter: $0, reportable: reportable) }
        self.today = today
        units = UnitCheck(catalog: catalog)
    }

    /// The indicator a code names, if it is in the catalog, reported (not
    /// computed from others) and the submitter's to report.
    func indicator(_ code: Located<String>, issues: inout RowIssues) -> Indicator? {
        guard let indicator = catalog.indicator(code: code.value) else {
            issues.append(IssueCatalog.indicatorUnknown, at: code.location) {
                ["value": code.value, "reasonZh": "不在指标目录中", "reasonEn": "is not in the catalog"]
            }
            return nil
        }
        guard !indicator.method.isComputed else {
            issues.append(IssueCatalog.indicatorUnknown, at: code.location) {
                [
                    "value": code.value, "reasonZh": "是由其他指标计算得出的，不需报送",
                    "reasonEn": "is computed from other indicators, never reported",
                ]
            }
            return nil
        }
        if let issue = authority?.check(indicator: indicator, at: code.location) {
            issues.append(issue)
            return nil
        }
        return indicator
    }

    /// The region a code names, if it is in the catalog and within the submitter's.
    func region(_ code: Located<String>, issues: inout RowIssues) -> Region? {
        guard let region = catalog.region(code: code.value) else {
            let sample = authority?.submitter.region ?? "370829"
            issues.append(IssueCatalog.regionUnknown, at: code.location) { ["value": code.value, "sample": sample] }
            return nil
        }
        if let issue = authority?.check(region: region, at: code.location) {
            issues.append(issue)
            return nil
        }
        return region
    }

    /// The period, unless it is still to come.
    func period(_ period: Located<Period>, issues: inout RowIssues) -> Period? {
        guard period.value <= today else {
            issues.append(IssueCatalog.periodFuture, at: period.location) {
                ["value": period.value.description, "today": today.description]
            }
            return nil
        }
        return period.value
    }

    /// Whether `35%` may be read as 35 in this row: the indicator's unit, or the unit written, is per cent.
    func isPercent(indicator code: String?, unit: String?) -> Bool {
        let canonical = code.flatMap { catalog.indicator(code: $0) }?.unit
        return canonical == "%" || unit.flatMap { catalog.conversion(from: $0)?.to } == "%"
    }

    /// The observation of one row: the value converted to the canonical
    /// unit and checked against the indicator's range.
    func observation(
        indicator: Indicator, region: Region, period: Period,
        value: Located<(number: Double, written: String)>, unit: Located<String>?,
        note: String?, issues: inout RowIssues
    ) -> Observation? {
        guard
            let canonical = units.canonical(
                value.value.number, unit: unit?.value, indicator: indicator,
                at: unit?.location ?? value.location, issues: &issues)
        else { return nil }
        guard indicator.accepts(canonical) else {
            issues.append(IssueCatalog.valueRange, at: value.location) {
                let low = indicator.minimum.map(CellReading.format) ?? "−∞"
                let high = indicator.maximum.map(CellReading.format) ?? "+∞"
                return [
                    "value": FigureText.of(canonical) + indicator.unit, "indicatorName": indicator.name,
                    "indicator": indicator.code, "range": "[\(low), \(high)]",
                ]
            }
            return nil
        }
        return Observation(
            region: region.code, indicator: indicator.code, period: period, value: canonical,
            writtenValue: value.value.written, writtenUnit: unit?.value, source: value.location, note: note)
    }
}
