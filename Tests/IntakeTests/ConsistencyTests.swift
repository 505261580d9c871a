import Catalog
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
                + "此前 6 个月在 390–430 之间。请核对数值和单位；如属实，请在备注中写明原因（数据属实说明）。")
        #expect(!issue.messageZh.contains("z =") && !issue.messageEn.contains("z ="))
        #expect(result.isAccepted)
        let ordinary = try csv(["370829,scrapped_vehicles,2025-03,415,,"])
        #expect(
            try IntakeFixture.reader.read(path: ordinary, submitter: IntakeFixture.commerce, history: history).issues
                .isEmpty)
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
}
