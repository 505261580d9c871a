import ArgumentParser
import Catalog
import Foundation
import Ledger
import Rollup

/// `huanxin status`: who has reported for a month, who is late, rejected or missing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "报送情况 Who has reported for a month: accepted, late, rejected, missing.",
        discussion: """
            终端上按市显示 地区 × 部门 表格；--json 输出数组，每个 地区 × 部门 × 期间 一项，
            键 region, department, period, state (accepted | late | rejected | missing), observations, …
            A grid per city (regions × departments) on the terminal; with --json an array with one
            object per expected or received region × department × period.
            """
    )

    @OptionGroup var options: DeploymentOptions

    @Option(help: "期间 Period YYYY-MM (default: the last complete month).")
    var period: String?

    @Option(help: "市代码 City code (default: every city the ledger has reports from).")
    var city: String?

    @Option(help: "账本文件 Ledger file (default: Outbox/ledger.sqlite).")
    var ledger: String?

    @Flag(help: "输出 JSON Print JSON instead of a grid.")
    var json = false

    func run() throws {
        let catalog = try SchemasCommand.loadCatalog(options)
        let completeness = Completeness(catalog: catalog)
        let chosen: Period
        if let period {
            guard let parsed = Period(period) else { throw ValidationError("期间应为 YYYY-MM period must be YYYY-MM: \(period)") }
            chosen = parsed
        } else {
            chosen = completeness.lastCompletePeriod(before: Date())
        }
        let ledgerPath = ledger ?? options.deployment.outbox.ledger
        let statuses = FileManager.default.fileExists(atPath: ledgerPath)
            ? try LedgerDatabase(path: ledgerPath).reportStatuses(periods: chosen...chosen) : []
        let cities: [String]
        if let city {
            guard catalog.region(code: city) != nil else { throw ValidationError("未知地区 unknown region: \(city)") }
            cities = [city]
        } else {
            let all = catalog.regions.filter { $0.level == .city }.map(\.code)
            let reporting = all.filter { code in statuses.contains { catalog.isWithin(region: $0.submitter.region, ancestor: code) } }
            cities = reporting.isEmpty ? all : reporting
        }
        let grids = cities.map { (city: $0, cells: completeness.grid(city: $0, periods: [chosen], statuses: statuses, now: Date())) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            FileHandle.standardOutput.write(try encoder.encode(grids.flatMap(\.cells)) + Data("\n".utf8))
            return
        }
        for grid in grids { printGrid(city: grid.city, period: chosen, cells: grid.cells, completeness: completeness) }
    }

    /// Regions down, departments across, one state word per cell; blank where none is expected.
    private func printGrid(city: String, period: Period, cells: [ReportCompleteness], completeness: Completeness) {
        let catalog = completeness.catalog
        let name = catalog.region(code: city)?.name ?? city
        print("\(name)（\(city)）\(period) 报送情况 reports — 截止 due: \(completeness.lateAfter(period).map(dueText) ?? "无 none")")
        let departments = cells.map(\.department).uniqued()
        let regions = cells.map(\.region).uniqued()
        let byKey = Dictionary(cells.map { ("\($0.region)/\($0.department)", $0) }, uniquingKeysWith: { a, _ in a })
        let header = ["地区 region"] + departments.map { catalog.department(code: $0)?.name ?? $0 }
        let rows = regions.map { region in
            ["\(catalog.region(code: region)?.name ?? region) \(region)"]
                + departments.map { byKey["\(region)/\($0)"]?.label ?? "" }
        }
        TableOutput.write(header: header, rows: rows, format: .table)
        let counts = ReportState.allCases.map { state in "\(state.chinese) \(state.rawValue) \(cells.filter { $0.state == state }.count)" }
        print("合计 totals: " + counts.joined(separator: "  "))
        print()
    }

    /// The first late instant, shown as the last on-time day.
    private func dueText(_ lateAfter: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let day = calendar.dateComponents([.year, .month, .day], from: lateAfter.addingTimeInterval(-1))
        return String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
