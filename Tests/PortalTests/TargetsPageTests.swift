import Foundation
import HummingbirdTesting
import Pipeline
import Reports
import Testing
import Vocabulary

@testable import Portal

/// 目标进度 and `/api/targets`: the roll-up's evaluation of each target, and its charts as the roll-up draws them.
@Suite struct TargetsPageTests {
    @Test func eachTargetsChartsAreTheRollupsImagesAndItsMonthsTheTrendsOfTheYear() async throws {
        let fixture = try PortalFixture()
        let page = try await fixture.test { client in
            let department = try #require(try await client.logIn(.departmentA))
            _ = try await client.upload(
                PortalFixture.goodFile(region: "371502"), fileName: "2025-03.csv", login: department)
            let city = try #require(try await client.logIn(.city))
            return try await client.execute(
                uri: "/targets?region=371500&period=2025-03", method: .get, headers: city.headers)
        }
        #expect(page.status == .ok)
        let scope = AccessScope(account: try #require(PortalFixture.Role.city.account), catalog: PortalFixture.catalog)
        let answer = try fixture.portal.targets.targets(
            for: scope, region: "371500", period: Period("2025-03"), calendar: ProgrammeCalendar(now: Date()))
        #expect(!answer.trends.isEmpty && answer.trends.count == answer.targets.count)
        for (line, trend) in zip(answer.targets, answer.trends) {
            let charts = RollupChartImages.svg(of: trend)
            #expect(page.text.contains(charts.trend), "\(line.indicator)")
            #expect(charts.parts.map { page.text.contains($0) } ?? true, "\(line.indicator)")
            #expect(line.indicator == trend.indicator.code && line.year == trend.target.year)
            // The JSON's months are the trend's of the figure's year, up to its month.
            #expect(line.months.allSatisfy { $0.period.year == line.period.year && $0.period <= line.period })
            for month in line.months {
                let index = try #require(trend.months.firstIndex(of: month.period))
                #expect(month.actual == trend.actual[index] && month.path == trend.path[index])
            }
            #expect(line.parts.map(\.value) == trend.parts.map(\.value))
        }
        // 东昌府区's 12,345 new-energy vehicles are 聊城市's figure and its part.
        let stock = try #require(answer.targets.first { $0.indicator == "nev_stock" })
        #expect(stock.current == 12_345)
        #expect(stock.parts.first { $0.region == "371502" }?.value == 12_345)
    }
}
