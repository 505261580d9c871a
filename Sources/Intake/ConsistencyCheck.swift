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

    /// The months of history a figure is judged against.
    static let outlierHistoryMonths = OutlierCheck.historyMonths

    /// What an indicator of the file is checked by: its rules, each with the
    /// number the file's table gives its bound's indicator (nil: no figure
    /// of it, nothing to compare), and whether it is a stock (no outliers).
    private struct IndicatorChecks {
        var rules: [(rule: ConsistencyRule, bound: Int32?)]
        var isStock: Bool
    }

    /// The issues of a file's `observations`, bounded as a file's are;
    /// `history` gives the accepted months of a region's indicator before a
    /// month (at most `outlierHistoryMonths`, oldest first), and what it
    /// throws passes through. A figure is made from the table only for an
    /// issue kept.
    func issues(
        _ observations: ObservationTable,
        history: (_ region: String, _ indicator: String, _ before: Period) throws -> [(period: Period, value: Double)]
    ) rethrows -> [Issue] {
        let figures = SeriesIndex(observations)
        // Per indicator of the file, by its number in the table (a few, numbered among a file's few texts).
        var checksOf: [IndicatorChecks?] = []
        var issues = IssueList()
        var outliers = MostUnusual()
        // The file's own earlier months of a figure's series, and those with
        // its history: made again for every figure, in the same two arrays.
        var inFile: [(period: Period, value: Double)] = []
        var merged: [(period: Period, value: Double)] = []
        for index in observations.indices {
            let indicator = Int(observations.key(at: index).indicator)
            if indicator >= checksOf.count { checksOf += repeatElement(nil, count: indicator + 1 - checksOf.count) }
            if checksOf[indicator] == nil {
                let code = observations.indicator(at: index)
                checksOf[indicator] = IndicatorChecks(
                    rules: catalog.rules.filter { $0.indicator == code }.map { rule in
                        guard case .atMost(let bound) = rule.kind else { return (rule, nil) }
                        return (rule, observations.number(of: bound))
                    }, isStock: catalog.indicator(code: code)?.time == .stock)
            }
            let checks = checksOf[indicator]!
            let period = observations.period(at: index)
            let value = observations.value(at: index)
            // One question to the history per figure: its latest months serve
            // the outlier check and, the last of them, last month's figure.
            let past = try history(observations.region(at: index), observations.indicator(at: index), period)
            // A stock needs only last month's (for its rules).
            figures.earlier(than: index, months: checks.isStock ? 1 : Self.outlierHistoryMonths, into: &inFile)
            for (rule, bound) in checks.rules {
                check(
                    rule, boundNumber: bound, index, value, figures, lastMonth: lastMonth(period, inFile, past),
                    into: &issues)
            }
            guard !checks.isStock else { continue }
            let series = withFileMonths(past, inFile, merging: &merged)
            if let finding = OutlierCheck.finding(value, period: period, past: series) {
                outliers.offer(
                    MostUnusual.Outlier(
                        observation: observations[index], past: series, finding: finding,
                        position: issues.kept.count, index: index))
            }
        }
        return withOutliers(issues, outliers)
    }

    /// A warning on a figure whose row explains it (数据属实说明: the row's
    /// 说明 or 备注, not a written "nothing" such as 无) is confirmed with
    /// that text: it stays on the receipt, answered. Errors are not
    /// confirmed: a hard rule is corrected, not explained.
    private func confirmed(_ issue: Issue, by observation: Observation) -> Issue {
        guard issue.severity == .warning,
            let note = observation.note?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty,
            !(catalog.layout(id: "records")?.missingValues.contains(note) ?? false)
        else { return issue }
        var confirmed = issue
        confirmed.confirmation = note
        return confirmed
    }

    /// The history with the file's own earlier months of the same series
    /// (a backfill file's January for its February), the file's figure
    /// where both have a month, the latest `outlierHistoryMonths`; all are
    /// oldest first. When both have months they are merged in `merged` (its
    /// old contents replaced).
    private func withFileMonths(
        _ past: [(period: Period, value: Double)], _ inFile: [(period: Period, value: Double)],
        merging merged: inout [(period: Period, value: Double)]
    ) -> [(period: Period, value: Double)] {
        guard !inFile.isEmpty else { return past }
        // `inFile` holds `outlierHistoryMonths` at most, one a month.
        guard !past.isEmpty else { return inFile }
        merged.removeAll(keepingCapacity: true)
        var (p, f) = (0, 0)
        while p < past.count || f < inFile.count {
            if f == inFile.count || (p < past.count && past[p].period < inFile[f].period) {
                merged.append(past[p])
                p += 1
            } else {
                if p < past.count, past[p].period == inFile[f].period { p += 1 }
                merged.append(inFile[f])
                f += 1
            }
        }
        if merged.count > Self.outlierHistoryMonths { merged.removeFirst(merged.count - Self.outlierHistoryMonths) }
        return merged
    }

    /// The file's `OutlierCheck.perFile` most unusual outliers, kept while
    /// the file is read (the others only counted): a file of a million odd
    /// figures writes ten warnings, not a million.
    private struct MostUnusual {
        struct Outlier {
            var observation: Observation
            var past: [(period: Period, value: Double)]
            var finding: OutlierCheck.Finding
            /// The rule issues kept before it: where it stands among them.
            var position: Int
            /// Its figure's place in the file.
            var index: Int
        }
        /// Most unusual first; of two as unusual, the earlier in the file.
        private(set) var kept: [Outlier] = []
        private(set) var found = 0

        mutating func offer(_ outlier: Outlier) {
            found += 1
            guard kept.count == OutlierCheck.perFile else { return insert(outlier) }
            guard outlier.finding.score > kept[kept.count - 1].finding.score else { return }
            kept.removeLast()
            insert(outlier)
        }

        private mutating func insert(_ outlier: Outlier) {
            let at = kept.firstIndex { $0.finding.score < outlier.finding.score } ?? kept.count
            kept.insert(outlier, at: at)
        }
    }

    /// The rule issues with the kept outliers among them in file order, then
    /// one `more-issues` for the outliers only counted (so that a file of a
    /// thousand odd figures is a warning a person reads, not a list), then
    /// the rule codes' own.
    private func withOutliers(_ rules: IssueList, _ outliers: MostUnusual) -> [Issue] {
        var issues: [Issue] = []
        var next = 0
        for outlier in outliers.kept.sorted(by: { ($0.position, $0.index) < ($1.position, $1.index) }) {
            issues += rules.kept[next..<outlier.position]
            next = outlier.position
            issues.append(
                confirmed(
                    outlierIssue(outlier.observation, past: outlier.past, outlier.finding), by: outlier.observation))
        }
        issues += rules.kept[next...]
        if outliers.found > outliers.kept.count {
            issues.append(
                IssueCatalog.moreIssues.issue(
                    at: IssueLocation(),
                    [
                        "count": String(outliers.found - outliers.kept.count), "kept": String(outliers.kept.count),
                        "code": IssueCatalog.outlier.code,
                    ], severity: .warning))
        }
        return issues + rules.issues.dropFirst(rules.kept.count)
    }

    private func check(
        _ rule: ConsistencyRule, boundNumber: Int32?, _ index: Int, _ value: Double, _ figures: SeriesIndex,
        lastMonth: @autoclosure () -> (period: Period, value: Double)?, into issues: inout IssueList
    ) {
        let severity = rule.severity
        var name: String { catalog.indicator(code: rule.indicator)?.name ?? rule.indicator }
        switch rule.kind {
        case .atMost(let bound):
            let key = figures.table.key(at: index)
            guard let boundNumber,
                let limit = figures.figure(.init(region: key.region, indicator: boundNumber, period: key.period)),
                value > figures.table.value(at: limit)
            else { return }
            issues.append(code: "rule-" + rule.code, severity: severity) {
                let observation = figures.table[index]
                let issue = IssueCatalog.rule.issue(
                    at: observation.source,
                    [
                        "indicatorName": name,
                        "value": catalog.figureText(observation.value, of: observation.indicator),
                        "boundName": catalog.indicator(code: bound)?.name ?? bound,
                        "bound": catalog.figureText(figures.table.value(at: limit), of: bound),
                        "boundCell": figures.table[limit].source.cell ?? "", "indicator": observation.indicator,
                        "bound_indicator": bound,
                        "rule": rule.code,
                    ], code: "rule-" + rule.code, severity: severity)
                return confirmed(issue, by: observation)
            }
        case .monthJump(let threshold), .stockDrop(let threshold):
            guard let previous = lastMonth(), previous.value > 0 else { return }
            let change = value / previous.value - 1
            let isDrop: Bool
            if case .stockDrop = rule.kind { isDrop = true } else { isDrop = false }
            guard isDrop ? -change > threshold : abs(change) > threshold else { return }
            let kind = isDrop ? IssueCatalog.stockDrop : IssueCatalog.monthJump
            issues.append(code: kind.code, severity: severity) {
                let observation = figures.table[index]
                let issue = kind.issue(
                    at: observation.source,
                    [
                        "indicatorName": name, "indicator": observation.indicator,
                        "value": catalog.figureText(observation.value, of: observation.indicator),
                        "previous": catalog.figureText(previous.value, of: observation.indicator),
                        "previousPeriod": previous.period.description,
                        "change": Self.percent(change, signed: true),
                        "threshold": Self.percent(threshold, signed: false),
                        "rule": rule.code,
                    ], severity: severity)
                return confirmed(issue, by: observation)
            }
        }
    }

    /// The same region's figure for the month before `period`: from the
    /// file's earlier months of its series, else from its history.
    private func lastMonth(
        _ period: Period, _ inFile: [(period: Period, value: Double)], _ past: [(period: Period, value: Double)]
    ) -> (period: Period, value: Double)? {
        // Months counted, not `Period.advanced`: 1900-01 has no month before it.
        if let last = inFile.last, last.period.months(to: period) == 1 { return last }
        guard let last = past.last, last.period.months(to: period) == 1 else { return nil }
        return last
    }

    /// The warning for a flow far off its series' trend and season
    /// (`OutlierCheck`), said in words: the change from last month beside
    /// the largest of the past months, the range the past months lay in and
    /// the figure the series leads one to expect. Stocks are left to the
    /// catalog's `month-jump` and `stock-drop` rules.
    private func outlierIssue(
        _ observation: Observation, past: [(period: Period, value: Double)], _ finding: OutlierCheck.Finding
    ) -> Issue {
        let indicator = catalog.indicator(code: observation.indicator)
        func shown(_ figure: Double) -> String { catalog.figureText(figure, of: observation.indicator) }
        let values = past.map(\.value)
        var comparison = ""
        if let last = past.last, last.period.months(to: observation.period) == 1, last.value > 0 {
            let change = observation.value / last.value - 1
            var recent: [Double] = []
            for (before, after) in zip(past.dropLast(), past.dropFirst()).suffix(12)
            where before.period.months(to: after.period) == 1 && before.value > 0 {
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
        let expected = shown(finding.expected)
        comparison +=
            "；此前 \(values.count) 个月在 \(shown(values.min()!))–\(shown(values.max()!)) 之间，"
            + "按其走势本月约为 \(expected)"
        return IssueCatalog.outlier.issue(
            at: observation.source,
            [
                "indicatorName": indicator?.name ?? observation.indicator, "indicator": observation.indicator,
                "value": shown(observation.value),
                "comparison": comparison, "expected": expected,
                "months": String(values.count), "low": shown(values.min()!), "high": shown(values.max()!),
            ])
    }

    /// `+58.3%`, `30%`.
    static func percent(_ share: Double, signed: Bool) -> String {
        var text = String(format: "%.1f", share * 100)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return (signed && share > 0 ? "+" : "") + text + "%"
    }
}
