import Catalog
import Intake
import Ledger
import Vocabulary

/// The figures intake's cross-period checks compare against: those the
/// ledger counts now, read in the run's open transaction, so that files
/// recorded earlier in the run, in this batch too, are included. That is why
/// a run takes each submitter's files oldest first.
///
/// One per file: each region's and indicator's series is read once, when a
/// row first asks for it, and the rows' questions are answered from it. A
/// file of 100 months asked the same series 100 times, and each query reads
/// every version's figures of the series, superseded ones too (the index is
/// on the observations): a department that had sent its file again and again
/// waited seconds for its upload's receipt.
struct LedgerFigureHistory: FigureHistory {
    let ledger: LedgerReader
    private let read = ReadSeries()

    /// The series read so far, by region and indicator, oldest month first.
    private final class ReadSeries {
        var figures: [String: [(period: Period, value: Double)]] = [:]
    }

    init(ledger: LedgerReader) {
        self.ledger = ledger
    }

    /// Later than any month a figure is for: the bound that reads a whole series.
    private static let afterAll = Period(year: 9999, month: 12)!

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
        let key = region + "\u{1}" + indicator
        let series: [(period: Period, value: Double)]
        if let known = read.figures[key] {
            series = known
        } else {
            do {
                series = try ledger.countedFigures(
                    region: region, indicator: indicator, before: Self.afterAll, limit: Int.max)
            } catch {
                throw Unreadable(region: region, indicator: indicator, error: error)
            }
            read.figures[key] = series
        }
        return Array(series.prefix { $0.period < period }.suffix(limit))
    }
}
