import Foundation
import HummingbirdTesting
import Pipeline
import Testing

@testable import Portal

/// 报送记录 narrowed to a region or a department, a page at a time, within what the account sees.
@Suite struct HistoryPageTests {
    static func paths(_ response: TestResponse) -> [String] {
        (response.json["submissions"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
    }

    @Test func aCityNarrowsItsHistoryToARegionOrDepartmentAndNoFurther() async throws {
        let fixture = try PortalFixture()
        let (county, department, outside, page, own) = try await fixture.test { client in
            for role in [PortalFixture.Role.departmentA, .departmentB] {
                let login = try #require(try await client.logIn(role))
                _ = try await client.upload(
                    PortalFixture.goodFile(region: role.account!.region), fileName: "2025-03.csv", login: login)
            }
            let city = try #require(try await client.logIn(.city))
            let departmentA = try #require(try await client.logIn(.departmentA))
            return (
                try await client.execute(uri: "/api/history?region=371503", method: .get, headers: city.headers),
                try await client.execute(uri: "/api/history?department=industry", method: .get, headers: city.headers),
                try await client.execute(uri: "/api/history?region=370829", method: .get, headers: city.headers),
                try await client.execute(uri: "/history?region=371502", method: .get, headers: city.headers),
                // A department sees its own folder whatever it asks for.
                try await client.execute(
                    uri: "/api/history?region=371502&department=industry", method: .get, headers: departmentA.headers)
            )
        }
        #expect(Self.paths(county) == ["371503/commerce/2025-03.csv"])
        #expect(department.status == .ok && Self.paths(department).isEmpty)
        #expect(outside.status == .forbidden)
        #expect(page.status == .ok && page.text.contains(#"<option value="371502" selected>东昌府区</option>"#))
        #expect(page.text.contains("<td>东昌府区商务局</td><td>2025-03.csv</td>"))
        #expect(!page.text.contains("冠县商务局") && !page.text.contains("更早的记录"))
        #expect(Self.paths(own) == ["371502/commerce/2025-03.csv"])
    }

    /// 报送情况 leads the city to each submitter's receipts: every cell and chase line links its
    /// 报送记录; a department's page has no such links (its history is its own).
    @Test func theStatusGridLinksEachSubmittersHistoryForTheCity() async throws {
        let fixture = try PortalFixture()
        let (city, department) = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            _ = try await client.upload(PortalFixture.goodFile(region: "371502"), fileName: "2025-03.csv", login: login)
            let city = try #require(try await client.logIn(.city))
            return (
                try await client.execute(uri: "/status?period=2025-03", method: .get, headers: city.headers),
                try await client.execute(uri: "/status?period=2025-03", method: .get, headers: login.headers)
            )
        }
        #expect(city.status == .ok && department.status == .ok)
        #expect(city.text.contains(#"<a href="/history?region=371502&amp;department=commerce">"#))
        let chase = try #require(city.text.components(separatedBy: #"id="chase""#).last)
        #expect(chase.contains(#"<a href="/history?region=371503&amp;department=commerce">报送记录"#))
        #expect(!department.text.contains("/history?region="))
    }

    @Test func pagesFollowOnWithTheOlderOnesAndKeepTheFilter() async throws {
        let fixture = try PortalFixture()
        try await fixture.test { client in
            for (role, name) in [
                (PortalFixture.Role.departmentA, "2025-01.csv"), (.departmentA, "2025-02.csv"),
                (.departmentB, "2025-03.csv"),
            ] {
                let login = try #require(try await client.logIn(role))
                _ = try await client.upload(
                    PortalFixture.goodFile(region: role.account!.region), fileName: name, login: login)
            }
        }
        let scope = AccessScope(account: try #require(PortalFixture.Role.city.account), catalog: PortalFixture.catalog)
        let history = fixture.portal.history
        let first = try history.entries(for: scope, filter: .init(region: "371502"), limit: 1)
        #expect(first.entries.map(\.version.path) == ["371502/commerce/2025-02.csv"] && first.more)
        let next = try history.entries(
            for: scope, filter: .init(region: "371502", before: first.entries[0].version.id), limit: 1)
        #expect(next.entries.map(\.version.path) == ["371502/commerce/2025-01.csv"] && !next.more)

        let values = HistoryView.values(
            first.entries, more: true, filter: .init(region: "371502", department: "commerce"), scope: scope,
            catalog: PortalFixture.catalog)
        #expect(
            values["older"] as? String
                == "/history?region=371502&department=commerce&before=\(first.entries[0].version.id)")
    }
}
