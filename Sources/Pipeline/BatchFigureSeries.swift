import Intake
import Ledger
import Vocabulary

/// The counted series of a batch's regions and indicators (`LedgerReader.countedSeries`),
/// read in the batch's transaction once and kept as the batch records its files,
/// so that each file's cross-period checks ask the ledger only for series no
/// earlier file of the batch asked for.
///
/// A submitter's monthly files follow one another in a batch, and each asked
/// for every month before it: a 40-month inbox read each series some 20 times
/// over, about 300 figures per file through the counted view.
///
/// What a recorded file changes is known without reading it back: an accepted
/// new version is the ledger's latest, so its figure is the month's counted one
/// (the version recorded last wins, as in `countedSeries`); a rejected version
/// or content already recorded changes nothing. A version that superseded
/// earlier ones can withdraw figures it does not replace, which only the
/// ledger can tell: then everything kept is forgotten and read again.
///
/// One per batch transaction, on its thread: discarded with it.
final class BatchFigureSeries {
    private let ledger: LedgerReader
    /// By region and indicator, oldest month first, one figure a month.
    private var kept: [Key: [(period: Period, value: Double)]] = [:]

    private struct Key: Hashable {
        var region: String
        var indicator: String
    }

    init(ledger: LedgerReader) {
        self.ledger = ledger
    }

    /// The counted series of `region` and `indicator`, as the ledger counts it
    /// now; when it has to be read, those of `alongWith` not kept are read with it.
    func series(region: String, indicator: String, alongWith indicators: Set<String>) throws
        -> [(period: Period, value: Double)]
    {
        if let known = kept[Key(region: region, indicator: indicator)] { return known }
        let missing = indicators.union([indicator]).filter { kept[Key(region: region, indicator: $0)] == nil }
        let found = try ledger.countedSeries(region: region, indicators: missing)
        for code in missing { kept[Key(region: region, indicator: code)] = found[code] ?? [] }
        return kept[Key(region: region, indicator: indicator)]!
    }

    /// After `outcome` was recorded with `observations` (those of an accepted
    /// file, none of a rejected one): the series kept now count its figures.
    func recorded(_ outcome: RecordOutcome, observations: some Collection<Observation>) {
        guard outcome.isNew, outcome.version.status == .accepted else { return }
        guard outcome.superseded.isEmpty else { return kept.removeAll() }
        for figure in observations {
            let key = Key(region: figure.region, indicator: figure.indicator)
            if kept[key] != nil { Self.count(figure, in: &kept[key]!) }
        }
    }

    /// Puts `figure` in its month of `series`, in place of the month's figure if there is one.
    private static func count(_ figure: Observation, in series: inout [(period: Period, value: Double)]) {
        // Files arrive oldest month first: the month is most often past the last.
        let index = series.lastIndex { $0.period <= figure.period }.map { $0 + 1 } ?? 0
        if index > 0, series[index - 1].period == figure.period {
            series[index - 1].value = figure.value
        } else {
            series.insert((figure.period, figure.value), at: index)
        }
    }
}
