import Catalog
import Foundation
import Ledger
import Outbox
import Pipeline
import Sheets
import Testing
import Vocabulary

/// What a reader of the roll-up sees: rounded figures, operators without a
/// formula guard, every figure's coverage, totals withheld when implausible,
/// the header block, the targets' sources and the cells as written.
@Suite struct RollupReaderTests {
    /// March 2025 of 聊城: gas pipes 0.1 + 0.2 km, 东昌府区's NEVs written as
    /// 0.12 万辆, industrial output for 东昌府区 in February and March but for
    /// 茌平区 in March only, and energy consumption of 1E+308 from each county.
    final class Deployment {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollup-reader-\(UUID().uuidString)")
        let ledger: LedgerDatabase
        var outbox: OutboxLayout { OutboxLayout(root: folder.appendingPathComponent("Outbox").path) }
        var base: String { outbox.root + "/rollups/2025-03/371500-聊城市-2025-03" }

        init() throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            ledger = try LedgerDatabase(path: folder.appendingPathComponent("ledger.sqlite").path)
            let files: [(String, String, String, [(String, Double, String, String?)])] = [
                ("371502", "housing", "2025-03", [("gas_pipes_renewed", 0.1, "0.1", nil)]),
                ("371503", "housing", "2025-03", [("gas_pipes_renewed", 0.2, "0.2", nil)]),
                ("371502", "commerce", "2025-03", [("nev_stock", 1200, "0.12", "万辆")]),
                ("371502", "industry", "2025-02", [("industrial_output", 100, "100", nil)]),
                (
                    "371502", "industry", "2025-03",
                    [("industrial_output", 100, "100", nil), ("energy_consumption", 1e308, "1E+308", nil)]
                ),
                (
                    "371503", "industry", "2025-03",
                    [("industrial_output", 50, "50", nil), ("energy_consumption", 1e308, "1E+308", nil)]
                ),
            ]
            for (number, (region, department, month, figures)) in files.enumerated() {
                let period = Period(month)!
                let received = Date(timeIntervalSince1970: 1_743_000_000 + Double(number) * 60)
                let version = NewVersion(
                    submitter: Submitter(region: region, department: department),
                    path: "\(region)/\(department)/\(month).csv", sha256: String(format: "%064x", number + 1), size: 10,
                    modified: received, receivedAt: received, layoutId: "records", periods: [period])
                let observations = figures.enumerated().map { row, figure in
                    ObservationRecord(
                        region: region, indicator: figure.0, period: period, value: figure.1,
                        writtenValue: figure.2, writtenUnit: figure.3, sheet: "数据", cell: "D\(row + 2)")
                }
                _ = try ledger.inTransaction { try $0.record(version, observations: observations, issues: []) }
            }
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        @discardableResult
        func run() throws -> [String] {
            try RollupJob(
                catalog: RollupOutputTests.catalog, ledger: ledger, outbox: outbox,
                now: RollupOutputTests.now
            ).run(periods: [Period(year: 2025, month: 3)!])
        }

        /// A CSV table as rows of fields, and its raw text.
        func csv(_ table: String) throws -> (rows: [[String]], text: String) {
            let text = String(
                decoding: try Data(contentsOf: URL(fileURLWithPath: base + "/\(table).csv")).dropFirst(3),
                as: UTF8.self)
            return (text.split(separator: "\r\n", omittingEmptySubsequences: true).map(Self.fields), text)
        }

        /// The fields of one CSV line (quoted fields may hold commas; our tables have no line breaks in fields).
        static func fields(_ line: Substring) -> [String] {
            var fields: [String] = []
            var field = ""
            var quoted = false
            var previous: Character?
            for character in line {
                if character == "\"" {
                    if quoted, previous == "\"" { field.append("\"") }
                    quoted.toggle()
                } else if character == ",", !quoted {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
                previous = character
            }
            return fields + [field]
        }

        /// The row of `table` whose column `key` is `value`, by header name.
        func row(_ table: String, _ key: String, _ value: String) throws -> [String: String] {
            let rows = try csv(table).rows
            let header = rows[0]
            let index = try #require(header.firstIndex(of: key))
            let row = try #require(rows.dropFirst().first { $0.count > index && $0[index] == value })
            return Dictionary(zip(header, row), uniquingKeysWith: { a, _ in a })
        }
    }

    @Test func figuresAreRoundedToTheIndicatorsPrecision() throws {
        let deployment = try Deployment()
        try deployment.run()
        // 0.1 + 0.2 is 0.30000000000000004 in binary; the reader sees 0.3 (km to two decimals).
        let gas = try deployment.row("分区县", "指标代码", "gas_pipes_renewed")
        #expect(gas["县区合计"] == "0.3")
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: deployment.base + ".json"))) as? [String: Any])
        let tables = try #require(json["tables"] as? [[String: Any]])
        let counties = try #require(tables.first { $0["name"] as? String == "分区县" })
        let header = try #require(counties["header"] as? [String])
        let row = try #require((counties["rows"] as? [[Any]])?.first { $0.first as? String == "gas_pipes_renewed" })
        #expect(row[try #require(header.firstIndex(of: "县区合计"))] as? Double == 0.3)
        let text = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: deployment.base + ".json")), as: UTF8.self)
        #expect(!text.contains("0.30000000000000004"))
    }

    @Test func targetsNeedNoFormulaGuard() throws {
        let deployment = try Deployment()
        try deployment.run()
        let overview = try deployment.csv("总览").text
        #expect(!overview.contains("'="))
        // 聊城 2027: 低于能效基准水平的全部完成更新改造, = 100 %, written with a full-width ＝.
        let baseline = try deployment.row("总览", "指标代码", "energy_baseline_compliance_share")
        #expect(baseline["2027年目标"] == "＝ 100")
    }

    @Test func partialFiguresSayWhatTheyLack() throws {
        let deployment = try Deployment()
        try deployment.run()
        let output = try deployment.row("分区县", "指标代码", "industrial_output")
        #expect(output["县区合计"] == "250")
        #expect(output["数据完整性"] == "部分")
        #expect(output["覆盖"] == "覆盖 1/2 区县 · 缺 茌平区 2025-02")
        let overview = try deployment.row("总览", "指标代码", "industrial_output")
        #expect(overview["数据完整性"] == "部分")
        let trend = try deployment.row("月度趋势", "指标代码", "industrial_output")
        #expect(trend["2025-02"] == "100")
        #expect(trend["缺报月份"] == "2025-02")
        // In the workbook the partial figure is shaded: another style than the complete one beside it.
        let number =
            try #require(try openWorkbook(atPath: deployment.base + ".xlsx").sheets.firstIndex { $0.name == "分区县" }) + 1
        let sheet = String(
            decoding: try ZipArchive(path: deployment.base + ".xlsx").readEntry("xl/worksheets/sheet\(number).xml"),
            as: UTF8.self)
        let counties = try RollupOutputTests.cells(of: deployment.base + ".xlsx", sheet: "分区县")
        let row = try #require((2...60).first { counties["A\($0)"] == .text("industrial_output") })
        func style(_ reference: String) -> String? {
            guard let start = sheet.range(of: "<c r=\"\(reference)\"") else { return nil }
            let tail = sheet[start.upperBound...].prefix(40)
            return tail.range(of: "s=\"").map { String(tail[$0.upperBound...].prefix { $0 != "\"" }) }
        }
        // E: 东昌府区 (complete), F: 茌平区 (its February missing).
        #expect(counties["E\(row)"] == .number(200))
        #expect(counties["F\(row)"] == .number(50))
        #expect(style("E\(row)") != nil && style("E\(row)") != style("F\(row)"))
    }

    @Test func implausibleTotalsAreIssuesNotNumbers() throws {
        let deployment = try Deployment()
        try deployment.run()
        let energy = try deployment.row("分区县", "指标代码", "energy_consumption")
        #expect(energy["县区合计"] == "")
        #expect(energy["东昌府区"] == "1e+308" || energy["东昌府区"] == "1E+308")
        let issue = try deployment.row("校验问题", "问题代码", "rollup-total-out-of-range")
        #expect(issue["地区代码"] == "371500")
        #expect(issue["版本状态"] == "汇总")
        #expect(issue["说明"]?.contains("能源消费量") == true)
        for table in RollupOutputTests.tableNames {
            let text = try deployment.csv(table).text
            #expect(!text.contains("inf") && !text.contains("nan"), "\(table)")
        }
        let json = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: deployment.base + ".json")), as: UTF8.self)
        #expect(!json.contains("inf"))
        let workbook = try RollupOutputTests.cells(of: deployment.base + ".xlsx", sheet: "分区县")
        #expect(!workbook.values.contains { if case .error = $0 { true } else { false } })
    }

    @Test func headerBlockStatesPeriodAsOfAndCoverage() throws {
        let deployment = try Deployment()
        try deployment.run()
        let about = try deployment.csv("说明").rows
        let items = Dictionary(about.dropFirst().map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        #expect(items["期间"]?.hasPrefix("2025-03") == true)
        // The last report was received at 1,743,000,300 s: 2025-03-26 22:45 in Beijing.
        #expect(items["台账截至"] == "2025-03-26 22:45（北京时间）")
        #expect(items["报送覆盖"]?.hasPrefix("已报 ") == true)
        #expect(items["不完整数字"]?.hasPrefix("无") == false)
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: deployment.base + ".json"))) as? [String: Any])
        #expect(json["asOf"] as? String == "2025-03-26T14:45:00Z")
        #expect((json["coverage"] as? String)?.hasPrefix("已报 ") == true)
    }

    @Test func targetSourcesQuoteThePlans() throws {
        let deployment = try Deployment()
        try deployment.run()
        let rows = try deployment.csv("目标来源").rows
        let header = rows[0]
        #expect(
            header == [
                "地区代码", "地区", "指标代码", "指标", "规划", "文号", "印发日期", "目标年份", "目标", "目标值", "单位",
                "累计起点", "规划写法", "规划原文",
            ])
        let nev = try #require(rows.first { $0[2] == "nev_stock" && $0[0] == "371500" })
        #expect(nev[4] == "聊城市推动大规模设备更新和消费品以旧换新实施方案")
        #expect(nev[5] == "（无文号）")
        #expect(nev[7] == "2025")
        #expect(nev[8] == "≥ 180,000")
        #expect(nev[13].contains("新能源汽车保有量达到18万辆以上"))
        #expect(rows.contains { $0[5] == "聊工信发〔2024〕37号" && $0[2] == "smart_factories_provincial" && $0[9] == "80" })
    }

    @Test func sourcesShowTheCellAsWritten() throws {
        let deployment = try Deployment()
        try deployment.run()
        let rows = try deployment.csv("数据来源").rows
        #expect(Array(rows[0].prefix(9)) == ["指标代码", "指标", "地区代码", "地区", "期间", "填报值", "填报单位", "换算值", "单位"])
        let nev = try #require(rows.first { $0[0] == "nev_stock" })
        #expect(Array(nev[5...8]) == ["0.12", "万辆", "1200", "辆"])
        #expect(nev[9] == "371502/commerce/2025-03.csv")
        #expect(nev[11] == "D2")
    }
}
