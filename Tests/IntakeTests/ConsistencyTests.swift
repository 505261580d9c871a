import Catalog
import Foundation
import Sheets
import Testing
import Vocabulary

@testable import Intake

/// Accepted figures kept in a dictionary, as the ledger would answer.
struct DictionaryHistory: FigureHistory {
    var figures: [String: [(period: Period, value: Double)]]

    /// `values` for the months up to `last`, oldest first.
    init(region: String = "370829", indicator: String, values: [Double], last: String) {
        let end = Period(last)!
        figures = [
            "\(region)/\(indicator)": values.enumerated().map {
                (end.advanced(by: $0.offset - values.count + 1), $0.element)
            }
        ]
    }

    func figures(region: String, indicator: String, before period: Period, limit: Int) -> [(
        period: Period, value: Double
    )] {
        Array((figures["\(region)/\(indicator)"] ?? []).filter { $0.period < period }.suffix(limit))
    }
}

@Suite struct ConsistencyTests {
    private func csv(_ rows: [String]) throws -> String {
        try IntakeFixture.csv([IntakeFixture.recordsHeader] + rows)
    }

    @Test func atMostRuleRejectsWithinTheFile() throws {
        let path = try csv(["370829,new_buses,2025-03,10,,", "370829,new_nev_buses,2025-03,12,,"])
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.transport)
        let issue = try #require(result.issues("rule-nev-buses-within-buses").first)
        #expect(issue.severity == .error && issue.location.cell == "D3")
        #expect(issue.messageZh.contains("12") && issue.messageZh.contains("10（D2）"))
        #expect(!result.isAccepted)
    }

    @Test func monthJumpAgainstHistoryWarns() throws {
        let history = DictionaryHistory(indicator: "nev_stock", values: [12_000], last: "2025-02")
        let path = try csv(["370829,nev_stock,2025-03,19000,,"])
        let result = try IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce, history: history)
        let issue = try #require(result.issues("month-jump").first)
        #expect(issue.severity == .warning && issue.location.cell == "D2")
        #expect(issue.messageZh.contains("+58.3%") && issue.messageZh.contains("30%"))
        #expect(result.isAccepted)
    }

    /// 0.0442 万辆 is 442.00000000000006 辆 in a `Double`, 2.03 万辆
    /// 20299.999999999996: messages print 442 and 20300, as the roll-up does.
    @Test func figuresInMessagesAreFreeOfConversionNoise() throws {
        let rising = DictionaryHistory(indicator: "nev_stock", values: [300], last: "2025-02")
        let path = try csv(["370829,nev_stock,2025-03,0.0442,万辆,"])
        let jump = try #require(
            try IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce, history: rising)
                .issues("month-jump").first)
        #expect(jump.location.cell == "D2")
        #expect(
            jump.messageZh == "D2：“新能源汽车保有量”本月 442，上月（2025-02）300，变动 +47.3%，超过 30%。请核对；如属实请在备注中说明。",
            "\(jump.messageZh)")
        #expect(jump.messageEn.contains("from 300 (2025-02) to 442,"), "\(jump.messageEn)")

        let falling = DictionaryHistory(indicator: "nev_stock", values: [2.03 * 10_000], last: "2025-02")
        let drop = try #require(
            try IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce, history: falling)
                .issues("stock-drop").first)
        #expect(drop.messageZh.hasPrefix("D2：“新能源汽车保有量”由上月（2025-02）的 20300 降至 442，降幅 -97.8%"), "\(drop.messageZh)")
    }

    /// 数据属实说明: a department confirms a flagged figure as true in its
    /// row's 说明 column. The warning stays, answered with the explanation;
    /// an explanation on a row without a warning changes nothing, a written
    /// "nothing" (无) is no explanation, and an error is not explained away.
    @Test func aWarningExplainedInItsRowIsConfirmed() throws {
        var history = DictionaryHistory(indicator: "nev_stock", values: [12_000], last: "2025-02")
        history.figures["370811/nev_stock"] = [(Period("2025-02")!, 12_000)]
        let path = try IntakeFixture.csv([
            "地区代码,指标代码,期间,数值,单位,说明",
            "370829,nev_stock,2025-03,19000,,3月新能源汽车下乡集中上牌，经核实属实",
            "370829,used_car_trades,2025-03,800,,二手车市场正常",
            "370811,nev_stock,2025-03,19000,,无",
        ])
        let reader = SubmissionReader(catalog: IntakeFixture.catalog, today: Period("2025-04")!)
        let result = try reader.read(
            path: path, submitter: Submitter(region: "370800", department: "commerce"), history: history)
        #expect(result.isAccepted)
        #expect(result.issues.map(\.code) == ["month-jump", "month-jump"], "\(result.issues.map(\.messageZh))")
        let confirmed = result.issues[0]
        #expect(confirmed.location.cell == "D2" && confirmed.severity == .warning)
        #expect(confirmed.confirmation == "3月新能源汽车下乡集中上牌，经核实属实")
        #expect(!confirmed.isOpenWarning && confirmed.levelChinese == "提示（已说明）")
        #expect(confirmed.messageZh.hasPrefix("D2：“新能源汽车保有量”本月 19000，上月（2025-02）12000"))
        #expect(confirmed.messageWithConfirmationZh.hasSuffix("\n数据属实说明：3月新能源汽车下乡集中上牌，经核实属实"))
        let open = result.issues[1]
        #expect(open.location.cell == "D4" && open.confirmation == nil && open.isOpenWarning)

        // Encoded only when there is one: receipts of unexplained warnings keep their shape.
        let json = String(decoding: try JSONEncoder().encode([confirmed, open]), as: UTF8.self)
        #expect(json.components(separatedBy: "\"confirmation\"").count == 2, "\(json)")

        // An error (an at-most rule) stays an error, whatever its row says.
        let broken = try IntakeFixture.csv([
            "地区代码,指标代码,期间,数值,单位,说明", "370829,new_buses,2025-03,10,,",
            "370829,new_nev_buses,2025-03,12,,经核实属实",
        ])
        let rule = try #require(
            IntakeFixture.reader.read(path: broken, submitter: IntakeFixture.transport)
                .issues("rule-nev-buses-within-buses").first)
        #expect(rule.severity == .error && rule.confirmation == nil)
    }

    @Test func stockDropWithinTheFileWarns() throws {
        let path = try csv(["370829,nev_stock,2025-02,12000,,", "370829,nev_stock,2025-03,10000,,"])
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        let issue = try #require(result.issues("stock-drop").first)
        #expect(issue.severity == .warning && issue.location.cell == "D3" && issue.messageZh.contains("-16.7%"))
        #expect(result.isAccepted)
    }

    @Test func outlierAgainstHistoryWarns() throws {
        let history = DictionaryHistory(
            indicator: "scrapped_vehicles", values: [400, 420, 390, 410, 405, 430], last: "2025-02")
        let path = try csv(["370829,scrapped_vehicles,2025-03,5200,,"])
        let result = try IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce, history: history)
        let issue = try #require(result.issues("outlier").first)
        #expect(issue.severity == .warning && issue.location.cell == "D2")
        // In words, never a bare z-score.
        #expect(
            issue.messageZh == "D2：“报废汽车规范回收拆解量”本月 5200，比上月（2025-02）增长 1109.3%，近5个月最大增幅 6.2%；"
                + "此前 6 个月在 390–430 之间，按其走势本月约为 470。请核对数值和单位；如属实，请在备注中写明原因（数据属实说明）。")
        #expect(!issue.messageZh.contains("z =") && !issue.messageEn.contains("z ="))
        #expect(result.isAccepted)
        let ordinary = try csv(["370829,scrapped_vehicles,2025-03,415,,"])
        #expect(
            try IntakeFixture.reader.read(path: ordinary, submitter: IntakeFixture.commerce, history: history).issues
                .isEmpty)
    }

    /// A year's backfill file: each month is judged against the months
    /// before it, the file's own included, by the series' trend and season.
    /// Steady growth with a low February and a high December is ordinary;
    /// one month at ten times its neighbours is the one warning.
    @Test func aBackfillFileWithSteadyGrowthAndASeasonCriesNoWolf() throws {
        // 2023-01 to 2024-12: +2% a month, the demo's season (February low, December high), ±3% noise.
        let season = [0.8, 0.6, 0.9, 1.0, 1.0, 1.05, 0.95, 0.95, 1.0, 1.05, 1.15, 1.55]
        func figure(_ month: Int) -> Int {
            let noise = [1.03, 0.97, 1.01, 0.99, 1.0, 1.02, 0.98][month % 7]
            return Int((400 * pow(1.02, Double(month)) * season[month % 12] * noise).rounded())
        }
        var rows = (0..<24).map { month in
            "370829,scrapped_vehicles,\(Period("2023-01")!.advanced(by: month)),\(figure(month)),,"
        }
        let steady = IntakeFixture.reader.read(path: try csv(rows), submitter: IntakeFixture.commerce)
        #expect(steady.isAccepted && steady.issues.isEmpty, "\(steady.issues.map(\.messageZh))")

        rows[17] = "370829,scrapped_vehicles,2024-06,\(figure(17) * 10),,"
        let spiked = IntakeFixture.reader.read(path: try csv(rows), submitter: IntakeFixture.commerce)
        #expect(spiked.issues.map(\.code) == ["outlier"], "\(spiked.issues.map(\.messageZh))")
        let issue = try #require(spiked.issues.first)
        #expect(issue.location.cell == "D19" && issue.messageZh.contains("本月 \(figure(17) * 10)，比上月（2024-05）增长"))
    }

    /// The season does not hide an outlier: a December far above last
    /// December's is one, and its expectation is the season's.
    @Test func theSeasonsExpectationIsNamed() throws {
        let values: [Double] = (0..<23).map { month -> Double in
            let level = Double(400 + 5 * month)
            return month % 12 == 11 ? 3 * level : level
        }
        let history = DictionaryHistory(indicator: "scrapped_vehicles", values: values, last: "2024-11")
        let ordinary = try csv(["370829,scrapped_vehicles,2024-12,1545,,"])
        #expect(
            try IntakeFixture.reader.read(path: ordinary, submitter: IntakeFixture.commerce, history: history).issues
                .isEmpty)
        let odd = try csv(["370829,scrapped_vehicles,2024-12,15000,,"])
        let issue = try #require(
            try IntakeFixture.reader.read(path: odd, submitter: IntakeFixture.commerce, history: history)
                .issues("outlier").first)
        // 2023-12 was 1365; the months since grew by a median 14.1% over their year-ago months.
        #expect(issue.messageZh.contains("按其走势本月约为 1558。"), "\(issue.messageZh)")
    }

    /// A file of many odd figures warns of its ten most unusual ones and
    /// counts the rest.
    @Test func outlierWarningsAreBoundedPerFile() throws {
        let regions = IntakeFixture.catalog.children(of: "370800").prefix(12).map(\.code)
        var figures: [String: [(period: Period, value: Double)]] = [:]
        var rows: [String] = []
        for (index, region) in regions.enumerated() {
            figures["\(region)/scrapped_vehicles"] = (1...6).map { (Period("2024-08")!.advanced(by: $0), 400) }
            figures["\(region)/scrapped_vehicles"]![2].value = 410
            rows.append("\(region),scrapped_vehicles,2025-03,\(5000 + 100 * index),,")
        }
        var history = DictionaryHistory(indicator: "scrapped_vehicles", values: [], last: "2025-02")
        history.figures = figures
        let result = try IntakeFixture.reader.read(
            path: try csv(rows), submitter: Submitter(region: "370800", department: "commerce"), history: history)
        let outliers = result.issues("outlier")
        // The ten largest: the last ten rows.
        #expect(outliers.map(\.location.cell) == (4...13).map { "D\($0)" }, "\(result.codes)")
        let more = try #require(result.issues("more-issues").first)
        #expect(more.severity == .warning && more.messageZh.hasPrefix("另有 2 处同类问题（outlier）"))
        #expect(result.isAccepted)
    }

    /// A history that cannot be read is not taken for an empty one: the
    /// file is not judged (month-jump and outliers would pass unchecked).
    @Test func historyThatFailsIsNotAnEmptyHistory() throws {
        struct Unreadable: Error {}
        struct FailingHistory: FigureHistory {
            func figures(region: String, indicator: String, before period: Period, limit: Int) throws
                -> [(period: Period, value: Double)]
            { throw Unreadable() }
        }
        let path = try csv(["370829,nev_stock,2025-03,19000,,"])
        #expect(throws: Unreadable.self) {
            try IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce, history: FailingHistory())
        }
    }

    /// A stock grows: its level is always beyond its past mean, so the
    /// outlier check leaves it to the month-jump and stock-drop rules.
    @Test func aGrowingStockIsNoOutlier() throws {
        let history = DictionaryHistory(
            indicator: "nev_stock", values: [10000, 10400, 10800, 11300, 11800, 12300], last: "2025-02")
        let path = try csv(["370829,nev_stock,2025-03,12900,,"])
        let result = try IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce, history: history)
        #expect(result.issues.isEmpty, "\(result.issues.map(\.messageZh))")
    }

    /// Outliers stand among the rule issues in the order of their rows, and
    /// a series' months in the file are its months however the rows are
    /// ordered: here two regions' rows interleaved, their months out of
    /// order, between another indicator's rows.
    @Test func outliersStandAmongRuleIssuesInRowOrder() throws {
        var rows = ["370829,nev_stock,2025-01,12000,,", "370829,nev_stock,2025-02,19000,,"]
        for (month, value) in [(5, 410), (1, 400), (3, 390), (2, 420), (6, 405), (4, 430), (7, 5200)] {
            rows.append("370829,scrapped_vehicles,2024-\(String(format: "%02d", month + 2)),\(value),,")
            rows.append("370829001,scrapped_vehicles,2024-\(String(format: "%02d", month + 2)),\(value),,")
        }
        rows += ["370829,nev_stock,2025-03,12000,,"]
        let result = IntakeFixture.reader.read(path: try csv(rows), submitter: IntakeFixture.commerce)
        #expect(
            result.issues.map(\.code) == ["month-jump", "outlier", "outlier", "month-jump", "stock-drop"],
            "\(result.codes)")
        #expect(result.issues.map(\.location.cell) == ["D3", "D16", "D17", "D18", "D18"])
    }

    /// 1900-01 is the first month a period may name: the checks that look a
    /// month or a year back find nothing there, and say nothing of it.
    @Test func theFirstMonthsAPeriodMayNameAreJudgedWithoutCrashing() throws {
        var rows = ["370829,nev_stock,1900-01,12000,,", "370829,nev_stock,1900-02,19000,,"]
        for (month, value) in [400, 410, 390, 420, 405, 430, 415, 5200].enumerated() {
            rows.append("370829,scrapped_vehicles,1900-\(String(format: "%02d", month + 1)),\(value),,")
        }
        let result = IntakeFixture.reader.read(path: try csv(rows), submitter: IntakeFixture.commerce)
        #expect(result.issues.map(\.code) == ["month-jump", "outlier"], "\(result.codes)")
        #expect(result.issues.map(\.location.cell) == ["D3", "D11"])
    }
}
