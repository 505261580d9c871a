import Sheets

/// The roll-up's 趋势图 sheet, one line chart per target (the monthly figure
/// against the straight path from the base to the target); the
/// 趋势图数据 sheet holding the numbers the charts draw, three rows a target:
/// the months, 实际, 目标路径; and 分区县对比, a column chart per target of
/// its figure by county (by city, for the province), over 分区县对比数据.
/// The trend charts' specs are also what the SVG images are drawn from
/// (`RollupChartImages`).
enum RollupChartSheets {
    static let chartSheet = "趋势图"
    static let comparisonSheet = "分区县对比"
    static let comparisonDataSheet = "分区县对比数据"
    static let dataSheet = "趋势图数据"
    static let dataHeader = ["指标代码", "指标", "单位", "规划", "目标", "系列"]
    /// The first column of months and values.
    static let firstMonthColumn = dataHeader.count + 1

    /// Charts two across, 480 × 288 pixels each, 15 rows (300 pixels) apart, two rows of charts a page.
    static let chartSize = (width: 480, height: 288)
    static let rowsPerChart = 15
    static let firstChartRow = 3
    static let chartsPerPage = 4

    /// The data rows of trend `index` (0-based): months, actual, path.
    static func rows(of index: Int) -> (months: Int, actual: Int, path: Int) {
        let months = 2 + 3 * index
        return (months, months + 1, months + 2)
    }

    static func spec(_ trend: TargetTrend, index: Int) -> ChartSpec {
        let rows = rows(of: index)
        func cells(_ row: Int) -> ChartCells {
            ChartCells(
                sheet: dataSheet,
                CellRange(
                    first: CellReference(row: row, column: firstMonthColumn),
                    last: CellReference(row: row, column: firstMonthColumn + trend.months.count - 1)))
        }
        func nameCell(_ row: Int) -> ChartCells {
            let cell = CellReference(row: row, column: dataHeader.count)
            return ChartCells(sheet: dataSheet, CellRange(first: cell, last: cell))
        }
        return ChartSpec(
            kind: .line, title: "\(trend.indicator.name)（\(trend.indicator.unit)）目标 \(trend.targetText)", titleSize: 11,
            categories: ChartCategories(cells: cells(rows.months), labels: .texts(trend.months.map(\.description))),
            series: [
                ChartSeries(
                    name: "实际", nameCell: nameCell(rows.actual), values: trend.actual, cells: cells(rows.actual),
                    color: Color(rgb: 0x2F5597), markers: true),
                ChartSeries(
                    name: "目标路径", nameCell: nameCell(rows.path), values: trend.path.map { $0 },
                    cells: cells(rows.path), color: Color(rgb: 0xC00000), line: .dash),
            ],
            valueFormat: trend.valueFormat,
            valueMinimum: ChartSpec.zeroUnlessNegative(trend.actual + trend.path.map { $0 }),
            legend: .bottom)
    }

    static func write(_ rollup: RollupTables, title: String, to workbook: WorkbookWriter) throws {
        guard !rollup.trends.isEmpty else { return }
        try writeCharts(rollup, title: title, to: workbook)
        try writeData(rollup.trends, title: title, to: workbook)
        try writeComparison(rollup, title: title, to: workbook)
    }

    /// A sheet of charts two across under a heading and a note, a page every two rows of charts.
    private static func addChartSheet(
        _ name: String, heading: String, note: String, charts: [ChartSpec], title: String,
        to workbook: WorkbookWriter
    ) throws {
        let sheet = try workbook.addSheet(name)
        try sheet.hideGridlines()
        let chartRows = (charts.count + 1) / 2
        let pageRows = rowsPerChart * chartsPerPage / 2
        try sheet.setPageSetup(
            PageSetup(
                orientation: .landscape, fit: .init(width: 1, height: 0), margins: .narrow,
                header: "&L" + PageSetup.headerFooterText(title) + "&R&A", footer: PageSetup.pageNumberFooter,
                centeredHorizontally: true,
                pagesStartAt: stride(from: pageRows, to: chartRows * rowsPerChart, by: pageRows).map {
                    firstChartRow + $0
                }))
        try sheet.addRow([.text(heading)], styles: [workbook.addStyle(CellStyle(bold: true, fontSize: 14))], height: 22)
        try sheet.addRow(
            [.text(note)], styles: [workbook.addStyle(CellStyle(italic: true, fontColor: Color(rgb: 0x595959)))])
        for (index, chart) in charts.enumerated() {
            try sheet.insertChart(
                chart, at: CellReference(row: firstChartRow + index / 2 * rowsPerChart, column: 1 + index % 2 * 8),
                width: chartSize.width, height: chartSize.height)
        }
    }

    private static func writeCharts(_ rollup: RollupTables, title: String, to workbook: WorkbookWriter) throws {
        try addChartSheet(
            chartSheet, heading: "\(rollup.region.name) \(rollup.period) 各项目标进度",
            note: "实线：每月实际值；虚线：从基数到目标的直线路径（时间进度）。数据见“\(dataSheet)”。",
            charts: rollup.trends.enumerated().map { spec($1, index: $0) }, title: title, to: workbook)
    }

    /// Row 1 of 分区县对比数据 names the parts, row `index + 2` holds trend `index`'s figures from column E.
    static func comparisonSpec(_ trend: TargetTrend, index: Int) -> ChartSpec {
        func cells(_ row: Int) -> ChartCells {
            ChartCells(
                sheet: comparisonDataSheet,
                CellRange(
                    first: CellReference(row: row, column: 5),
                    last: CellReference(row: row, column: 4 + trend.parts.count)))
        }
        return ChartSpec(
            kind: .column, title: "\(trend.indicator.name)（\(trend.indicator.unit)）", titleSize: 11,
            categories: ChartCategories(cells: cells(1), labels: .texts(trend.parts.map(\.region))),
            series: [
                ChartSeries(
                    name: trend.indicator.name, values: trend.parts.map(\.value), cells: cells(index + 2),
                    color: Color(rgb: 0x2F5597))
            ],
            valueFormat: trend.valueFormat, valueMinimum: ChartSpec.zeroUnlessNegative(trend.parts.map(\.value)),
            legend: nil)
    }

    /// A column chart per target of the parts' figures, over a table of one row per target:
    /// indicator, unit, target, then each part's figure.
    private static func writeComparison(_ rollup: RollupTables, title: String, to workbook: WorkbookWriter) throws {
        let names = rollup.trends.first?.parts.map(\.region) ?? []
        guard !names.isEmpty else { return }
        let charts = rollup.trends.enumerated().map { comparisonSpec($1, index: $0) }
        let parts = rollup.region.level == .province ? "各市" : "各县区"
        try addChartSheet(
            comparisonSheet, heading: "\(rollup.region.name) \(rollup.period) \(parts)对比",
            note: "按\(rollup.region.name)各目标的口径计算\(parts)数值。数据见“\(comparisonDataSheet)”。",
            charts: charts, title: title, to: workbook)

        let sheet = try workbook.addSheet(comparisonDataSheet)
        let lead = ["指标代码", "指标", "单位", "目标"]
        let widths = [22.0, 30, 8, 20] + names.map { max(12, ColumnWidth.fitting($0)) }
        for (offset, width) in widths.enumerated() { try sheet.setColumn(offset + 1, width: width) }
        try sheet.freezePanes(rows: 1, columns: 2)
        try sheet.setPageSetup(RollupPrinting.pageSetup(title: title, columnWidths: widths, repeatedColumns: 2))
        let header = workbook.addStyle(.header)
        let number = workbook.addStyle(CellStyle(numberFormat: .thousandsTwoDecimals))
        try sheet.addRow(
            (lead + names).map(CellValue.text), styles: Array(repeating: header, count: lead.count + names.count))
        for trend in rollup.trends {
            try sheet.addRow(
                [
                    .text(trend.indicator.code), .text(trend.indicator.name), .text(trend.indicator.unit),
                    .text(trend.targetText),
                ] + trend.parts.map { $0.value.map(CellValue.number) ?? .empty },
                styles: Array(repeating: .default, count: lead.count) + Array(repeating: number, count: names.count))
        }
    }

    private static func writeData(_ trends: [TargetTrend], title: String, to workbook: WorkbookWriter) throws {
        let sheet = try workbook.addSheet(dataSheet)
        let longest = trends.map(\.months.count).max() ?? 0
        let widths = [22.0, 30, 8, 30, 20, 10] + Array(repeating: 10.0, count: longest)
        for (offset, width) in widths.enumerated() { try sheet.setColumn(offset + 1, width: width) }
        try sheet.freezePanes(rows: 1, columns: 2)
        try sheet.setPageSetup(RollupPrinting.pageSetup(title: title, columnWidths: widths, repeatedColumns: 2))
        let header = workbook.addStyle(.header)
        let number = workbook.addStyle(CellStyle(numberFormat: .thousandsTwoDecimals))
        try sheet.addRow(dataHeader.map(CellValue.text), styles: Array(repeating: header, count: dataHeader.count))
        for trend in trends {
            let label: [CellValue] = [
                .text(trend.indicator.code), .text(trend.indicator.name), .text(trend.indicator.unit),
                .text(trend.planTitle), .text(trend.targetText),
            ]
            try sheet.addRow(label + [.text("月份")] + trend.months.map { .text($0.description) })
            try sheet.addRow(
                label + [.text("实际")] + trend.actual.map { $0.map(CellValue.number) ?? .empty },
                styles: Array(repeating: .default, count: label.count + 1)
                    + Array(repeating: number, count: trend.months.count))
            try sheet.addRow(
                label + [.text("目标路径")] + trend.path.map(CellValue.number),
                styles: Array(repeating: .default, count: label.count + 1)
                    + Array(repeating: number, count: trend.months.count))
        }
    }
}
