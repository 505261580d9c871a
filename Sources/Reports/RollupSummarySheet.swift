import Rollup
import Sheets

/// The roll-up's first sheet, 一页纸: the city (or province) on one A4
/// landscape page — title and period, the count of targets by status, the
/// targets behind with their lead department, who has not reported or was
/// rejected and has not corrected, and two small charts (达成率 of the
/// targets behind, 报送率 by county). Built from the targets' evaluations
/// (`TargetTrend`) and the 报送情况 table, so it says what the other sheets say.
enum RollupSummarySheet {
    static let name = "一页纸"
    /// Rows each list shows; the rest are counted and left to 总览 and 报送情况.
    static let listedRows = 12
    static let targetHeader = ["滞后的目标", "目标", "当前值", "时间进度", "达成率", "牵头部门"]
    static let reportHeader = ["地区", "部门", "状态"]
    static let widths: [Double] = [34, 20, 12, 9, 9, 12, 2, 12, 18, 8]
    /// Labels of 报送情况 that mean a report is owed.
    static let owed: Set<String> = ["未报", "退回"]
    /// Labels that count as received, for the 报送率.
    static let received: Set<String> = ["已报", "迟报"]
    /// The chart data's columns, right of the printed area: region, 报送率.
    static let coverageColumn = widths.count + 2
    static let firstListRow = 7

    static func write(_ rollup: RollupTables, title: String, to workbook: WorkbookWriter) throws {
        let behind = rollup.trends.filter { $0.evaluation.progress.status == .behind }
            .sorted {
                ($0.evaluation.progress.completion ?? .infinity) < ($1.evaluation.progress.completion ?? .infinity)
            }
        let reports = rollup.tables.first { $0.name == "报送情况" }
        let outstanding = rollup.tables.first { $0.name == "催报清单" }.map(owedReports) ?? []
        let coverage = reports.map(coverageByRegion) ?? []
        let listed = max(min(behind.count, listedRows), min(outstanding.count, listedRows))
        let chartRow = firstListRow + listed + 2
        let lastRow = chartRow + 13

        let sheet = try workbook.addSheet(name)
        for (offset, width) in widths.enumerated() { try sheet.setColumn(offset + 1, width: width) }
        try sheet.setColumns(coverageColumn...coverageColumn + 1, width: 12)
        try sheet.hideGridlines()
        try sheet.setPageSetup(
            PageSetup(
                orientation: .landscape, fit: .init(width: 1, height: 1), margins: .narrow,
                header: "&L" + PageSetup.headerFooterText(title), footer: PageSetup.pageNumberFooter,
                centeredHorizontally: true,
                printArea: CellRange(
                    first: CellReference(row: 1, column: 1), last: CellReference(row: lastRow, column: widths.count))))

        let heading = workbook.addStyle(CellStyle(bold: true, fontSize: 16))
        let subtitle = workbook.addStyle(CellStyle(fontColor: Color(rgb: 0x595959)))
        let counts = workbook.addStyle(CellStyle(bold: true, fontSize: 12))
        let section = workbook.addStyle(CellStyle(bold: true, fontColor: Color(rgb: 0x1F4E78)))
        let header = workbook.addStyle(.header)
        let text = workbook.addStyle(CellStyle(border: .thin, vertical: .center))
        let figure = workbook.addStyle(CellStyle(border: .thin, numberFormat: .thousands))
        let percent = workbook.addStyle(CellStyle(border: .thin, numberFormat: .percentOneDecimal))
        let owedStyle = workbook.addStyle(CellStyle(fontColor: Color(rgb: 0xC00000), border: .thin))
        let note = workbook.addStyle(CellStyle(italic: true, fontColor: Color(rgb: 0x595959)))

        try sheet.addRow(
            [.text("\(rollup.region.name) \(rollup.period) 设备更新和消费品以旧换新 · 一页纸")], styles: [heading], height: 24)
        // As of when and how complete, as 说明 says it.
        let about = rollup.tables.first { $0.name == "说明" }
        func said(_ label: String) -> String? {
            guard case .text(let text)? = about?.rows.first(where: { $0.first?.value == .text(label) })?.last?.value
            else { return nil }
            return "\(label) \(text)"
        }
        let facts =
            ["统计期间 \(rollup.period.year)年1–\(rollup.period.month)月"] + [said("台账截至"), said("报送覆盖")].compactMap { $0 }
            + ["\(rollup.region.name)本级规划目标 \(rollup.trends.count) 项"]
        try sheet.addRow([.text(facts.joined(separator: "；"))], styles: [subtitle])
        try sheet.addRow([.text(statusCounts(rollup.trends))], styles: [counts], height: 20)
        try sheet.beginRow(5)
        try sheet.writeText("滞后的目标（达成率从低到高）", style: section)
        try sheet.moveToColumn(8)
        try sheet.writeText("未报送或退回未更正", style: section)
        try sheet.addRow(
            targetHeader.map(CellValue.text) + [.empty] + reportHeader.map(CellValue.text),
            styles: Array(repeating: header, count: targetHeader.count) + [.default]
                + Array(repeating: header, count: reportHeader.count))
        let moreTargets = behind.count - min(behind.count, listedRows)
        let moreReports = outstanding.count - min(outstanding.count, listedRows)
        // The lists, the row saying how many more, and beside them (out of print) the coverage chart's data.
        for index in 0..<max(listed + 1, coverage.count) {
            try sheet.beginRow(firstListRow + index)
            if index < min(behind.count, listedRows) {
                let trend = behind[index]
                let evaluation = trend.evaluation
                try sheet.writeText(trend.indicator.name, style: text)
                try sheet.writeText(trend.targetText, style: text)
                try sheet.write(evaluation.current.map { .number($0.value) } ?? .empty, style: figure)
                try sheet.writeNumber(evaluation.elapsed, style: percent)
                try sheet.write(evaluation.progress.completion.map(CellValue.number) ?? .empty, style: percent)
                try sheet.writeText(trend.leadDepartment, style: text)
            } else if index == listed {
                try sheet.writeText(
                    behind.isEmpty ? "没有滞后的目标。" : moreTargets > 0 ? "另有 \(moreTargets) 项滞后，见“总览”。" : "",
                    style: note)
            }
            if index < min(outstanding.count, listedRows) {
                try sheet.moveToColumn(8)
                let report = outstanding[index]
                try sheet.writeText(report.region, style: text)
                try sheet.writeText(report.department, style: text)
                try sheet.writeText(report.label, style: owedStyle)
            } else if index == listed {
                try sheet.moveToColumn(8)
                try sheet.writeText(
                    outstanding.isEmpty ? "没有欠报。" : moreReports > 0 ? "另有 \(moreReports) 项，见“催报清单”。" : "",
                    style: note)
            }
            if index < coverage.count {
                try sheet.moveToColumn(coverageColumn)
                try sheet.writeText(coverage[index].region)
                try sheet.writeNumber(coverage[index].share, style: percent)
            }
        }

        let shown = min(behind.count, listedRows)
        /// `count` cells of a column from the lists' first row.
        func cells(_ column: Int, _ count: Int) -> ChartCells {
            ChartCells(
                sheet: name,
                CellRange(
                    first: CellReference(row: firstListRow, column: column),
                    last: CellReference(row: firstListRow + count - 1, column: column)))
        }
        if shown > 0 {
            try sheet.insertChart(
                ChartSpec(
                    kind: .bar, title: "滞后目标的达成率", titleSize: 11,
                    categories: ChartCategories(
                        cells: cells(1, shown), labels: .texts(behind.prefix(shown).map(\.indicator.name))),
                    series: [
                        ChartSeries(
                            name: "达成率", values: behind.prefix(shown).map { $0.evaluation.progress.completion },
                            cells: cells(5, shown), dataLabels: true, color: Color(rgb: 0xC55A11))
                    ],
                    // Top down, in the order of the list above it.
                    valueFormat: .percentOneDecimal, valueMinimum: 0, reversedCategories: true, legend: nil),
                at: CellReference(row: chartRow, column: 1), width: 620, height: 250)
        }
        if !coverage.isEmpty {
            try sheet.insertChart(
                ChartSpec(
                    kind: .column, title: "各地报送率", titleSize: 11,
                    categories: ChartCategories(
                        cells: cells(coverageColumn, coverage.count), labels: .texts(coverage.map(\.region))),
                    series: [
                        ChartSeries(
                            name: "报送率", values: coverage.map(\.share),
                            cells: cells(coverageColumn + 1, coverage.count),
                            color: Color(rgb: 0x2F5597))
                    ],
                    valueFormat: NumberFormat("0%"), valueMinimum: 0, legend: nil),
                at: CellReference(row: chartRow, column: 8), width: 270, height: 250)
        }
    }

    /// `12 项已达标 · 9 项进度正常 · 9 项滞后 · 2 项无数据`
    static func statusCounts(_ trends: [TargetTrend]) -> String {
        ProgressStatus.allCases.map { status in
            "\(trends.count { $0.evaluation.progress.status == status }) 项\(status.rawValue)"
        }.joined(separator: " · ")
    }

    /// 催报清单's entries: region, department and what is owed; the rejected first, each in the list's order.
    static func owedReports(_ table: RollupTable) -> [(region: String, department: String, label: String)] {
        let column = { (name: String) in table.header.firstIndex(of: name)! }
        let (region, department, label) = (column("地区"), column("部门"), column("情况"))
        let entries = table.rows.compactMap { row -> (region: String, department: String, label: String)? in
            guard case .text(let place) = row[region].value, case .text(let office) = row[department].value,
                case .text(let owed) = row[label].value
            else { return nil }
            return (place, office, owed)
        }
        return entries.filter { $0.label != "未报" } + entries.filter { $0.label == "未报" }
    }

    /// Per region of 报送情况, the share of the reports due that came in.
    static func coverageByRegion(_ table: RollupTable) -> [(region: String, share: Double)] {
        table.rows.compactMap { row in
            guard row.count > 2, case .text(let region) = row[1].value else { return nil }
            let labels = row.dropFirst(2).compactMap { cell -> String? in
                if case .text(let label) = cell.value, received.contains(label) || owed.contains(label) { return label }
                return nil
            }
            guard !labels.isEmpty else { return nil }
            return (region, Double(labels.count { received.contains($0) }) / Double(labels.count))
        }
    }
}
