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

    /// A trend's 趋势图 and, when the region has parts, its 分区县对比, as SVG
    /// text: what the portal's 目标进度 shows inline, drawn as the images are.
    public static func svg(of trend: TargetTrend) -> (trend: String, parts: String?) {
        let drawn = specs(of: trend, index: 0).map { SVGChart($0.spec()).render() }
        return (drawn[0], drawn.count > 1 ? drawn[1] : nil)
    }

    /// Each chart's path and how to draw it, in order.
    private static func charts(_ rollup: RollupTables, inFolder folder: String) -> [(
        path: String, spec: () -> ChartSpec
    )] {
        rollup.trends.enumerated().flatMap { index, trend in
            let stem = "\(folder)/\(index + 1 < 10 ? "0" : "")\(index + 1)-\(trend.indicator.code)"
            return specs(of: trend, index: index).map { (stem + $0.suffix, $0.spec) }
        }
    }

    /// How to draw trend `index`'s charts (the index places their cells in
    /// the workbook's data sheets), with the file name suffix of each; drawn
    /// only when asked, so a dry run computes none.
    private static func specs(of trend: TargetTrend, index: Int) -> [(suffix: String, spec: () -> ChartSpec)] {
        var specs: [(suffix: String, spec: () -> ChartSpec)] = [
            (".svg", { RollupChartSheets.spec(trend, index: index) })
        ]
        if !trend.parts.isEmpty {
            specs.append(("-parts.svg", { RollupChartSheets.comparisonSpec(trend, index: index) }))
        }
        return specs
    }
}
