import Foundation
import HummingbirdTesting
import Testing

@testable import Portal

/// The receipt page lists what the file counts, as the receipt workbook's 导入明细 does: each figure
/// with its cell, its indicator by name, what was written and what was counted, and what it corrected.
@Suite struct ReceiptPageTests {
    @Test func aCorrectionsPageListsItsFiguresWithTheirCellsAndWhatTheyReplaced() async throws {
        let fixture = try PortalFixture()
        let page = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            _ = try await client.upload(PortalFixture.goodFile(region: "371502"), fileName: "2025-03.csv", login: login)
            let correction = PortalFixture.csv([
                "371502,nev_stock,2025-03,12400,辆,", "371502,scrapped_vehicles,2025-03,120,,",
            ])
            let redirect = try await client.upload(correction, fileName: "2025-03.csv", login: login, uri: "/submit")
            let location = try #require(redirect.headers[.location])
            return try await client.execute(uri: location, method: .get, headers: login.headers)
        }
        #expect(page.status == .ok)
        let table = try #require(page.text.components(separatedBy: #"<table class="figures""#).last)
        #expect(page.text.contains("导入明细 <small>Figures counted</small> 2"))
        #expect(table.contains("<tr class=\"changed\"><td>单元格 D2</td><td>新能源汽车保有量"))
        #expect(table.contains("<code>nev_stock</code>") && table.contains("东昌府区"))
        #expect(table.contains("<td class=\"number\">12400 辆</td>"))
        #expect(table.contains("计入（更正：原值 12345，来自 2025-03.csv）"))
        #expect(table.contains("单元格 D3") && table.contains("计入（与原值相同）"))
        #expect(!page.text.contains("完整明细请下载回执工作簿"))
    }

    @Test func aRejectedFilesPageHasNoFigures() async throws {
        let fixture = try PortalFixture()
        let page = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            let bad = PortalFixture.csv(["371502,nev_stock,2025-03,abc,辆,"])
            let redirect = try await client.upload(bad, fileName: "2025-03.csv", login: login, uri: "/submit")
            let location = try #require(redirect.headers[.location])
            return try await client.execute(uri: location, method: .get, headers: login.headers)
        }
        #expect(page.status == .ok && page.text.contains("退回"))
        #expect(!page.text.contains("导入明细"))
    }
}
