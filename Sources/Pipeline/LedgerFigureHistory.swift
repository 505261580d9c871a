import Catalog
import Intake
import Ledger
import Logging

/// The figures intake's cross-period checks compare against: those the
/// ledger counts now. Files recorded earlier in the same run are included,
/// which is why a run takes each submitter's files oldest first.
public struct LedgerFigureHistory: FigureHistory {
    public let ledger: LedgerDatabase
    public let logger: Logger

    public init(ledger: LedgerDatabase, logger: Logger) {
        self.ledger = ledger
        self.logger = logger
    }

    /// One figure per month: when two submitters report the same region's
    /// figure, the one received last.
    public func figures(region: String, indicator: String, before period: Period, limit: Int)
        -> [(period: Period, value: Double)]
    {
        guard limit > 0, let first = Period(year: 1900, month: 1), first < period else { return [] }
        do {
            let counted = try ledger.currentObservations(regions: [region], indicators: [indicator],
                                                         periods: first...period.advanced(by: -1))
            var latest: [Period: SourcedObservation] = [:]
            for item in counted where latest[item.observation.period].map({ $0.source.receivedAt <= item.source.receivedAt }) ?? true {
                latest[item.observation.period] = item
            }
            return latest.keys.sorted().suffix(limit).map { ($0, latest[$0]!.observation.value) }
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
