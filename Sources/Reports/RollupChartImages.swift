import Outbox
import Sheets

/// The roll-up's charts as SVG images beside its workbook, for the portal
/// and anyone without a spreadsheet program, drawn from the same specs as
/// the workbook's: `<folder>/charts/NN-<indicator>.svg` (趋势图) and
/// `NN-<indicator>-parts.svg` (分区县对比), NN the target's number.
public enum RollupChartImages {
    /// Returns the paths written, in the charts' order.
    public static func write(_ rollup: RollupTables, toFolder folder: String) throws -> [String] {
        var written: [String] = []
        for (index, trend) in rollup.trends.enumerated() {
            let stem = "\(folder)/\(index + 1 < 10 ? "0" : "")\(index + 1)-\(trend.indicator.code)"
            var charts = [(stem + ".svg", RollupChartSheets.spec(trend, index: index))]
            if !trend.parts.isEmpty {
                charts.append((stem + "-parts.svg", RollupChartSheets.comparisonSpec(trend, index: index)))
            }
            for (path, spec) in charts {
                try AtomicFile.write(Array(SVGChart(spec).render().utf8), to: path)
                written.append(path)
            }
        }
        return written
    }
}
