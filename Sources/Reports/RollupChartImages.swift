import Outbox
import Sheets

/// The roll-up's charts as SVG images beside its workbook, for the portal
/// and anyone without a spreadsheet program, drawn from the same specs as
/// the workbook's: `<folder>/charts/NN-<indicator>.svg` (趋势图) and
/// `NN-<indicator>-parts.svg` (分区县对比), NN the target's number.
public enum RollupChartImages {
    /// Returns the paths written, in the charts' order.
    public static func write(_ rollup: RollupTables, toFolder folder: String) throws -> [String] {
        try charts(rollup, inFolder: folder).map { path, spec in
            try AtomicFile.write(Array(SVGChart(spec()).render().utf8), to: path)
            return path
        }
    }

    /// The paths `write` writes, without writing (`rollup --dry-run`).
    public static func paths(_ rollup: RollupTables, inFolder folder: String) -> [String] {
        charts(rollup, inFolder: folder).map(\.path)
    }

    /// Each chart's path and how to draw it, in order.
    private static func charts(_ rollup: RollupTables, inFolder folder: String) -> [(
        path: String, spec: () -> ChartSpec
    )] {
        rollup.trends.enumerated().flatMap { index, trend in
            let stem = "\(folder)/\(index + 1 < 10 ? "0" : "")\(index + 1)-\(trend.indicator.code)"
            var charts: [(path: String, spec: () -> ChartSpec)] = [
                (stem + ".svg", { RollupChartSheets.spec(trend, index: index) })
            ]
            if !trend.parts.isEmpty {
                charts.append((stem + "-parts.svg", { RollupChartSheets.comparisonSpec(trend, index: index) }))
            }
            return charts
        }
    }
}
