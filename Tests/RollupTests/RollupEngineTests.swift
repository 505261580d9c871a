import Catalog
import Foundation
import Testing
import Vocabulary

@testable import Rollup

@Suite struct RollupEngineTests {
    typealias F = RollupFixture
    let march = Period(year: 2025, month: 3)!

    @Test func ratioIsTheRatioOfSumsNotTheMeanOfRatios() throws {
        let fixture = try F()
        // 东昌府区 100 used : 400 new = 0.25; 茌平区 300 : 300 = 1.0.
        try fixture.report(F.countyA, "commerce", "2025-03", [("used_car_trades", 100), ("new_car_sales", 400)])
        try fixture.report(F.countyB, "commerce", "2025-03", [("used_car_trades", 300), ("new_car_sales", 300)])
        let figure = try #require(
            try fixture.engine().figure(
                "used_to_new_car_ratio", region: F.city, period: march,
                span: .month))
        let meanOfRatios = (0.25 + 1.0) / 2
        #expect(meanOfRatios == 0.625)
        #expect(figure.value == 400.0 / 700.0)  // 0.5714…
        #expect(figure.value != meanOfRatios)
        #expect(figure.regions == [F.countyA, F.countyB])
        #expect(figure.sources.count == 4)
    }

    @Test func growthComparesTheSameMonthsOfTheBaseYear() throws {
        let fixture = try F()
        for (month, a, b) in [
            ("2023-01", 100.0, 50.0), ("2023-02", 100, 50), ("2023-03", 100, 50), ("2023-04", 1000, 1000),
            ("2025-01", 120, 60), ("2025-02", 130, 60), ("2025-03", 150, 60),
        ] {
            try fixture.report(F.countyA, "commerce", month, [("appliance_recycling", a)])
            try fixture.report(F.countyB, "commerce", month, [("appliance_recycling", b)])
        }
        let engine = try fixture.engine()
        // 2025-01..03: 400 + 180 = 580 against 2023-01..03: 300 + 150 = 450; April 2023 is not a same month.
        let ytd = try #require(
            engine.figure("appliance_recycling_growth", region: F.city, period: march, span: .yearToDate))
        #expect(abs(ytd.value - (580.0 / 450.0 - 1) * 100) < 1e-9)
        #expect(ytd.sources.count == 12)
        #expect(!ytd.sources.contains { $0.period == Period(year: 2023, month: 4)! })
        // The month alone: 210 against 150.
        let month = try #require(
            engine.figure("appliance_recycling_growth", region: F.city, period: march, span: .month))
        #expect(abs(month.value - 40) < 1e-9)
        // A county's own growth: 400 against 300.
        let county = try #require(
            engine.figure(
                "appliance_recycling_growth", region: F.countyA, period: march,
                span: .yearToDate))
        #expect(abs(county.value - 100.0 / 3) < 1e-9)
    }

    @Test func annualisedGrowthIsTheAverageYearlyRate() throws {
        let fixture = try F()
        try fixture.report(F.countyA, "commerce", "2023-03", [("nev_stock", 1000)])
        try fixture.report(F.countyA, "commerce", "2025-03", [("nev_stock", 1440)])
        // 1440 / 1000 over two years: 1.2 a year.
        let figure = try #require(
            try fixture.engine().figure(
                "nev_stock_growth", region: F.city, period: march,
                span: .yearToDate))
        #expect(abs(figure.value - 20) < 1e-9)
    }

    @Test func stockIsTheValueAtPeriodEndAndFlowTheSumOfMonths() throws {
        let fixture = try F()
        for (month, stock, scrapped) in [("2025-01", 1000.0, 10.0), ("2025-02", 1100, 20), ("2025-03", 1200, 30)] {
            try fixture.report(F.countyA, "commerce", month, [("nev_stock", stock), ("scrapped_vehicles", scrapped)])
        }
        try fixture.report(F.countyB, "commerce", "2025-03", [("nev_stock", 500)])
        let engine = try fixture.engine()
        #expect(engine.figure("nev_stock", region: F.city, period: march, span: .yearToDate)?.value == 1700)
        #expect(engine.figure("nev_stock", region: F.city, period: march, span: .month)?.value == 1700)
        #expect(engine.figure("scrapped_vehicles", region: F.city, period: march, span: .yearToDate)?.value == 60)
        #expect(engine.figure("scrapped_vehicles", region: F.city, period: march, span: .month)?.value == 30)
        #expect(
            engine.figure("scrapped_vehicles", region: F.city, period: march, span: .since(year: 2024))?.value == 60)
        #expect(engine.figure("nev_stock", region: F.city, period: Period(year: 2025, month: 4)!, span: .month) == nil)
    }

    @Test func weightedRateUsesItsWeightIndicator() throws {
        let fixture = try F()
        // 90 % on 100,000 mu and 60 % on 300,000 mu: 67.5 %, not the plain mean 75 %.
        try fixture.report(
            F.countyA, "agriculture", "2025-03", [("crop_mechanisation_rate", 90), ("crop_sown_area", 100_000)])
        try fixture.report(
            F.countyB, "agriculture", "2025-03", [("crop_mechanisation_rate", 60), ("crop_sown_area", 300_000)])
        let figure = try #require(
            try fixture.engine().figure(
                "crop_mechanisation_rate", region: F.city, period: march,
                span: .yearToDate))
        #expect(figure.value == 67.5)
        #expect(
            figure.sources.map(\.indicator).sorted() == [
                "crop_mechanisation_rate", "crop_mechanisation_rate",
                "crop_sown_area", "crop_sown_area",
            ])
    }

    @Test func townsRollIntoTheirCountyUnlessTheCountyReportsItsTotal() throws {
        let fixture = try F()
        // Two towns of 东昌府区 report; 茌平区 reports its total and one of its towns too.
        try fixture.report(
            F.countyA, "commerce", "2025-03", [("scrapped_vehicles@371502001", 5), ("scrapped_vehicles@371502002", 7)])
        try fixture.report(
            F.countyB, "commerce", "2025-03", [("scrapped_vehicles", 20), ("scrapped_vehicles@371503001", 4)])
        let engine = try fixture.engine()
        #expect(engine.figure("scrapped_vehicles", region: F.countyA, period: march, span: .month)?.value == 12)
        #expect(engine.figure("scrapped_vehicles", region: F.countyB, period: march, span: .month)?.value == 20)
        let city = try #require(engine.figure("scrapped_vehicles", region: F.city, period: march, span: .month))
        #expect(city.value == 32)
        #expect(city.regions == [F.countyA, F.countyB])
        #expect(engine.citiesWithData == [F.city])
    }

    @Test func cityFigureBesideTheCountiesSumIsFlaggedPastTheTolerance() throws {
        let fixture = try F()
        try fixture.report(F.countyA, "commerce", "2025-03", [("nev_stock", 1200), ("scrapped_vehicles", 30)])
        try fixture.report(F.countyB, "commerce", "2025-03", [("nev_stock", 500), ("scrapped_vehicles", 10)])
        // The city reports 1,750 vehicles (50 over; 1 % is 17) and 40.4 scrapped (0.4 over; half a unit allowed).
        try fixture.report(F.city, "commerce", "2025-03", [("nev_stock", 1750), ("scrapped_vehicles", 40.4)])
        let engine = try fixture.engine()
        let stock = engine.cityReportedFigure("nev_stock", region: F.city, period: march, span: .yearToDate)
        #expect(stock.fromCounties?.value == 1700)
        #expect(stock.reported?.value == 1750)
        #expect(stock.difference == 50)
        #expect(stock.isFlagged)
        let scrapped = engine.cityReportedFigure("scrapped_vehicles", region: F.city, period: march, span: .month)
        #expect(scrapped.fromCounties?.value == 40)
        #expect(!scrapped.isFlagged)
        // The city's own figure never enters the counties' sum.
        #expect(
            engine.figure("nev_stock", region: F.city, period: march, span: .month)?.regions == [F.countyA, F.countyB])
    }
}
