import Testing

@testable import Catalog

@Suite struct UnitConversionTests {
    @Test(arguments: [
        ("万辆", 1.5, "nev_stock", 15000.0), ("亿元", 750, "equipment_manufacturing_revenue", 7_500_000),
        ("千米", 2.8, "heating_pipes_renewed", 2.8), ("万平方米", 15, "clean_heating_area_added", 150_000),
        ("吨/日", 147_000, "water_supply_daily_capacity", 14.7), ("%", 35, "energy_benchmark_capacity_share", 35),
        ("台（套）", 1000, "old_farm_machinery_scrapped", 1000), ("辆", 40000, "scrapped_vehicles", 40000),
    ])
    func convertsToTheCanonicalUnit(unit: String, value: Double, indicator: String, expected: Double) throws {
        let result = try #require(SchemasFixture.catalog.canonicalValue(value, unit: unit, indicator: indicator))
        #expect(abs(result - expected) < 1e-9 * expected)
    }

    /// A power-of-ten factor moves the decimal point: the figure is what was
    /// typed, scaled, with no binary noise (0.0442 × 10,000 is 442.00000000000006).
    @Test(arguments: [
        ("万辆", 0.0442, "nev_stock", 442.0), ("亿元", 2.51, "equipment_manufacturing_revenue", 25_100),
        ("万平方米", 0.07, "clean_heating_area_added", 700), ("吨/日", 3, "water_supply_daily_capacity", 0.0003),
    ])
    func aPowerOfTenIsExact(unit: String, value: Double, indicator: String, expected: Double) throws {
        #expect(
            value * (SchemasFixture.catalog.conversion(from: unit)?.factor ?? 1) != expected, "the noise it removes")
        #expect(SchemasFixture.catalog.canonicalValue(value, unit: unit, indicator: indicator) == expected)
    }

    @Test func refusesUnitsOfAnotherKind() {
        let catalog = SchemasFixture.catalog
        #expect(catalog.canonicalValue(3, unit: "万元", indicator: "nev_stock") == nil)
        #expect(catalog.canonicalValue(3, unit: "furlongs", indicator: "nev_stock") == nil)
        #expect(catalog.conversion(from: "亿元") == UnitConversion(from: "亿元", to: "万元", factor: 10000))
        #expect(catalog.conversion(from: "辆") == UnitConversion(from: "辆", to: "辆", factor: 1))
    }
}
