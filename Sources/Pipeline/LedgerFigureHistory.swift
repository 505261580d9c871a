import Catalog
import Intake
import Ledger
import Vocabulary

/// The figures intake's cross-period checks compare against: those the
/// ledger counts now, read in the run's open transaction, so that files
/// recorded earlier in the run, in this batch too, are included. That is why
/// a run takes each submitter's files oldest first.
///
/// One per file: a region's series are read together, when a row first asks
/// for one of them, and kept for the batch (`BatchFigureSeries`), from which
/// the rows' questions are answered. A file of 100 months asked the same series
/// 100 times (a department that had sent its file again and again waited
/// seconds for its upload's receipt), and a form asked a query per indicator.
struct LedgerFigureHistory: FigureHistory {
    let series: BatchFigureSeries
    /// The indicators the file has figures of, by region: the series read together.
    private let indicators: [String: Set<String>]

    /// The history for a file whose figures are `observations`.
    init(series: BatchFigureSeries, for observations: some Collection<Observation>) {
        self.series = series
        indicators = Dictionary(grouping: observations, by: \.region).mapValues { Set($0.map(\.indicator)) }
    }

    /// A history query that failed: the file it was for waits for the next run.
    struct Unreadable: Error, CustomStringConvertible {
        var region: String
        var indicator: String
        var error: any Error

        var description: String {
            "读取历史数据失败，未作跨期检查 could not read the figure history of \(region) \(indicator)"
                + " for the cross-period checks: \(error)"
        }
    }

    /// One figure per month: when two submitters report the same region's
    /// figure, the one the roll-up counts (`LedgerReader.countedSeries`).
    func figures(region: String, indicator: String, before period: Period, limit: Int) throws
        -> [(period: Period, value: Double)]
    {
        let months: [(period: Period, value: Double)]
        do {
            months = try series.series(region: region, indicator: indicator, alongWith: indicators[region, default: []])
        } catch {
            throw Unreadable(region: region, indicator: indicator, error: error)
        }
        return Array(months.prefix { $0.period < period }.suffix(limit))
    }
}
