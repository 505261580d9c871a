import Foundation
import Testing

/// Where `make run` writes the demo roll-ups, and whether they are there.
enum DemoRollups {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Outbox/rollups").path

    static var written: Bool {
        ["2026-10", "2025-12"].allSatisfy {
            FileManager.default.fileExists(atPath: "\(root)/\($0)/371500-聊城市-\($0)/总览.csv")
        }
    }
}

/// The demo roll-ups `make run` writes into this repository's Outbox/, read
/// back for the cases issue 13 names. The demo inbox is deterministic, so the
/// figures are fixed; run `make run` (or `huanxin run` and `huanxin rollup
/// --period 2025-12`) first — the suite says so instead of passing.
@Suite(
    .enabled(if: DemoRollups.written, "needs the demo roll-ups: run `make run` and `huanxin rollup --period 2025-12`"))
struct RollupDemoTests {
    static var root: String { DemoRollups.root }

    /// A CSV table as rows keyed by header name.
    static func table(_ period: String, _ city: String, _ name: String) throws -> [[String: String]] {
        let path = "\(root)/\(period)/\(city)-\(period)/\(name).csv"
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)).dropFirst(3), as: UTF8.self)
        let rows = text.split(separator: "\r\n").map(RollupReaderTests.Deployment.fields)
        return rows.dropFirst().map { Dictionary(zip(rows[0], $0), uniquingKeysWith: { a, _ in a }) }
    }

    static func overview(
        _ period: String, _ city: String, region: String, _ indicator: String,
        year: String? = nil, target: String? = nil
    ) throws -> [String: String] {
        try #require(
            try table(period, city, "总览").first {
                $0["地区代码"] == region && $0["指标代码"] == indicator && (year == nil || $0["考核年份"] == year)
                    && (target == nil || $0["考核目标"] == target)
            })
    }

    static let liaocheng = "371500-聊城市"
    static let zaozhuang = "370400-枣庄市"
    static let jining = "370800-济宁市"

    @Test func sinceTargetsShowTheElapsedShareToTheTargetYear() throws {
        // Was 0.944 at 2026-10 and 1.000 at 2025-12.
        for indicator in ["gas_pipes_renewed", "heating_pipes_renewed", "medical_equipment_renewed"] {
            #expect(
                try Self.overview("2026-10", Self.zaozhuang, region: "370403", indicator, year: "2027")["时间进度"]
                    == "0.7083")
            #expect(
                try Self.overview("2025-12", Self.zaozhuang, region: "370403", indicator, year: "2027")["时间进度"] == "0.5"
            )
        }
    }

    @Test func atMostCompletionNeverPassesOneWhileShort() throws {
        // 薛城's diesel trucks were 116.5 % while 滞后; 聊城's 96.4 % while 已达标.
        let xuecheng = try Self.overview("2026-10", Self.zaozhuang, region: "370403", "diesel_trucks_nonop_g3_change")
        #expect(xuecheng["状态"] == "未达标")
        #expect(try #require(Double(xuecheng["达成率"] ?? "")) < 1)
        let liaocheng = try Self.overview("2026-10", Self.liaocheng, region: "371500", "diesel_trucks_nonop_g3_change")
        #expect(liaocheng["状态"] == "已达标")
        #expect(try #require(Double(liaocheng["达成率"] ?? "")) >= 1)
    }

    @Test func everyYearGrowthIsShortNotOnTrack() throws {
        // 39.81 % against ≥ 40 % a year read 进度正常.
        let chargers = try Self.overview("2026-10", Self.jining, region: "370829", "public_chargers_growth")
        #expect(chargers["当前值"] == "39.81")
        #expect(chargers["时间进度"] == "1")
        #expect(chargers["状态"] == "滞后")
        #expect(try Self.overview("2025-12", Self.jining, region: "370829", "public_chargers_growth")["状态"] == "未达标")
    }

    @Test func yearEndRateAgreesWithTheTrend() throws {
        // 36.85 % 已达标 for 2025 beside a trend of 33.33 % for 2025-12.
        let share = try Self.overview(
            "2026-10", Self.liaocheng, region: "371500", "energy_benchmark_capacity_share",
            target: "≥ 35")
        let trend = try #require(
            try Self.table("2026-10", Self.liaocheng, "月度趋势").first {
                $0["指标代码"] == "energy_benchmark_capacity_share"
            })
        #expect(share["当前值"] == trend["2025-12"])
        #expect(share["口径"] == "2025-12期末值")
        #expect(share["状态"] == "未达标")
    }

    @Test func aRejectedMonthIsNamedAndGrowthMatchesMonths() throws {
        // 临清's rejected 2026-08: the counties' sum is partial, its 差异 not a disagreement.
        let output = try #require(
            try Self.table("2026-10", Self.liaocheng, "分区县").first {
                $0["指标代码"] == "industrial_output"
            })
        #expect(output["覆盖"] == "覆盖 10/11 区县 · 缺 临清市 2026-08")
        #expect(output["数据完整性"] == "部分")
        #expect(output["差异超限"] == "区县数据不全")
        // Growth over 2023 on matching months: 21.15 %, not 19.85 %.
        let growth = try Self.overview(
            "2026-10", Self.liaocheng, region: "371500", "industrial_equipment_investment_growth")
        #expect(growth["当前值"] == "21.15")
        #expect(growth["覆盖"] == "覆盖 10/11 区县 · 缺 临清市 2023-08、2026-08 · 仅比较两年均有的月份")
    }

    @Test func everyTargetOfTheIndicatorIsShownAndEvaluated() throws {
        // 薛城 好品: ≥ 1 and ≤ 3 each a row; the cap is checked.
        let cap = try Self.overview("2026-10", Self.zaozhuang, region: "370403", "haopin_products", target: "≤ 3")
        #expect(cap["考核年份"] == "2026")
        #expect(["已达标", "滞后"].contains(cap["状态"] ?? ""))
        #expect(cap["其他目标"]?.contains("2026年 ≥ 1：") == true)
        // A target assessed for 2024 or 2026 is named in 考核目标 even without a 2025/2027 column.
        let rows = try Self.table("2026-10", Self.liaocheng, "总览").filter {
            ["2024", "2026"].contains($0["考核年份"] ?? "")
        }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { !($0["考核目标"] ?? "").isEmpty })
    }

    @Test func scopesAreSplitAndNumbersRounded() throws {
        let workshops = try Self.overview(
            "2026-10", Self.liaocheng, region: "371500", "smart_factories_workshops_provincial")
        #expect(workshops["单位"] == "家")
        #expect(workshops["考核目标"] == "≥ 60")
        let withScenes = try Self.overview("2026-10", Self.liaocheng, region: "371500", "smart_factories_provincial")
        #expect(withScenes["考核目标"] == "≥ 80")
        #expect(
            try Self.overview("2026-10", Self.zaozhuang, region: "370403", "water_supply_daily_capacity")["单位"]
                == "万吨/日")
        for city in [Self.liaocheng, Self.zaozhuang, Self.jining] {
            for name in ["总览", "分区县", "月度趋势"] {
                let path = "\(Self.root)/2026-10/\(city)-2026-10/\(name).csv"
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                #expect(text.range(of: #"\.\d{5,}"#, options: .regularExpression) == nil, "\(city) \(name)")
                #expect(!text.contains("'=") && !text.contains("inf"), "\(city) \(name)")
            }
        }
    }
}
