import Foundation
import Testing

@testable import Catalog

@Suite struct CatalogLoadingTests {
    @Test func realSchemasLoadWithoutErrors() {
        #expect(SchemasFixture.loaded.errors.map(\.description) == [])
        let catalog = SchemasFixture.catalog
        #expect(
            catalog.plans.map(\.id).sorted() == [
                "jiaxiang-2024", "liaocheng-2024", "liaocheng-industry-2024",
                "rushan-2024", "xuecheng-2024",
            ])
        #expect(catalog.layouts.map(\.id).sorted() == ["form", "records"])
        #expect(catalog.deadline == Deadline(day: 10, monthsAfter: 1))
        #expect(
            catalog.rules.contains { $0.code == "nev-buses-within-buses" && $0.kind == .atMost(bound: "new_buses") })
    }

    @Test func shandongDivisionsAndLocalUnits() {
        let catalog = SchemasFixture.catalog
        let count = { (level: RegionLevel) in catalog.regions.filter { $0.level == level }.count }
        #expect(count(.province) == 1)
        #expect(count(.city) == 16)
        #expect(count(.county) == 151)
        #expect(count(.town) == 1853)
        #expect(count(.local) == 6)
        #expect(catalog.region(code: "370829")?.name == "嘉祥县")
        #expect(catalog.region(code: "371500-L02")?.name == "聊城高新技术产业开发区")
        #expect(catalog.children(of: "371500").count == 11)  // 8 counties + 3 市属开发区
    }

    @Test func subtreeMembership() {
        let catalog = SchemasFixture.catalog
        #expect(catalog.isWithin(region: "370829400", ancestor: "370800"))  // 嘉祥经济开发区 in 济宁市
        #expect(catalog.isWithin(region: "370829400", ancestor: "370000"))
        #expect(catalog.isWithin(region: "371500-L03", ancestor: "371500"))
        #expect(catalog.isWithin(region: "371500", ancestor: "371500"))
        #expect(!catalog.isWithin(region: "371083", ancestor: "371500"))
        #expect(!catalog.isWithin(region: "371500", ancestor: "371502"))
        #expect(!catalog.isWithin(region: "999999", ancestor: "370000"))
    }

    @Test func departmentsAndTheirIndicators() {
        let catalog = SchemasFixture.catalog
        let commerce = catalog.indicators(reportableBy: "commerce").map(\.code)
        #expect(commerce.contains("used_car_trades") && commerce.contains("new_car_sales"))
        #expect(!commerce.contains("crop_mechanisation_rate"))
        // A ratio is reported through its parts.
        #expect(catalog.departments(reporting: "used_to_new_car_ratio").map(\.code) == ["commerce"])
        #expect(catalog.department(code: "commerce")?.isNamed(by: "区商促局") == true)
        #expect(catalog.department(code: "commerce")?.isNamed(by: "嘉祥县商务局") == true)
        #expect(catalog.canReport(indicator: "township_charging_coverage", atLevel: .county))
        #expect(!catalog.canReport(indicator: "township_charging_coverage", atLevel: .city))  // 能源中心 is county-only
    }

    @Test func derivedIndicatorsNameTheirParts() throws {
        let catalog = SchemasFixture.catalog
        let ratio = try #require(catalog.indicator(code: "used_to_new_car_ratio"))
        #expect(ratio.method == .ratio(numerator: "used_car_trades", denominator: "new_car_sales"))
        let growth = try #require(catalog.indicator(code: "appliance_recycling_growth"))
        #expect(growth.method == .growth(of: "appliance_recycling", baseYear: 2023, annualised: false))
        #expect(catalog.indicator(code: "crop_mechanisation_rate")?.method == .weighted(weight: "crop_sown_area"))
        #expect(catalog.indicator(code: "nev_stock")?.time == .stock)
    }

    /// This thread's CPU seconds, not the wall clock: the suite runs tests in
    /// parallel on a shared machine, and waiting for a core is not slowness.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @Test func loadingIsFast() {
        let started = Self.cpuSeconds()
        _ = CatalogLoader(schemas: SchemasFixture.schemas).load()
        #expect(Self.cpuSeconds() - started < 1.0)
        let text = try? String(
            contentsOf: SchemasFixture.schemas.appendingPathComponent("regions/shandong-divisions.csv"), encoding: .utf8
        )
        let regionsStarted = Self.cpuSeconds()
        let parsed = RegionTable.parse(text ?? "", file: "regions/shandong-divisions.csv")
        #expect(Self.cpuSeconds() - regionsStarted < 0.3)
        #expect(parsed.regions.count == 2021 && parsed.errors.isEmpty)
    }

    @Test func layoutsUseTableSchemaVocabulary() throws {
        let records = try #require(SchemasFixture.catalog.layout(id: "records"))
        #expect(records.columns.map(\.name) == ["region", "indicator", "period", "value", "unit", "note"])
        #expect(records.primaryKey == ["region", "indicator", "period"])
        #expect(records.field(named: "indicator")?.aliases.contains("指标代码") == true)
        let form = try #require(SchemasFixture.catalog.layout(id: "form"))
        #expect(form.header.map(\.label) == ["填报单位", "地区", "期间"])
        #expect(form.identitySheet?.name == "_template")
        #expect(form.columns.map(\.title) == ["指标名称", "指标代码", "单位", "本月数值", "备注"])
        #expect(form.field(named: "period")?.source == "header.period")
    }
}
