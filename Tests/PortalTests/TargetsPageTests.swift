import Foundation
import HummingbirdTesting
import Ledger
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
        let answer = try fixture.portal.targets.query.targets(
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

    /// No plan sets targets for 山东省 itself: the province's page says so and links the regions whose plans do.
    @Test func aRegionWithoutTargetsPointsToTheRegionsWithThem() async throws {
        let fixture = try PortalFixture()
        let (province, city) = try await fixture.test { client in
            let province = try #require(try await client.logIn(.province))
            let city = try #require(try await client.logIn(.city))
            return (
                try await client.execute(uri: "/targets?period=2025-03", method: .get, headers: province.headers),
                try await client.execute(uri: "/targets?period=2025-03", method: .get, headers: city.headers)
            )
        }
        #expect(province.status == .ok && province.text.contains("该地区没有规划目标"))
        for (code, name) in [("371500", "聊城市"), ("370829", "嘉祥县"), ("371083", "乳山市"), ("370403", "薛城区")] {
            #expect(province.text.contains("<a href=\"/targets?region=\(code)&amp;period=2025-03\">\(name)</a>"))
        }
        // 聊城市 has its own targets, and sees no region outside its subtree.
        #expect(city.status == .ok && !city.text.contains("该地区没有规划目标"))
        #expect(!city.text.contains("region=370829"))
    }

    @Test func theFiguresAreTheRollupJSONsAndSayWhichMomentTheyAreOf() async throws {
        let fixture = try PortalFixture()
        let (page, api) = try await fixture.test { client in
            for role in [PortalFixture.Role.departmentA, .departmentB] {
                let login = try #require(try await client.logIn(role))
                _ = try await client.upload(
                    PortalFixture.goodFile(region: role.account!.region), fileName: "2025-03.csv", login: login)
            }
            // What the night writes from the same ledger.
            _ = try RollupJob(
                catalog: PortalFixture.catalog, ledger: fixture.portal.uploads.ledger,
                outbox: fixture.deployment.outbox, now: Date()
            ).run(periods: [Period("2025-03")!], cities: ["371500"])
            let city = try #require(try await client.logIn(.city))
            let page = try await client.execute(
                uri: "/targets?region=371500&period=2025-03", method: .get, headers: city.headers)
            let api = try await client.execute(
                uri: "/api/targets?region=371500&period=2025-03", method: .get, headers: city.headers)
            return (page, api)
        }
        let asOf = try #require(try fixture.portal.uploads.ledger.read { try $0.countedAsOf() })
        #expect(page.text.contains("截至 \(ReceiptTime.chinese(asOf)) 的汇总"))
        #expect(!page.text.contains("正在重新汇总"))
        #expect(api.json["upToDate"] as? Bool == true && api.json["schemaVersion"] as? Int == 2)

        let document =
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: URL(
                        fileURLWithPath: fixture.deployment.outbox.rollupJSON(
                            period: "2025-03", regionCode: "371500", regionName: "聊城市")))) as? [String: Any]
        let overview = try #require(
            (document?["tables"] as? [[String: Any]])?.first { $0["name"] as? String == "总览" })
        let header = try #require(overview["header"] as? [String])
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "\(name)") }
        let (code, indicator, plan, year) = (
            try column("地区代码"), try column("指标代码"), try column("规划"), try column("考核年份")
        )
        let (current, completion, elapsed, status) = (
            try column("当前值"), try column("达成率"), try column("时间进度"), try column("状态")
        )
        let rows = (overview["rows"] as? [[Any]] ?? []).filter { $0[code] as? String == "371500" }
        let lines = api.json["targets"] as? [[String: Any]] ?? []
        #expect(lines.count == rows.count && !lines.isEmpty)
        // The roll-up rounds what it shows: 当前值 to the indicator's decimals, 达成率 and 时间进度 to 0.01%.
        func near(_ shown: Any, _ exact: Any?, within: Double) -> Bool {
            switch (shown as? Double, exact as? Double) {
            case (nil, nil): true
            case (let shown?, let exact?): abs(shown - exact) <= within
            default: false
            }
        }
        for line in lines {
            let name = "\(line["indicator"] ?? "") \(line["year"] ?? "")"
            let row = try #require(
                rows.first {
                    $0[indicator] as? String == line["indicator"] as? String
                        && $0[plan] as? String == line["planTitle"] as? String
                        && $0[year] as? Int == line["year"] as? Int
                }, "\(name)")
            #expect(row[status] as? String == line["status"] as? String, "\(name)")
            #expect(near(row[current], line["current"], within: 0.005), "\(name)")
            #expect(near(row[completion], line["completion"], within: 0.00005), "\(name)")
            #expect(near(row[elapsed], line["elapsed"], within: 0.00005), "\(name)")
        }
    }

    @Test func aNewUploadChangesTheFiguresOnceTheyAreRecomputed() async throws {
        let fixture = try PortalFixture()
        func stock(_ response: TestResponse) -> Double? {
            (response.json["targets"] as? [[String: Any]])?.first { $0["indicator"] as? String == "nev_stock" }?[
                "current"] as? Double
        }
        let uri = "/api/targets?region=371500&period=2025-03"
        let (first, stale, fresh, again) = try await fixture.test { client in
            let department = try #require(try await client.logIn(.departmentA))
            let city = try #require(try await client.logIn(.city))
            _ = try await client.upload(
                PortalFixture.goodFile(region: "371502"), fileName: "2025-03.csv", login: department)
            let first = try await client.execute(uri: uri, method: .get, headers: city.headers)
            let correction = PortalFixture.csv(["371502,nev_stock,2025-03,\"12,400\",辆,"])
            let upload = try await client.upload(correction, fileName: "2025-03.csv", login: department)
            #expect(upload.json["status"] as? String == "accepted")
            // The answer at hand, marked as older than the ledger; the new one is computed meanwhile.
            let stale = try await client.execute(uri: uri, method: .get, headers: city.headers)
            await fixture.portal.targets.settled()
            let fresh = try await client.execute(uri: uri, method: .get, headers: city.headers)
            let page = try await client.execute(
                uri: "/targets?region=371500&period=2025-03", method: .get, headers: city.headers)
            #expect(!page.text.contains("正在重新汇总"))
            return (first, stale, fresh, page)
        }
        #expect(stock(first) == 12_345 && first.json["upToDate"] as? Bool == true)
        #expect(stock(stale) == 12_345 && stale.json["upToDate"] as? Bool == false)
        #expect(stock(fresh) == 12_400 && fresh.json["upToDate"] as? Bool == true)
        #expect(again.status == .ok)
    }

    @Test func aStaleAnswerSaysSoOnThePage() async throws {
        let fixture = try PortalFixture()
        let page = try await fixture.test { client in
            let department = try #require(try await client.logIn(.departmentA))
            _ = try await client.upload(
                PortalFixture.goodFile(region: "371502"), fileName: "2025-03.csv", login: department)
            _ = try await client.execute(uri: "/targets", method: .get, headers: department.headers)
            _ = try await client.upload(
                PortalFixture.csv(["371502,nev_stock,2025-03,13000,辆,"]), fileName: "2025-03.csv",
                login: department)
            return try await client.execute(uri: "/targets", method: .get, headers: department.headers)
        }
        #expect(page.status == .ok)
        #expect(page.text.contains("正在重新汇总"))
        await fixture.portal.targets.settled()
    }
}
