import Catalog
import Foundation
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

/// A region's roll-up for one period, as the tables of the design: 说明
/// (period, the ledger's as-of time, coverage), 总览, 分区县, 月度趋势,
/// 报送情况, 催报清单 (whom to chase, as `huanxin chase` lists them), 校验问题,
/// 数据来源, 目标来源. Everything sorted, nothing from the clock, so the same
/// ledger gives the same tables.
public struct RollupTables {
    public let region: Region
    public let period: Period
    /// When the latest report counted was received (China time), or nil for an empty ledger.
    public let asOf: Date?
    /// The header block's coverage line: reports in of those expected.
    public let coverage: String
    public let tables: [RollupTable]
    /// Each of the region's targets month by month, for the 趋势图 charts.
    public let trends: [TargetTrend]

    /// The first month of 月度趋势: the plans' base year.
    public static let trendStart = Period(year: TargetEvaluation.baseYear, month: 1)!

    /// `chase`: each city's `ChaseList` entries for the period (a city's roll-up has one city).
    public init(
        region: Region, period: Period, engine: RollupEngine, completeness: [ReportCompleteness],
        chase: [(city: String, entries: [ChaseEntry])] = [], issues: [SubmissionIssues]
    ) {
        self.region = region
        self.period = period
        asOf = engine.asOf
        coverage = Builder.reportCoverage(completeness)
        trends = TargetTrend.trends(region: region, period: period, engine: engine)
        let builder = Builder(region: region, period: period, engine: engine)
        let overview = builder.overview()
        let counties = builder.counties()
        let trend = builder.trend()
        let found = overview.found.merged(with: counties.found)
        let body = [
            overview.table, counties.table, trend.table, builder.reports(completeness), ChaseWorkbook.table(chase),
            builder.issues(issues, implausible: found.implausible), builder.sources(found.sources),
            builder.targetSources(),
        ]
        tables =
            [
                builder.about(
                    asOf: asOf, reports: coverage,
                    partialRows: overview.partialRows + counties.partialRows
                        + trend.partialRows)
            ] + body
    }
}

/// What building the figure tables found besides the rows: the reports
/// behind them and the totals withheld as implausible.
private struct Found {
    var sources = Set<FigureSource>()
    /// Region, indicator → the value withheld.
    var implausible: [String: Double] = [:]

    mutating func note(_ figure: RegionFigure?, region: String, indicator: String) {
        guard let figure else { return }
        sources.formUnion(figure.sources)
        if !figure.isPlausible { implausible[region + "\u{1}" + indicator] = figure.value }
    }

    func merged(with other: Found) -> Found {
        Found(sources: sources.union(other.sources), implausible: implausible.merging(other.implausible) { a, _ in a })
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
    func planTitle(_ id: String) -> String { catalog.plan(id: id)?.title ?? id }

    /// The regions shown beside this one: a city's counties, the province's cities.
    var parts: [Region] { engine.parts(of: region.code) }

    /// What a coverage counts: 区县 of a city, 市 of the province.
    var partsNoun: String { region.level == .province ? "市" : "区县" }

    func coverageText(_ figure: RegionFigure?) -> RollupTable.Cell {
        .text(figure.map { $0.coverage.text(parts: partsNoun, name: regionName) })
    }

    /// 完整 or 部分: the mark CSV and JSON readers filter on.
    static func completeness(_ figure: RegionFigure?) -> RollupTable.Cell {
        .text(figure.map { $0.coverage.isPartial ? partialMark : "完整" })
    }

    static let partialMark = "部分"

    /// Decimals shown of the indicator's figures: its own, else its unit's.
    func decimals(_ indicator: Indicator) -> Int { catalog.decimals(of: indicator) }

    /// A figure of the indicator, rounded, withheld when implausible, shaded when partial.
    func figureCell(_ figure: RegionFigure?, _ indicator: Indicator) -> RollupTable.Cell {
        .figure(figure?.published, decimals: decimals(indicator), partial: figure?.coverage.isPartial == true)
    }

    /// Indicator, name and unit: the first cells of most rows.
    func indicatorCells(_ indicator: Indicator) -> [RollupTable.Cell] {
        [.text(indicator.code), .text(indicator.name), .text(indicator.unit)]
    }

    /// What a headline figure covers, e.g. `2025年1-3月累计`, `2025-03期末`,
    /// `2025-03期末值` or `2025年1-3月平均` for a rate (see `RateTime`).
    func measure(_ indicator: Indicator, span: FigureSpan, at month: Period) -> String {
        let months = month.month == 1 ? "1月" : "1-\(month.month)月"
        switch (indicator.time, span) {
        case (.stock, _), (.cumulative, _): return "\(month)期末"
        case (_, .since(let year)): return "\(year)年1月至\(month)累计"
        case (.flow, .month): return "\(month)"
        case (.flow, _): return "\(month.year)年\(months)累计"
        case (.rate, _): break
        }
        let ytd = span == .month ? "\(month)" : "\(month.year)年\(months)"
        switch indicator.method {
        case .growth(let of, let baseYear, let annualised):
            let stockLike = catalog.indicator(code: of).map { $0.time != .flow } ?? false
            let now = stockLike ? "\(month)期末" : ytd
            return "\(now)较\(baseYear)年同期" + (annualised ? "年均增长" : "增长")
        case .weighted:
            return engine.rateTime(of: indicator.code) == .end ? "\(month)期末值" : "\(ytd)平均"
        case .ratio(let numerator, _), .share(let numerator, _):
            return catalog.indicator(code: numerator)?.time == .flow ? "\(ytd)累计计算" : "\(month)期末值"
        case .sum:
            return "\(month)期末值"
        }
    }

    static let statusColours: [(ProgressStatus, fill: UInt32, font: UInt32)] = [
        (.met, 0xC6EFCE, 0x006100), (.onTrack, 0xDDEBF7, 0x1F4E78),
        (.behind, 0xFCE4D6, 0xC00000), (.missed, 0xFFC7CE, 0x9C0006), (.noData, 0xEDEDED, 0x7F7F7F),
    ]

    /// Highlights of the 数据完整性 column's 部分.
    static func partialHighlight(_ column: Int) -> RollupTable.Highlight {
        .init(columns: column...column, text: partialMark, fill: 0xFFEB9C, font: 0x9C5700)
    }

    // MARK: 说明

    /// The header block: what the roll-up is of, as of when, and how complete.
    func about(asOf: Date?, reports: String, partialRows: Int) -> RollupTable {
        let rows: [(String, String)] = [
            ("地区", "\(region.name)（\(region.code)）"),
            ("期间", "\(period)（年累计为 \(period.year)年1-\(period.month)月）"),
            ("台账截至", asOf.map(Self.chinaTime) ?? "台账为空"),
            ("报送覆盖", reports),
            ("不完整数字", partialRows == 0 ? "无" : "\(partialRows) 行缺少应报数据，见各表“数据完整性”“覆盖”列"),
            ("达成率", "100% 即达到目标，超过 100% 即超过目标；“≤”目标为从2023年基数降向目标已完成的比例"),
            ("状态", "已达标；进度正常（不低于时间进度应达到的值）；滞后；未达标（目标年度已结束仍未达到）；无数据"),
        ]
        return RollupTable(name: "说明", header: ["项目", "内容"], rows: rows.map { [.text($0.0), .text($0.1)] })
    }

    /// `2026-11-08 09:30`, China time.
    static func chinaTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d（北京时间）", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    /// `已报 118/130 份（迟报 1）· 退回 2 · 未报 10`, of the reports expected and due.
    static func reportCoverage(_ entries: [ReportCompleteness]) -> String {
        let expected = entries.filter { $0.expected && $0.isDue }
        func count(_ state: ReportState) -> Int { expected.filter { $0.state == state }.count }
        let counted = count(.accepted) + count(.late)
        var text = "已报 \(counted)/\(expected.count) 份"
        if count(.late) > 0 { text += "（迟报 \(count(.late))）" }
        if count(.rejected) > 0 { text += " · 退回未更正 \(count(.rejected))" }
        if count(.missing) > 0 { text += " · 未报 \(count(.missing))" }
        return text
    }

    // MARK: 总览

    /// A target as people write it: `≥ 180,000`, `≤ -95`, `＝ 100` (a
    /// full-width ＝, which no spreadsheet reads as a formula).
    static func targetText(_ target: Target) -> String {
        let symbol = target.op == .equal ? "＝" : target.op.symbol
        return "\(symbol) \(display(target.value))"
    }

    /// `2027年 ≥ 60：进度正常 65.0%`, the plan named when it is not `plan`.
    func otherTargetText(_ target: Target, besides plan: String) -> String {
        var text = "\(target.year)年 \(Self.targetText(target))"
        if target.plan != plan { text += "（\(planTitle(target.plan))）" }
        if target.isEveryYear, target.year > period.year { return text + "：未到年份" }
        let evaluation = TargetEvaluation.evaluate(target, at: period, engine: engine)
        text += "：\(evaluation.progress.status.rawValue)"
        if let completion = evaluation.progress.completion, completion.isFinite {
            text += String(format: " %.1f%%", completion * 100)
        }
        return text
    }

    func overview() -> (table: RollupTable, found: Found, partialRows: Int) {
        let header = [
            "地区代码", "地区", "指标代码", "指标", "单位", "牵头部门", "规划", "2025年目标", "2027年目标",
            "考核年份", "考核目标", "口径", "当前值", "2023年基数", "时间进度", "达成率", "状态", "数据完整性",
            "覆盖", "其他目标",
        ]
        var rows: [[RollupTable.Cell]] = []
        var found = Found()
        var partialRows = 0
        for place in [region] + parts {
            let targets = catalog.targets(region: place.code)
            // One row per target as the plan writes it (its years together), in plan order.
            var entries: [[Target]] = []
            var index: [TargetEntry: Int] = [:]
            for target in targets {
                if let at = index[target.entry] {
                    entries[at].append(target)
                } else {
                    index[target.entry] = entries.count
                    entries.append([target])
                }
            }
            for entry in entries {
                guard let governing = TargetEvaluation.governing(entry, at: period),
                    let indicator = catalog.indicator(code: governing.indicator)
                else { continue }
                let evaluation = TargetEvaluation.evaluate(governing, at: period, engine: engine)
                found.note(evaluation.current, region: place.code, indicator: indicator.code)
                if evaluation.current?.coverage.isPartial == true { partialRows += 1 }
                let ofYear = { (year: Int) -> RollupTable.Cell in
                    .text(entry.first { $0.year == year }.map(Self.targetText))
                }
                let others = targets.filter { $0.indicator == governing.indicator && $0 != governing }
                rows.append(
                    [.text(place.code), .text(place.name)] + indicatorCells(indicator) + [
                        .text(departmentName(indicator.lead)), .text(planTitle(governing.plan)),
                        ofYear(2025), ofYear(2027), .integer(governing.year), .text(Self.targetText(governing)),
                        .text(
                            measure(
                                indicator, span: TargetEvaluation.span(of: governing, in: catalog),
                                at: evaluation.period)),
                        figureCell(evaluation.current, indicator),
                        indicator.time == .flow ? .empty : .figure(evaluation.base, decimals: decimals(indicator)),
                        .percent(evaluation.elapsed), .percent(evaluation.progress.completion),
                        .text(evaluation.progress.status.rawValue), Self.completeness(evaluation.current),
                        coverageText(evaluation.current),
                        .text(
                            others.isEmpty
                                ? nil
                                : others.map { otherTargetText($0, besides: governing.plan) }
                                    .joined(separator: "；")),
                    ])
            }
        }
        // Indicators without a target of this region, when there is a figure.
        let targeted = Set(catalog.targets(region: region.code).map(\.indicator))
        for indicator in catalog.indicators where !targeted.contains(indicator.code) {
            guard
                let figure = engine.figureOrReport(
                    indicator.code, region: region.code, period: period,
                    span: .yearToDate)
            else { continue }
            found.note(figure, region: region.code, indicator: indicator.code)
            if figure.coverage.isPartial { partialRows += 1 }
            rows.append(
                [.text(region.code), .text(region.name)] + indicatorCells(indicator) + [
                    .text(departmentName(indicator.lead)), .empty, .empty, .empty, .empty, .empty,
                    .text(measure(indicator, span: .yearToDate, at: period)), figureCell(figure, indicator),
                    .empty, .empty, .empty, .empty, Self.completeness(figure), coverageText(figure), .empty,
                ])
        }
        let statusColumn = header.firstIndex(of: "状态")!
        // Twenty columns print one A4 page wide at 60% (RollupPrinting.smallestScale) with the long
        // texts wrapped: a plan's title in 3 lines, most rows in 2 or 3.
        let wrapped: [String: Double] = [
            "地区代码": 10, "地区": 10, "指标代码": 13, "指标": 16, "牵头部门": 10, "规划": 16, "2025年目标": 10,
            "2027年目标": 10, "考核目标": 10, "口径": 11, "覆盖": 11, "其他目标": 20,
        ]
        let table = RollupTable(
            name: "总览", header: header, rows: rows, frozenColumns: 4,
            dataBars: [header.firstIndex(of: "达成率")!],
            wrapped: Dictionary(uniqueKeysWithValues: wrapped.map { (header.firstIndex(of: $0.key)!, $0.value) }),
            highlights: Self.statusColours.map {
                .init(columns: statusColumn...statusColumn, text: $0.0.rawValue, fill: $0.fill, font: $0.font)
            } + [Self.partialHighlight(statusColumn + 1)])
        return (table, found, partialRows)
    }

    // MARK: 分区县

    func counties() -> (table: RollupTable, found: Found, partialRows: Int) {
        let isProvince = region.level == .province
        let header =
            ["指标代码", "指标", "单位", "口径"] + parts.map(\.name)
            + [isProvince ? "各市合计" : "县区合计", isProvince ? "省报数" : "市报数", "差异", "差异超限", "数据完整性", "覆盖"]
        var rows: [[RollupTable.Cell]] = []
        var found = Found()
        var partialRows = 0
        for indicator in catalog.indicators {
            let partFigures = parts.map {
                engine.figure(indicator.code, region: $0.code, period: period, span: .yearToDate)
            }
            let city = engine.cityReportedFigure(indicator.code, region: region.code, period: period, span: .yearToDate)
            guard city.fromCounties != nil || city.reported != nil else { continue }
            for (part, figure) in zip(parts, partFigures) {
                found.note(figure, region: part.code, indicator: indicator.code)
            }
            found.note(city.fromCounties, region: region.code, indicator: indicator.code)
            found.note(city.reported, region: region.code, indicator: indicator.code)
            if city.fromCounties?.coverage.isPartial == true { partialRows += 1 }
            let plausible = city.fromCounties?.isPlausible != false && city.reported?.isPlausible != false
            // A difference from counties with gaps is the gaps, not a disagreement.
            let flag =
                !plausible || !city.isFlagged
                ? nil
                : city.fromCounties?.coverage.isPartial == true ? "区县数据不全" : "超出容差"
            rows.append(
                indicatorCells(indicator) + [.text(measure(indicator, span: .yearToDate, at: period))]
                    + partFigures.map { figureCell($0, indicator) }
                    + [
                        figureCell(city.fromCounties, indicator), figureCell(city.reported, indicator),
                        .figure(plausible ? city.difference : nil, decimals: decimals(indicator)), .text(flag),
                        Self.completeness(city.fromCounties), coverageText(city.fromCounties),
                    ])
        }
        let flagColumn = header.firstIndex(of: "差异超限")!
        let table = RollupTable(
            name: "分区县", header: header, rows: rows, frozenColumns: 2,
            highlights: [
                .init(
                    columns: flagColumn...flagColumn, text: "超出容差",
                    fill: 0xFFEB9C, font: 0x9C5700),
                .init(
                    columns: flagColumn...flagColumn, text: "区县数据不全",
                    fill: 0xEDEDED, font: 0x7F7F7F),
                Self.partialHighlight(flagColumn + 1),
            ])
        return (table, found, partialRows)
    }

    // MARK: 月度趋势

    func trend() -> (table: RollupTable, partialRows: Int) {
        var months: [Period] = []
        var month = min(RollupTables.trendStart, Period(year: period.year, month: 1)!)
        while month <= period {
            months.append(month)
            month = month.advanced(by: 1)
        }
        var rows: [[RollupTable.Cell]] = []
        var partialRows = 0
        for indicator in catalog.indicators {
            let figures = months.map {
                engine.figureOrReport(indicator.code, region: region.code, period: $0, span: .month, withSources: false)
            }
            guard figures.contains(where: { $0 != nil }) else { continue }
            let gaps = zip(months, figures).filter { $0.1?.coverage.isPartial == true }.map(\.0.description)
            if !gaps.isEmpty { partialRows += 1 }
            rows.append(
                indicatorCells(indicator) + figures.map { figureCell($0, indicator) }
                    + [.text(gaps.isEmpty ? nil : gaps.joined(separator: "、"))])
        }
        let table = RollupTable(
            name: "月度趋势", header: ["指标代码", "指标", "单位"] + months.map(\.description) + ["缺报月份"],
            rows: rows, frozenColumns: 2)
        return (table, partialRows)
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
        return RollupTable(
            name: "报送情况", header: ["地区代码", "地区"] + departments.map(departmentName),
            rows: rows, frozenColumns: 2,
            highlights: colours.map { .init(columns: grid, text: $0.0, fill: $0.1, font: $0.2) })
    }

    // MARK: 校验问题

    /// The code of a roll-up issue: a total not finite or outside the indicator's range.
    static let implausibleTotal = "rollup-total-out-of-range"

    func issues(_ submissions: [SubmissionIssues], implausible: [String: Double]) -> RollupTable {
        let header = [
            "地区代码", "地区", "部门", "文件", "版本状态", "问题代码", "级别", "工作表", "单元格", "行", "列",
            "说明", "Message",
        ]
        let ordered = submissions.sorted {
            ($0.status.submitter.region, $0.status.submitter.department, $0.status.latestPath)
                < ($1.status.submitter.region, $1.status.submitter.department, $1.status.latestPath)
        }
        var rows: [[RollupTable.Cell]] = []
        for submission in ordered {
            let status = submission.status
            let state =
                switch status.latestStatus {
                case .accepted: "已接收"
                case .rejected: "已退回"
                case .superseded: "已替代"
                }
            for issue in submission.issues {
                rows.append([
                    .text(status.submitter.region), .text(regionName(status.submitter.region)),
                    .text(departmentName(status.submitter.department)), .text(status.latestPath), .text(state),
                    .text(issue.code), .text(issue.severity == .error ? "错误" : "警告"), .text(issue.location.sheet),
                    .text(issue.location.cell), .integer(issue.location.row), .integer(issue.location.column),
                    .text(issue.messageZh), .text(issue.messageEn),
                ])
            }
        }
        // Totals withheld: the sum of plausible reports left the indicator's range (or overflowed).
        for key in implausible.keys.sorted() {
            let parts = key.split(separator: "\u{1}").map(String.init)
            guard let indicator = catalog.indicator(code: parts[1]) else { continue }
            let range = "\(indicator.minimum.map(Self.display) ?? "−∞")–\(indicator.maximum.map(Self.display) ?? "+∞")"
            let value = implausible[key]!
            let written = value.isFinite ? String(format: "%.6g", value) : "溢出"
            rows.append([
                .text(parts[0]), .text(regionName(parts[0])), .text(departmentName(indicator.lead)), .empty,
                .text("汇总"),
                .text(Self.implausibleTotal), .text("错误"), .empty, .empty, .empty, .empty,
                .text(
                    "\(indicator.name)（\(indicator.code)）的汇总值 \(written) 超出有效范围 \(range) \(indicator.unit)，未发布；请核对数据来源"),
                .text(
                    "the total of \(indicator.code) (\(value.isFinite ? String(format: "%.6g", value) : "overflow")) "
                        + "is outside its valid range \(range); not published, check the sources"),
            ])
        }
        return RollupTable(
            name: "校验问题", header: header, rows: rows, frozenColumns: 2,
            highlights: [.init(columns: 6...6, text: "错误", fill: 0xFFC7CE, font: 0x9C0006)])
    }

    // MARK: 数据来源

    func sources(_ sources: Set<FigureSource>) -> RollupTable {
        let rows: [[RollupTable.Cell]] = sources.sorted().map { source in
            let indicator = catalog.indicator(code: source.indicator)
            return [
                .text(source.indicator), .text(indicator?.name), .text(source.region),
                .text(regionName(source.region)), .text(source.period.description),
                .text(source.writtenValue), .text(source.writtenUnit ?? indicator?.unit),
                .figure(source.value, decimals: 6), .text(indicator?.unit),
                .text(source.path), .text(source.sheet), .text(source.cell),
            ]
        }
        return RollupTable(
            name: "数据来源",
            header: [
                "指标代码", "指标", "地区代码", "地区", "期间", "填报值", "填报单位", "换算值", "单位",
                "文件", "工作表", "单元格",
            ],
            rows: rows, frozenColumns: 2)
    }

    // MARK: 目标来源

    /// Every target of the region and its parts with its plan and the plan's
    /// own sentence, so a reader can check the target against the document.
    func targetSources() -> RollupTable {
        var rows: [[RollupTable.Cell]] = []
        for place in [region] + parts {
            for target in catalog.targets(region: place.code) {
                let plan = catalog.plan(id: target.plan)
                let indicator = catalog.indicator(code: target.indicator)
                rows.append([
                    .text(place.code), .text(place.name), .text(target.indicator), .text(indicator?.name),
                    .text(plan?.title ?? target.plan), .text(plan?.documentNumber ?? "（无文号）"),
                    .text(plan?.date), .integer(target.year), .text(Self.targetText(target)),
                    .figure(target.value, decimals: 6), .text(indicator?.unit),
                    .text(target.entry.since.map { "\($0)年起累计" }), .text(target.entry.written),
                    .text(target.sentence),
                ])
            }
        }
        return RollupTable(
            name: "目标来源",
            header: [
                "地区代码", "地区", "指标代码", "指标", "规划", "文号", "印发日期", "目标年份", "目标",
                "目标值", "单位", "累计起点", "规划写法", "规划原文",
            ],
            rows: rows, frozenColumns: 4)
    }

    /// A value as people write it: `180,000`, `0.8`, `-95`.
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
