import Catalog
import Intake
import Ledger
import Vocabulary

/// The figures intake's cross-period checks compare against: those the
/// ledger counts now, read in the run's open transaction, so that files
/// recorded earlier in the run, in this batch too, are included. That is why
/// a run takes each submitter's files oldest first.
struct LedgerFigureHistory: FigureHistory {
    let ledger: LedgerReader

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
    /// figure, the one received last.
    func figures(region: String, indicator: String, before period: Period, limit: Int) throws
        -> [(period: Period, value: Double)]
    {
        do {
            return try ledger.countedFigures(region: region, indicator: indicator, before: period, limit: limit)
        } catch {
            throw Unreadable(region: region, indicator: indicator, error: error)
        }
    }
}
