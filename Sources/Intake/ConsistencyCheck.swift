import Catalog
import Foundation
import Vocabulary

/// The catalog's consistency rules (`rules.yaml`) and the outlier check,
/// run on a file's observations: `at-most` within the file's own figures;
/// `month-jump`, `stock-drop` and outliers against last month — in the file
/// or in the history of accepted figures. Each rule's severity decides
/// whether it rejects the file or only warns.
struct ConsistencyCheck {
    let catalog: Catalog

    /// An outlier lies more than this many standard deviations from the history's mean…
    static let outlierZ = 3.0
    /// …of at least this many earlier months…
    static let outlierMinimumHistory = 6
    /// …and at most this many.
    static let outlierHistoryMonths = 24

    private struct Key: Hashable { var region: String, indicator: String, period: Period }

    /// The issues of a file's `observations`; `history` gives a figure's
    /// accepted earlier months (at most `outlierHistoryMonths`, oldest
    /// first), and what it throws passes through.
    func issues(_ observations: [Observation], history: (Observation) throws -> [(period: Period, value: Double)])
        rethrows -> [Issue]
    {
        var byKey: [Key: Observation] = [:]
        for observation in observations {
            byKey[Key(region: observation.region, indicator: observation.indicator, period: observation.period)] =
                observation
        }
        var issues: [Issue] = []
        for observation in observations {
            // One question to the history per figure: its latest months serve
            // the outlier check and, the last of them, last month's figure.
            let past = try history(observation)
            for rule in catalog.rules where rule.indicator == observation.indicator {
                if let issue = check(rule, observation, byKey, past: past) { issues.append(issue) }
            }
            if let issue = outlier(observation, past: past) { issues.append(issue) }
        }
        return issues
    }

    private func check(
        _ rule: ConsistencyRule, _ observation: Observation, _ byKey: [Key: Observation],
        past: [(period: Period, value: Double)]
    ) -> Issue? {
        let severity = rule.severity
        let name = catalog.indicator(code: observation.indicator)?.name ?? observation.indicator
        switch rule.kind {
        case .atMost(let bound):
            guard let limit = byKey[Key(region: observation.region, indicator: bound, period: observation.period)],
                observation.value > limit.value
            else { return nil }
            return IssueCatalog.rule.issue(
                at: observation.source,
                [
                    "indicatorName": name, "value": CellReading.format(observation.value),
                    "boundName": catalog.indicator(code: bound)?.name ?? bound,
                    "bound": CellReading.format(limit.value),
                    "boundCell": limit.source.cell ?? "", "indicator": observation.indicator, "bound_indicator": bound,
                    "rule": rule.code,
                ], code: "rule-" + rule.code, severity: severity)
        case .monthJump(let threshold), .stockDrop(let threshold):
            guard let previous = lastMonth(of: observation, byKey, past: past), previous.value > 0 else { return nil }
            let change = observation.value / previous.value - 1
            let isDrop: Bool
            if case .stockDrop = rule.kind { isDrop = true } else { isDrop = false }
            guard isDrop ? -change > threshold : abs(change) > threshold else { return nil }
            let kind = isDrop ? IssueCatalog.stockDrop : IssueCatalog.monthJump
            return kind.issue(
                at: observation.source,
                [
                    "indicatorName": name, "indicator": observation.indicator,
                    "value": CellReading.format(observation.value),
                    "previous": CellReading.format(previous.value), "previousPeriod": previous.period.description,
                    "change": Self.percent(change, signed: true), "threshold": Self.percent(threshold, signed: false),
                    "rule": rule.code,
                ], severity: severity)
        }
    }

    /// The same region's figure for the month before: from the file, else from history.
    private func lastMonth(
        of observation: Observation, _ byKey: [Key: Observation],
        past: [(period: Period, value: Double)]
    ) -> (period: Period, value: Double)? {
        let period = observation.period.advanced(by: -1)
        if let inFile = byKey[Key(region: observation.region, indicator: observation.indicator, period: period)] {
            return (period, inFile.value)
        }
        guard let last = past.last, last.period == period else { return nil }
        return last
    }

    /// A flow far outside the region's own months (|z| > 3), said in words:
    /// the change from last month beside the largest of the past months,
    /// and the range the past months lay in. Stocks are left to the
    /// catalog's `month-jump` and `stock-drop` rules: a growing stock (NEV
    /// stock) always lies beyond its past mean.
    private func outlier(_ observation: Observation, past: [(period: Period, value: Double)]) -> Issue? {
        guard past.count >= Self.outlierMinimumHistory,
            catalog.indicator(code: observation.indicator)?.time != .stock
        else { return nil }
        let values = past.map(\.value)
        let mean = values.reduce(0, +) / Double(values.count)
        let deviation = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
        guard deviation > 0, abs((observation.value - mean) / deviation) > Self.outlierZ else { return nil }
        var comparison = ""
        if let last = past.last, last.period == observation.period.advanced(by: -1), last.value > 0 {
            let change = observation.value / last.value - 1
            var recent: [Double] = []
            for (before, after) in zip(past.dropLast(), past.dropFirst()).suffix(12)
            where after.period == before.period.advanced(by: 1) && before.value > 0 {
                recent.append(after.value / before.value - 1)
            }
            comparison = "，比上月（\(last.period)）\(change >= 0 ? "增长" : "下降") \(Self.percent(abs(change), signed: false))"
            let rising = change >= 0
            let largest: Double? = rising ? recent.max() : recent.min()
            if let largest, rising ? largest > 0 : largest < 0 {
                comparison +=
                    "，近\(recent.count)个月最大\(rising ? "增幅" : "降幅") \(Self.percent(abs(largest), signed: false))"
            }
        }
        comparison +=
            "；此前 \(values.count) 个月在 \(CellReading.format(values.min()!))–\(CellReading.format(values.max()!)) 之间"
        return IssueCatalog.outlier.issue(
            at: observation.source,
            [
                "indicatorName": catalog.indicator(code: observation.indicator)?.name ?? observation.indicator,
                "indicator": observation.indicator, "value": CellReading.format(observation.value),
                "comparison": comparison,
                "months": String(values.count), "low": CellReading.format(values.min()!),
                "high": CellReading.format(values.max()!),
            ])
    }

    /// `+58.3%`, `30%`.
    static func percent(_ share: Double, signed: Bool) -> String {
        var text = String(format: "%.1f", share * 100)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return (signed && share > 0 ? "+" : "") + text + "%"
    }
}
