import Outbox
import Sheets

/// The roll-up's charts as SVG images beside its workbook, for the portal
/// and anyone without a spreadsheet program: `<folder>/charts/NN-<indicator>.svg`,
/// drawn from the same specs as the workbook's 趋势图.
public enum RollupChartImages {
    /// Returns the paths written, in the charts' order.
    public static func write(_ rollup: RollupTables, toFolder folder: String) throws -> [String] {
        try rollup.trends.enumerated().map { index, trend in
            let number = index + 1 < 10 ? "0\(index + 1)" : "\(index + 1)"
            let path = "\(folder)/\(number)-\(trend.indicator.code).svg"
            let svg = SVGChart(RollupChartSheets.spec(trend, index: index)).render()
            try AtomicFile.write(Array(svg.utf8), to: path)
            return path
        }
    }
}
