import Catalog
import Foundation
import Ledger
import Outbox
import Pipeline
import Rollup
import Sheets
import TestSupport
import Testing
import Vocabulary

@testable import Reports

/// The roll-up outputs of a small 聊城 ledger, written by `RollupJob` and read back.
@Suite struct RollupOutputTests {
    static let catalog: Catalog = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return CatalogLoader(schemas: root.appendingPathComponent("Schemas")).load().0
    }()
    static let now = Date(timeIntervalSince1970: 1_750_000_000)  // 2025-06-15
    static let tableNames = ["说明", "总览", "分区县", "月度趋势", "报送情况", "催报清单", "校验问题", "数据来源", "目标来源"]

    /// A temporary folder with a ledger holding 东昌府区 and 茌平区's March
    /// 2025 reports, the city's own NEV figure (50 over the counties'), a
    /// rejected file, and — when `secondCity` — a report of 嘉祥县 (济宁市);
    /// when `staleReport`, 东昌府区's big-data department's one report, of
    /// February 2024: 13 months before, out of sight of March 2025's grid.
    final class Deployment {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollup-out-\(UUID().uuidString)")
        let ledger: LedgerDatabase
        var outbox: OutboxLayout { OutboxLayout(root: folder.appendingPathComponent("Outbox").path) }

        init(secondCity: Bool = false, staleReport: Bool = false) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            ledger = try LedgerDatabase(path: folder.appendingPathComponent("ledger.sqlite").path)
            let march = Period(year: 2025, month: 3)!
            var files: [(String, [(String, Double)], [Vocabulary.Issue], department: String, Period)] = [
                ("371502", [("nev_stock", 1200), ("scrapped_vehicles", 30)], [], "commerce", march),
                ("371503", [("nev_stock", 500), ("scrapped_vehicles", 10)], [], "commerce", march),
                ("371500", [("nev_stock", 1750)], [], "commerce", march),
                (
                    "371521", [],
                    [
                        Issue(
                            code: "type-error", severity: .error, location: IssueLocation(sheet: "数据", a1: "D7"),
                            zh: "数值不是数字", en: "value is not a number")
                    ], "commerce", march
                ),
            ]
            if secondCity { files.append(("370829", [("nev_stock", 900)], [], "commerce", march)) }
            if staleReport { files.append(("371502", [], [], "big-data", Period(year: 2024, month: 2)!)) }
            for (number, (region, figures, issues, department, period)) in files.enumerated() {
                let version = NewVersion(
                    submitter: Submitter(region: region, department: department),
                    path: "\(region)/\(department)/\(period).csv", sha256: String(format: "%064x", number + 1),
                    size: 10, modified: Date(timeIntervalSince1970: 1_743_000_000),
                    receivedAt: Date(timeIntervalSince1970: 1_743_000_000),
                    layoutId: "records", periods: [period])
                let observations = figures.enumerated().map { row, figure in
                    ObservationRecord(
                        region: region, indicator: figure.0, period: period, value: figure.1,
                        writtenValue: String(figure.1), sheet: nil, cell: "D\(row + 2)")
                }
                _ = try ledger.inTransaction { try $0.record(version, observations: observations, issues: issues) }
            }
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func run(periods: [Period]? = nil) throws -> [String] {
            try RollupJob(
                catalog: RollupOutputTests.catalog, ledger: ledger, outbox: outbox, now: RollupOutputTests.now
            ).run(periods: periods)
        }
    }

    /// Every non-empty cell of a sheet by A1 reference, as text or number.
    static func cells(of path: String, sheet: String) throws -> [String: CellValue] {
        let workbook = try openWorkbook(atPath: path)
        let index = try #require(workbook.sheets.first { $0.name == sheet }).index
        var cells: [String: CellValue] = [:]
        _ = try workbook.readRows(ofSheet: index) { row in
            for cell in row.cells {
                cells[CellReference(row: row.number, column: cell.column).description] = row.value(of: cell)
            }
        }
        return cells
    }

    @Test func stageWritesWorkbookCSVAndJSONOfTheCity() throws {
        let deployment = try Deployment()
        let written = try deployment.run()
        let base = deployment.outbox.root + "/rollups/2025-03/371500-聊城市-2025-03"
        #expect(
            written.filter { !$0.hasSuffix(".svg") } == [base + ".xlsx"]
                + RollupOutputTests.tableNames.map {
                    base + "/\($0).csv"
                } + [base + ".json"])
        #expect(written.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        // One city with data: no province workbook.
        #expect(
            !FileManager.default.fileExists(atPath: deployment.outbox.root + "/rollups/2025-03/370000-山东省-2025-03.xlsx")
        )
        let csv = try Data(contentsOf: URL(fileURLWithPath: base + "/总览.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: csv.dropFirst(3), as: UTF8.self).hasPrefix("地区代码,地区,指标代码"))
    }

    @Test func workbookReadsBackWithItsSheetsAndFigures() throws {
        let deployment = try Deployment()
        let path = try deployment.run()[0]
        #expect(
            try openWorkbook(atPath: path).sheets.map(\.name)
                == ["一页纸"] + RollupOutputTests.tableNames + ["趋势图", "趋势图数据", "分区县对比", "分区县对比数据"])

        let overview = try Self.cells(of: path, sheet: "总览")
        #expect(overview["A1"] == .text("地区代码"))
        #expect(overview["Q1"] == .text("状态"))
        // The NEV target row of the city plan: ≥ 180,000 in 2025, 1,700 from the counties, behind.
        let nevRow = try #require(
            (2...200).first { overview["C\($0)"] == .text("nev_stock") && overview["H\($0)"] != nil })
        #expect(overview["B\(nevRow)"] == .text("聊城市"))
        #expect(overview["F\(nevRow)"] == .text("商务局"))
        #expect(overview["H\(nevRow)"] == .text("≥ 180,000"))
        #expect(overview["J\(nevRow)"] == .number(2025))
        #expect(overview["K\(nevRow)"] == .text("≥ 180,000"))
        #expect(overview["M\(nevRow)"] == .number(1700))
        // 达成率 kept to 0.01 %: 1,700 / 180,000 = 0.94 %.
        #expect(overview["P\(nevRow)"] == .number(0.0094))
        #expect(overview["Q\(nevRow)"] == .text("滞后"))
        #expect(overview["R\(nevRow)"] == .text("完整"))
        #expect(overview["S\(nevRow)"] == .text("覆盖 2/2 区县"))

        let counties = try Self.cells(of: path, sheet: "分区县")
        #expect(counties["E1"] == .text("东昌府区"))
        let countyRow = try #require((2...50).first { counties["A\($0)"] == .text("nev_stock") })
        #expect(counties["E\(countyRow)"] == .number(1200))
        #expect(counties["F\(countyRow)"] == .number(500))
        let sumColumn = try #require(counties.first { $0.value == .text("县区合计") }?.key.dropLast())
        let flagColumn = try #require(counties.first { $0.value == .text("差异超限") }?.key.dropLast())
        #expect(counties["\(sumColumn)\(countyRow)"] == .number(1700))
        #expect(counties["\(flagColumn)\(countyRow)"] == .text("超出容差"))

        let issues = try Self.cells(of: path, sheet: "校验问题")
        #expect(issues["A2"] == .text("371521"))
        #expect(issues["F2"] == .text("type-error"))
        #expect(issues["I2"] == .text("D7"))

        let reports = try Self.cells(of: path, sheet: "报送情况")
        #expect(reports["A2"] == .text("371500"))
        #expect(reports.values.contains(.text("退回")))
        #expect(reports.values.contains(.text("已报")))

        // Whom to chase, as `huanxin chase` lists them: 阳谷县's rejected report with its reason and file.
        let chase = try Self.cells(of: path, sheet: "催报清单")
        #expect(chase["A1"] == .text("市") && chase["F1"] == .text("情况") && chase["L1"] == .text("原因"))
        let rejected = try #require(
            (2...400).first { chase["B\($0)"] == .text("371521") && chase["D\($0)"] == .text("commerce") })
        #expect(chase["A\(rejected)"] == .text("聊城市") && chase["C\(rejected)"] == .text("阳谷县"))
        #expect(chase["E\(rejected)"] == .text("商务局") && chase["F\(rejected)"] == .text("退回"))
        #expect(
            chase["G\(rejected)"] == .text("2025-03") && chase["J\(rejected)"] == .text("371521/commerce/2025-03.csv"))
        #expect(chase["L\(rejected)"] == .text("数值不是数字"))
        #expect(chase.values.contains(.text("未报")))

        let sources = try Self.cells(of: path, sheet: "数据来源")
        #expect(sources.values.contains(.text("371502/commerce/2025-03.csv")))
    }

    @Test func overviewHasDataBarsAndStatusColours() throws {
        let deployment = try Deployment()
        let path = try deployment.run()[0]
        // 总览 is the third sheet, after 一页纸 and 说明.
        let sheet = String(decoding: try ZipArchive(path: path).readEntry("xl/worksheets/sheet3.xml"), as: UTF8.self)
        #expect(sheet.contains("<dataBar>"))
        #expect(sheet.contains(#"<conditionalFormatting sqref="P2:P"#))
        for status in ["已达标", "进度正常", "滞后", "未达标", "无数据"] {
            #expect(sheet.contains("<formula>\"\(status)\"</formula>"))
        }
        #expect(sheet.contains(#"<pane xSplit="4" ySplit="1""#))
        let styles = String(decoding: try ZipArchive(path: path).readEntry("xl/styles.xml"), as: UTF8.self)
        #expect(styles.contains(#"formatCode="0.0%""#))
    }

    @Test func sameLedgerGivesTheSameBytes() throws {
        let deployment = try Deployment()
        let paths = try deployment.run()
        let first = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let second = try deployment.run().map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        #expect(paths.filter { !$0.hasSuffix(".svg") }.count == 11)  // workbook, 9 CSV tables, JSON
        #expect(first == second)
    }

    @Test func jsonHoldsTheSameTables() throws {
        let deployment = try Deployment()
        let written = try deployment.run()
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: written.last!)))
                as? [String: Any])
        #expect(json["period"] as? String == "2025-03")
        #expect(json["schemaVersion"] as? Int == RollupJSON.schemaVersion)
        let pretty = try JSONSerialization.data(
            withJSONObject: json, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try Golden().expect(pretty, matches: "rollup-371500-2025-03.json")
        let tables = try #require(json["tables"] as? [[String: Any]])
        #expect(tables.map { $0["name"] as? String } == RollupOutputTests.tableNames)
        #expect(json["asOf"] as? String == "2025-03-26T14:40:00Z")
        let counties = try #require(tables[2]["rows"] as? [[Any]])
        let nev = try #require(counties.first { $0.first as? String == "nev_stock" })
        #expect(nev[4] as? Double == 1200)
    }

    /// The roll-up's 报送情况 is the grid `huanxin status` shows for the
    /// month: the same twelve months decide who is expected, so a department
    /// last heard from 13 months before is expected by neither.
    @Test func reportsSheetListsWhomStatusLists() throws {
        let deployment = try Deployment(staleReport: true)
        let written = try deployment.run(periods: [Period(year: 2025, month: 3)!])
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: written.last!)))
                as? [String: Any])
        let table = try #require((json["tables"] as? [[String: Any]])?.first { $0["name"] as? String == "报送情况" })
        let header = try #require(table["header"] as? [String])
        let rows = try #require(table["rows"] as? [[Any]])
        var inRollup: Set<String> = []
        for row in rows {
            for (name, label) in zip(header.dropFirst(2), row.dropFirst(2)) {
                if let label = label as? String { inRollup.insert("\(row[0])/\(name)/\(label)") }
            }
        }
        let status = try StatusQuery(catalog: Self.catalog, ledger: deployment.ledger).report(
            period: Period(year: 2025, month: 3)!, city: "371500",
            scope: AccessScope(wholeDeploymentOf: Self.catalog), calendar: ProgrammeCalendar(now: Self.now))
        let cells = try #require(status.cities.first).cells
        let inStatus = Set(
            cells.map {
                "\($0.region)/\(Self.catalog.department(code: $0.department)?.name ?? $0.department)/\($0.label)"
            })
        #expect(!cells.contains { $0.region == "371502" && $0.department == "big-data" })
        #expect(inRollup.count > 4)
        #expect(inRollup == inStatus)
    }

    @Test func provinceWorkbookWhenTwoCitiesHaveData() throws {
        let deployment = try Deployment(secondCity: true)
        let written = try deployment.run()
        let province = deployment.outbox.root + "/rollups/2025-03/370000-山东省-2025-03.xlsx"
        #expect(written.contains(province))
        #expect(written.contains(deployment.outbox.root + "/rollups/2025-03/370800-济宁市-2025-03.xlsx"))
        let counties = try Self.cells(of: province, sheet: "分区县")
        let row = try #require((2...50).first { counties["A\($0)"] == .text("nev_stock") })
        let sumColumn = try #require(counties.first { $0.value == .text("各市合计") }?.key.dropLast())
        #expect(counties["\(sumColumn)\(row)"] == .number(2600))
    }
}
