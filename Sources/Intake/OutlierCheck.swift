import Catalog
import Foundation
import Vocabulary

/// Whether a flow lies far off its own series, judged by the series' trend
/// and season rather than by its mean: a steadily growing figure, or a
/// December that is high every year, is no outlier.
///
/// The series is the region's earlier months (the ledger's and the file's
/// own: a year's backfill file is judged month by month against the months
/// before it). Two expectations are made, each with its own spread:
/// - the trend: a line whose slope is the median month-to-month change and
///   whose level is the median of the months around that line;
/// - the season, when a year ago is known: the same month last year plus
///   the median change over twelve months.
/// A figure is an outlier when it is far from every expectation that can
/// be made — more than `threshold` robust spreads (1.4826 × the median
/// absolute deviation of the past months from the same expectation), and
/// more than `minimumShare` of the expected figure — and beyond the range
/// the past months spanned by half its extremes (a first December above
/// the year's months, before any December is known, is no outlier).
/// Medians are used so one odd month in the past neither hides nor makes
/// an outlier.
struct OutlierCheck {
    /// An outlier lies more than this many robust spreads from each expectation…
    static let threshold = 4.0
    /// …and more than this share of the expected figure away from it…
    static let minimumShare = 0.25
    /// …judged on at least this many earlier months…
    static let minimumHistory = 6
    /// …and at most this many.
    static let historyMonths = 24
    /// At most this many outlier warnings per file, the most unusual ones; the rest are counted.
    static let perFile = 10
    /// An outlier lies beyond the past months' range by this share of its extremes.
    static let rangeMargin = 0.5
    /// Year-ago pairs needed before the season is taken into account.
    static let minimumSeasonalPairs = 3

    /// How far a figure lies from what its series leads one to expect.
    struct Finding {
        /// The expectation it is closest to.
        var expected: Double
        /// Its least distance from an expectation, in robust spreads: how unusual it is.
        var score: Double
    }

    /// The finding for `value` in `period`, given the earlier months of its
    /// series (oldest first, at most `historyMonths`); nil when the figure
    /// is ordinary or the series too short to say.
    static func finding(_ value: Double, period: Period, past: [(period: Period, value: Double)]) -> Finding? {
        // A series that never moved says nothing of how far a figure may.
        guard past.count >= minimumHistory, past.contains(where: { $0.value != past[0].value }) else { return nil }
        let low = past.lazy.map(\.value).min()!
        let high = past.lazy.map(\.value).max()!
        guard value > high + rangeMargin * abs(high) || value < low - rangeMargin * abs(low) else { return nil }
        let expectations = [trend(period, past), season(period, past)].compactMap { $0 }
        var finding: Finding?
        for (expected, spread) in expectations {
            let distance = abs(value - expected)
            let score = distance / max(spread, 1e-9)
            guard distance > minimumShare * abs(expected), score > threshold else { return nil }
            guard let found = finding else {
                finding = Finding(expected: expected, score: score)
                continue
            }
            finding = Finding(
                expected: distance < abs(value - found.expected) ? expected : found.expected,
                score: min(score, found.score))
        }
        return finding
    }

    /// The trend's expectation for `period` and the spread of the past around it.
    private static func trend(_ period: Period, _ past: [(period: Period, value: Double)]) -> (Double, Double)? {
        let first = past[0].period
        let months = past.map { Double(first.months(to: $0.period)) }
        var steps: [Double] = []
        for index in past.indices.dropFirst() where months[index] - months[index - 1] > 0 {
            steps.append((past[index].value - past[index - 1].value) / (months[index] - months[index - 1]))
        }
        let slope = median(steps) ?? 0
        guard let level = median(past.indices.map { past[$0].value - slope * months[$0] }) else { return nil }
        let residuals = past.indices.map { past[$0].value - (level + slope * months[$0]) }
        return (level + slope * Double(first.months(to: period)), spread(residuals))
    }

    /// The season's expectation: the same month a year ago times the median
    /// growth over twelve months (plus the median change, where a month was
    /// 0), when enough year-ago pairs are known.
    private static func season(_ period: Period, _ past: [(period: Period, value: Double)]) -> (Double, Double)? {
        // By month number, not `Period.advanced`: 1900's months have no year before them.
        func number(_ period: Period) -> Int { period.year * 12 + period.month }
        let byMonth = Dictionary(past.map { (number($0.period), $0.value) }, uniquingKeysWith: { $1 })
        guard let yearAgo = byMonth[number(period) - 12] else { return nil }
        let pairs = past.compactMap { month in byMonth[number(month.period) - 12].map { ($0, month.value) } }
        guard pairs.count >= minimumSeasonalPairs else { return nil }
        if yearAgo > 0, pairs.allSatisfy({ $0.0 > 0 }), let growth = median(pairs.map { $1 / $0 }) {
            return (yearAgo * growth, spread(pairs.map { $1 - $0 * growth }))
        }
        guard let change = median(pairs.map { $1 - $0 }) else { return nil }
        return (yearAgo + change, spread(pairs.map { $1 - $0 - change }))
    }

    /// 1.4826 × the median absolute deviation: the standard deviation for normal noise, robust to odd months.
    private static func spread(_ residuals: [Double]) -> Double {
        1.4826 * (median(residuals.map { abs($0 - (median(residuals) ?? 0)) }) ?? 0)
    }

    private static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
