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
            for (suffix, spec) in charts(of: trend, index: index) {
                try AtomicFile.write(Array(SVGChart(spec).render().utf8), to: stem + suffix)
                written.append(stem + suffix)
            }
        }
        return written
    }

    /// A trend's 趋势图 and, when the region has parts, its 分区县对比, as SVG
    /// text: what the portal's 目标进度 shows inline, drawn as the images are.
    public static func svg(of trend: TargetTrend) -> (trend: String, parts: String?) {
        let drawn = charts(of: trend, index: 0).map { SVGChart($0.spec).render() }
        return (drawn[0], drawn.count > 1 ? drawn[1] : nil)
    }

    /// The specs of trend `index`'s charts (the index places their cells in
    /// the workbook's data sheets), with the file name suffix of each.
    private static func charts(of trend: TargetTrend, index: Int) -> [(suffix: String, spec: ChartSpec)] {
        var charts: [(suffix: String, spec: ChartSpec)] = [(".svg", RollupChartSheets.spec(trend, index: index))]
        if !trend.parts.isEmpty { charts.append(("-parts.svg", RollupChartSheets.comparisonSpec(trend, index: index))) }
        return charts
    }
}
