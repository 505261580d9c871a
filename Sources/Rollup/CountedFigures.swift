import Ledger
import Vocabulary

/// The reports the ledger counts now, as the roll-up engine holds them: a
/// province's years of them at once (443,737 for 40 months of 151 counties),
/// so each is its value and an index into a table of where it was read,
/// 16 bytes in its map and 40 in that table, instead of the ledger's record
/// with its strings and its keys again (144 bytes, most of a roll-up's memory).
/// The texts beside a figure (unit, sheet, cell) repeat and are kept once each,
/// as is the file of each version.
struct CountedFigures {
    /// One counted report: its value, and its place in `cells`.
    struct Figure {
        let value: Double
        fileprivate let cell: Int32
    }

    /// Where a figure was read, its indicator, region and month being its keys.
    private struct SourceCell {
        let writtenValue: String
        let writtenUnit: Int32
        let sheet: Int32
        let cell: Int32
        let versionId: Int64
    }

    /// indicator → region → period → figure.
    private var figures: [String: [String: [Period: Figure]]] = [:]
    private var cells: ContiguousArray<SourceCell> = []
    /// Units, sheet names and cell references, each once; nil has its own place.
    private var texts: [String?] = []
    private var textIndex: [String?: Int32] = [:]
    /// Version → its file under `Inbox/`.
    private var paths: [Int64: String] = [:]

    mutating func add(_ report: CountedReport) {
        let observation = report.observation
        let figure = Figure(value: observation.value, cell: Int32(cells.count))
        cells.append(
            SourceCell(
                writtenValue: observation.writtenValue, writtenUnit: text(observation.writtenUnit),
                sheet: text(observation.sheet), cell: text(observation.cell), versionId: report.versionId))
        paths[report.versionId] = report.path
        figures[observation.indicator, default: [:]][observation.region, default: [:]][observation.period] = figure
    }

    private mutating func text(_ text: String?) -> Int32 {
        if let known = textIndex[text] { return known }
        let index = Int32(texts.count)
        texts.append(text)
        textIndex[text] = index
        return index
    }

    /// The figure counted for `indicator`, `region` and `period`.
    func figure(_ indicator: String, region: String, period: Period) -> Figure? {
        figures[indicator]?[region]?[period]
    }

    /// Every region's figures of `indicator`, by region and period.
    func figures(of indicator: String) -> [String: [Period: Figure]]? {
        figures[indicator]
    }

    /// Where `figure`, counted for `indicator`, `region` and `period`, was read.
    func source(of figure: Figure, indicator: String, region: String, period: Period) -> FigureSource {
        let cell = cells[Int(figure.cell)]
        return FigureSource(
            region: region, indicator: indicator, period: period, value: figure.value,
            writtenValue: cell.writtenValue, writtenUnit: texts[Int(cell.writtenUnit)],
            path: paths[cell.versionId]!, sheet: texts[Int(cell.sheet)], cell: texts[Int(cell.cell)],
            versionId: cell.versionId)
    }
}
