import Catalog
import Ledger
import Rollup
import Sheets
import Vocabulary

/// The issues of one submitter's latest version for the period.
public struct SubmissionIssues: Sendable {
    public var status: ReportStatus
    public var issues: [Issue]

    public init(status: ReportStatus, issues: [Issue]) {
        self.status = status
        self.issues = issues
    }
}

/// A region's roll-up for one period, as the six tables of the design:
/// 总览, 分区县, 月度趋势, 报送情况, 校验问题, 数据来源. Everything sorted,
/// nothing from the clock, so the same ledger gives the same tables.
public struct RollupTables {
    public let region: Region
    public let period: Period
    public let tables: [RollupTable]

    /// The first month of 月度趋势: the plans' base year.
    public static let trendStart = Period(year: TargetEvaluation.baseYear, month: 1)!

    public init(region: Region, period: Period, engine: RollupEngine, completeness: [ReportCompleteness],
                issues: [SubmissionIssues]) {
        self.region = region
        self.period = period
        let builder = Builder(region: region, period: period, engine: engine)
        let overview = builder.overview()
        let counties = builder.counties()
        tables = [
            overview.table, counties.table, builder.trend(), builder.reports(completeness),
            builder.issues(issues), builder.sources(overview.sources.union(counties.sources)),
        ]
    }
}

/// Builds each table; one method per sheet.
private struct Builder {
    let region: Region
    let period: Period
    let engine: RollupEngine
    var catalog: Catalog { engine.catalog }

    func regionName(_ code: String) -> String { catalog.region(code: code)?.name ?? code }
    func departmentName(_ code: String) -> String { catalog.department(code: code)?.name ?? code }

    /// The regions shown beside this one: a city's counties, the province's cities.
    var parts: [Region] { engine.parts(of: region.code) }

    /// Indicator, name and unit: the first cells of most rows.
    func indicatorCells(_ indicator: Indicator) -> [RollupTable.Cell] {
        [.text(indicator.code), .text(indicator.name), .text(indicator.unit)]
    }

    /// What a headline figure covers, e.g. `2025年1-3月累计` or `2025-03期末`.
    func measure(_ indicator: Indicator, span: FigureSpan, at month: Period) -> String {
        let months = month.month == 1 ? "1月" : "1-\(month.month)月"
        switch (indicator.time, span) {
        case (.stock, _), (.cumulative, _): return "\(month)期末"
        case (_, .since(let year)): return "\(year)年1月至\(month)累计"
        case (_, .month): return "\(month)"
        case (.flow, _): return "\(month.year)年\(months)累计"
        case (.rate, _): return "\(month.year)年\(months)"
        }
    }

    static let statusColours: [(ProgressStatus, fill: UInt32, font: UInt32)] = [
        (.met, 0xC6EFCE, 0x006100), (.onTrack, 0xDDEBF7, 0x1F4E78),
        (.behind, 0xFCE4D6, 0xC00000), (.noData, 0xEDEDED, 0x7F7F7F),
    ]

    // MARK: 总览

    func overview() -> (table: RollupTable, sources: Set<FigureSource>) {
        let header = ["地区代码", "地区", "指标代码", "指标", "单位", "牵头部门", "规划", "2025年目标", "2027年目标",
                      "考核年份", "口径", "当前值", "2023年基数", "时间进度", "达成率", "状态"]
        var rows: [[RollupTable.Cell]] = []
        var sources = Set<FigureSource>()
        for place in [region] + parts {
            let targets = catalog.targets(region: place.code)
            var groups: [[Target]] = []
            var index: [String: Int] = [:]
            for target in targets {
                let key = target.plan + "\u{1}" + target.indicator
                if let at = index[key] { groups[at].append(target) } else {
                    index[key] = groups.count
                    groups.append([target])
                }
            }
            for group in groups {
                guard let governing = TargetEvaluation.governing(group, at: period),
                      let indicator = catalog.indicator(code: governing.indicator) else { continue }
                let evaluation = TargetEvaluation.evaluate(governing, at: period, engine: engine)
                sources.formUnion(evaluation.current?.sources ?? [])
                func targetText(_ year: Int) -> RollupTable.Cell {
                    .text(group.first { $0.year == year }.map { "\($0.op.symbol) \(Self.display($0.value))" })
                }
                let span: FigureSpan = indicator.time == .flow ? governing.entry.since.map { .since(year: $0) } ?? .yearToDate
                    : .yearToDate
                rows.append([.text(place.code), .text(place.name)] + indicatorCells(indicator) + [
                    .text(departmentName(indicator.lead)), .text(catalog.plan(id: governing.plan)?.title ?? governing.plan),
                    targetText(2025), targetText(2027), RollupTable.Cell(.number(Double(governing.year)), format: .general),
                    .text(measure(indicator, span: span, at: evaluation.period)), .figure(evaluation.current?.value),
                    indicator.time == .flow ? .empty : .figure(evaluation.base),
                    .percent(evaluation.elapsed), .percent(evaluation.progress.completion),
                    .text(evaluation.progress.status.rawValue),
                ])
            }
        }
        // Indicators without a target of this region, when there is a figure.
        let targeted = Set(catalog.targets(region: region.code).map(\.indicator))
        for indicator in catalog.indicators where !targeted.contains(indicator.code) {
            guard let figure = engine.figureOrReport(indicator.code, region: region.code, period: period,
                                                     span: .yearToDate) else { continue }
            sources.formUnion(figure.sources)
            rows.append([.text(region.code), .text(region.name)] + indicatorCells(indicator) + [
                .text(departmentName(indicator.lead)), .empty, .empty, .empty, .empty,
                .text(measure(indicator, span: .yearToDate, at: period)), .figure(figure.value),
                .empty, .empty, .empty, .empty,
            ])
        }
        let statusColumn = header.count - 1
        let table = RollupTable(
            name: "总览", header: header, rows: rows, frozenColumns: 4, dataBars: [statusColumn - 1],
            highlights: Self.statusColours.map {
                .init(columns: statusColumn...statusColumn, text: $0.0.rawValue, fill: $0.fill, font: $0.font)
            })
        return (table, sources)
    }

    // MARK: 分区县

    func counties() -> (table: RollupTable, sources: Set<FigureSource>) {
        let isProvince = region.level == .province
        let header = ["指标代码", "指标", "单位", "口径"] + parts.map(\.name)
            + [isProvince ? "各市合计" : "县区合计", isProvince ? "省报数" : "市报数", "差异", "差异超限"]
        var rows: [[RollupTable.Cell]] = []
        var sources = Set<FigureSource>()
        for indicator in catalog.indicators {
            let partFigures = parts.map { engine.figure(indicator.code, region: $0.code, period: period, span: .yearToDate) }
            let city = engine.cityReportedFigure(indicator.code, region: region.code, period: period, span: .yearToDate)
            guard city.fromCounties != nil || city.reported != nil else { continue }
            for figure in partFigures + [city.fromCounties, city.reported] { sources.formUnion(figure?.sources ?? []) }
            rows.append(indicatorCells(indicator) + [.text(measure(indicator, span: .yearToDate, at: period))]
                + partFigures.map { .figure($0?.value) }
                + [.figure(city.fromCounties?.value), .figure(city.reported?.value), .figure(city.difference),
                   .text(city.isFlagged ? "超出容差" : nil)])
        }
        let flagColumn = header.count - 1
        let table = RollupTable(name: "分区县", header: header, rows: rows, frozenColumns: 2,
                                highlights: [.init(columns: flagColumn...flagColumn, text: "超出容差",
                                                   fill: 0xFFEB9C, font: 0x9C5700)])
        return (table, sources)
    }

    // MARK: 月度趋势

    func trend() -> RollupTable {
        var months: [Period] = []
        var month = min(RollupTables.trendStart, Period(year: period.year, month: 1)!)
        while month <= period {
            months.append(month)
            month = month.advanced(by: 1)
        }
        var rows: [[RollupTable.Cell]] = []
        for indicator in catalog.indicators {
            let figures = months.map {
                engine.figureOrReport(indicator.code, region: region.code, period: $0, span: .month, withSources: false)
            }
            guard figures.contains(where: { $0 != nil }) else { continue }
            rows.append(indicatorCells(indicator) + figures.map { .figure($0?.value) })
        }
        return RollupTable(name: "月度趋势", header: ["指标代码", "指标", "单位"] + months.map(\.description),
                           rows: rows, frozenColumns: 2)
    }

    // MARK: 报送情况

    func reports(_ entries: [ReportCompleteness]) -> RollupTable {
        var regions: [String] = []
        var labels: [String: String] = [:]
        for entry in entries {
            if regions.last != entry.region, !regions.contains(entry.region) { regions.append(entry.region) }
            labels[entry.region + "/" + entry.department] = entry.label
        }
        let departments = Set(entries.map(\.department)).sorted()
        let rows: [[RollupTable.Cell]] = regions.map { code in
            [.text(code), .text(regionName(code))] + departments.map { .text(labels[code + "/" + $0]) }
        }
        let grid = 2...max(2, departments.count + 1)
        let colours: [(String, UInt32, UInt32)] = [
            ("已报", 0xC6EFCE, 0x006100), ("迟报", 0xFFEB9C, 0x9C5700), ("退回", 0xFFC7CE, 0x9C0006),
            ("未报", 0xFCE4D6, 0xC00000), ("未到期", 0xEDEDED, 0x7F7F7F),
        ]
        return RollupTable(name: "报送情况", header: ["地区代码", "地区"] + departments.map(departmentName),
                           rows: rows, frozenColumns: 2,
                           highlights: colours.map { .init(columns: grid, text: $0.0, fill: $0.1, font: $0.2) })
    }

    // MARK: 校验问题

    func issues(_ submissions: [SubmissionIssues]) -> RollupTable {
        let header = ["地区代码", "地区", "部门", "文件", "版本状态", "问题代码", "级别", "工作表", "单元格", "行", "列",
                      "说明", "Message"]
        let ordered = submissions.sorted {
            ($0.status.submitter.region, $0.status.submitter.department, $0.status.latestPath)
                < ($1.status.submitter.region, $1.status.submitter.department, $1.status.latestPath)
        }
        var rows: [[RollupTable.Cell]] = []
        for submission in ordered {
            let status = submission.status
            let state = switch status.latestStatus {
            case .accepted: "已接收"
            case .rejected: "已退回"
            case .superseded: "已替代"
            }
            for issue in submission.issues {
                rows.append([
                    .text(status.submitter.region), .text(regionName(status.submitter.region)),
                    .text(departmentName(status.submitter.department)), .text(status.latestPath), .text(state),
                    .text(issue.code), .text(issue.severity == .error ? "错误" : "警告"), .text(issue.location.sheet),
                    .text(issue.location.cell), issue.location.row.map { RollupTable.Cell(.number(Double($0))) } ?? .empty,
                    issue.location.column.map { RollupTable.Cell(.number(Double($0))) } ?? .empty,
                    .text(issue.messageZh), .text(issue.messageEn),
                ])
            }
        }
        return RollupTable(name: "校验问题", header: header, rows: rows, frozenColumns: 2,
                           highlights: [.init(columns: 6...6, text: "错误", fill: 0xFFC7CE, font: 0x9C0006)])
    }

    // MARK: 数据来源

    func sources(_ sources: Set<FigureSource>) -> RollupTable {
        let rows: [[RollupTable.Cell]] = sources.sorted().map { source in
            [.text(source.indicator), .text(catalog.indicator(code: source.indicator)?.name), .text(source.region),
             .text(regionName(source.region)), .text(source.period.description), .figure(source.value),
             .text(source.path), .text(source.sheet), .text(source.cell)]
        }
        return RollupTable(name: "数据来源",
                           header: ["指标代码", "指标", "地区代码", "地区", "期间", "数值", "文件", "工作表", "单元格"],
                           rows: rows, frozenColumns: 2)
    }

    /// A target value as people write it: `180,000`, `0.8`, `-95`.
    static func display(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 {
            let digits = String(Int(abs(value)))
            var grouped = ""
            for (offset, digit) in digits.enumerated() {
                if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
                grouped.append(digit)
            }
            return (value < 0 ? "-" : "") + grouped
        }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
