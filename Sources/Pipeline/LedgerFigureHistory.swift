import Catalog
import Intake
import Ledger
import Logging
import Vocabulary

/// The figures intake's cross-period checks compare against: those the
/// ledger counts now, read in the run's open transaction, so that files
/// recorded earlier in the run, in this batch too, are included. That is why
/// a run takes each submitter's files oldest first.
struct LedgerFigureHistory: FigureHistory {
    let ledger: LedgerReader
    let logger: Logger

    /// One figure per month: when two submitters report the same region's
    /// figure, the one received last.
    func figures(region: String, indicator: String, before period: Period, limit: Int)
        -> [(period: Period, value: Double)]
    {
        do {
            return try ledger.countedFigures(region: region, indicator: indicator, before: period, limit: limit)
        } catch {
            // The protocol cannot throw: the checks then run without history,
            // and the operator learns why.
            logger.error("读取历史数据失败 could not read the figure history", metadata: [
                "region": "\(region)", "indicator": "\(indicator)", "error": "\(error)",
            ])
            return []
        }
    }
}
