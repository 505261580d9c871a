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
