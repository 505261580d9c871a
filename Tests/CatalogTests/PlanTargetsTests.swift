import Foundation
import Testing

@testable import Catalog

/// Each plan's targets, counted and spot-checked against its seed by value and operator.
@Suite struct PlanTargetsTests {
    private func target(
        _ plan: String, _ indicator: String, _ year: Int, region: String? = nil,
        op: TargetOperator? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Target {
        let matches = SchemasFixture.catalog.targets.filter {
            $0.plan == plan && $0.indicator == indicator && $0.year == year
                && (region == nil || $0.region == region) && (op == nil || $0.op == op)
        }
        #expect(
            matches.count == 1, "\(plan) \(indicator) \(year): \(matches.count) targets", sourceLocation: sourceLocation
        )
        return try #require(matches.first, sourceLocation: sourceLocation)
    }

    private func count(_ plan: String) -> Int { SchemasFixture.catalog.targets.filter { $0.plan == plan }.count }

    @Test func liaochengCityPlan() throws {
        #expect(count("liaocheng-2024") == 60)
        let nev = try target("liaocheng-2024", "nev_stock", 2025)
        #expect(nev.op == .atLeast && nev.value == 180_000 && nev.region == "371500")
        #expect(try target("liaocheng-2024", "used_to_new_car_ratio", 2025).value == 0.8)
        #expect(try target("liaocheng-2024", "appliance_recycling_growth", 2027).value == 35)
        let doubling = try target("liaocheng-2024", "scrapped_vehicles_growth", 2027)
        #expect(doubling.op == .about && doubling.value == 100)
        let diesel = try target("liaocheng-2024", "diesel_trucks_nonop_g3_change", 2025)
        #expect(diesel.op == .atMost && diesel.value == -95 && diesel.entry.also.count == 1)
        #expect(try target("liaocheng-2024", "green_parks_provincial", 2025).value == 6)
        // 每年: one per year 2024–2027.
        let farm = SchemasFixture.catalog.targets.filter {
            $0.plan == "liaocheng-2024" && $0.indicator == "farm_machinery_purchased"
        }
        #expect(farm.map(\.year) == [2024, 2025, 2026, 2027] && farm.allSatisfy { $0.value == 10_000 })
        // 各县(市、区）、市属开发区 至少建有一处: one per county and zone.
        let paths = SchemasFixture.catalog.targets.filter {
            $0.plan == "liaocheng-2024" && $0.indicator == "smart_fitness_paths"
        }
        #expect(paths.count == 11 && paths.contains { $0.region == "371500-L03" })
        #expect(try target("liaocheng-2024", "equipment_manufacturing_revenue", 2025).value == 7_500_000)
    }

    @Test func liaochengIndustrialPlanKeptBesideTheCityPlan() throws {
        #expect(count("liaocheng-industry-2024") == 20)
        #expect(try target("liaocheng-industry-2024", "green_parks_provincial", 2025).value == 5)
        #expect(try target("liaocheng-industry-2024", "smart_factories_provincial", 2025).value == 80)
        // The city plan's 60 leaves 智能制造场景 out: its own indicator, in 家 as written.
        #expect(try target("liaocheng-2024", "smart_factories_workshops_provincial", 2025).value == 60)
        #expect(SchemasFixture.catalog.indicator(code: "smart_factories_workshops_provincial")?.unit == "家")
        let highTech = try target("liaocheng-industry-2024", "high_tech_output_share", 2025)
        #expect(highTech.op == .about && highTech.value == 53)
        #expect(try target("liaocheng-industry-2024", "base_stations_5g", 2025).value == 14_000)
        #expect(try target("liaocheng-industry-2024", "enterprise_digital_transformation_coverage", 2027).op == .equal)
        // 三年 (2026) counts 有需求 enterprises: a narrower figure than the 2027 one.
        #expect(
            try target("liaocheng-industry-2024", "needy_enterprise_digital_transformation_coverage", 2026).value == 100
        )
        #expect(try target("liaocheng-2024", "vocational_training_equipment_renewal_rate", 2027).op == .equal)
        #expect(SchemasFixture.catalog.plan(id: "liaocheng-industry-2024")?.documentNumber == "聊工信发〔2024〕37号")
    }

    @Test func jiaxiangPlan() throws {
        #expect(count("jiaxiang-2024") == 76)
        let nev2025 = try target("jiaxiang-2024", "nev_stock", 2025)
        #expect(nev2025.op == .about && nev2025.value == 16_000)
        #expect(try target("jiaxiang-2024", "nev_stock", 2027).value == 25_000)
        #expect(try target("jiaxiang-2024", "public_chargers", 2027).value == 2310)
        #expect(try target("jiaxiang-2024", "used_car_exports", 2027).value == 5000)
        #expect(try target("jiaxiang-2024", "high_end_equipment_revenue", 2025).value == 170_000)
        #expect(try target("jiaxiang-2024", "crop_mechanisation_rate", 2027).value == 97)
        #expect(try target("jiaxiang-2024", "nev_rural_promotion_events", 2026).value == 8)
        #expect(SchemasFixture.catalog.plan(id: "jiaxiang-2024")?.documentNumber == "嘉政发〔2024〕5号")
    }

    @Test func rushanPlan() throws {
        #expect(count("rushan-2024") == 31)
        #expect(try target("rushan-2024", "nev_stock", 2025).value == 4000)
        #expect(try target("rushan-2024", "scrapped_vehicles", 2025).value == 15_000)
        #expect(try target("rushan-2024", "crop_mechanisation_rate", 2027).value == 97.5)
        #expect(try target("rushan-2024", "clean_heating_area_added", 2024).value == 150_000)
        let leakage = try target("rushan-2024", "water_network_leakage_rate", 2025)
        #expect(leakage.op == .atMost && leakage.value == 7.9)
        #expect(try target("rushan-2024", "digital_rd_tool_penetration", 2027).value == 92)
    }

    @Test func xuechengPlan() throws {
        #expect(count("xuecheng-2024") == 59)
        #expect(try target("xuecheng-2024", "nev_stock", 2025).value == 20_000)
        #expect(try target("xuecheng-2024", "vehicle_deregistrations", 2025).value == 11_000)
        #expect(try target("xuecheng-2024", "digital_rd_tool_penetration", 2027).value == 80)
        let intensity = try target("xuecheng-2024", "energy_intensity_change", 2025)
        #expect(intensity.op == .atMost && intensity.value == -15.8)
        let gas = try target("xuecheng-2024", "gas_pipes_renewed", 2027)
        #expect(gas.value == 100 && gas.entry.since == 2024)
        #expect(try target("xuecheng-2024", "water_supply_daily_capacity", 2025).value == 14.7)
        #expect(SchemasFixture.catalog.indicator(code: "water_supply_daily_capacity")?.unit == "万吨/日")
        #expect(try target("xuecheng-2024", "haopin_products", 2025, op: .atMost).value == 3)
        #expect(try target("xuecheng-2024", "haopin_products", 2025, op: .atLeast).value == 1)
    }

    @Test func everyQuotedSentenceIsInItsSeed() throws {
        let catalog = SchemasFixture.catalog
        var quotes = 0
        for plan in catalog.plans {
            let seed = try String(
                contentsOf: SchemasFixture.schemas.appendingPathComponent("seeds/\(plan.seed)"), encoding: .utf8)
            let normalisedSeed = CatalogCheck.normalised(seed)
            for quote in plan.entries.flatMap({ [$0.sentence] + $0.also }) + plan.qualitative {
                #expect(
                    normalisedSeed.contains(CatalogCheck.normalised(quote.text)), "\(quote.location): \(quote.text)")
                quotes += 1
            }
        }
        #expect(quotes > 180)
    }

    @Test func everyTargetValueIsInItsIndicatorsRangeAndUnit() {
        let catalog = SchemasFixture.catalog
        for target in catalog.targets {
            let indicator = catalog.indicator(code: target.indicator)
            #expect(indicator?.accepts(target.value) == true, "\(target.plan) \(target.indicator)")
        }
    }
}
