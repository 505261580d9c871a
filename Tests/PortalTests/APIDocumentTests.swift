import Foundation
import HummingbirdTesting
import Pipeline
import TestSupport
import Testing
import Vocabulary

@testable import Portal

/// `/api/history` and `/api/rollups` are documents for scripts: versioned,
/// pinned by golden files, saying how to go on (the next page, the
/// download), and carrying nothing of the server's own file system.
@Suite struct APIDocumentTests {
    /// The answer with what differs from run to run (times, hashes, ids, sizes) put as placeholders.
    static func pinned(_ response: TestResponse) -> String {
        var text = String(buffer: response.body)
        for (pattern, placeholder) in [
            (#""receivedAt":"[^"]+""#, #""receivedAt":"<time>""#),
            (#""sha256":"[0-9a-f]{64}""#, #""sha256":"<sha256>""#),
            (#""versionId":[0-9]+"#, #""versionId":<id>"#), (#""size":[0-9]+"#, #""size":<bytes>"#),
        ] {
            text = text.replacingOccurrences(of: pattern, with: placeholder, options: .regularExpression)
        }
        return text + "\n"
    }

    @Test func theHistoryIsAVersionedDocumentThatNamesItsNextPage() async throws {
        let fixture = try PortalFixture()
        let answer = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            for name in ["2025-02.csv", "2025-03.csv"] {
                _ = try await client.upload(PortalFixture.goodFile(region: "371502"), fileName: name, login: login)
            }
            return try await client.execute(uri: "/api/history", method: .get, headers: login.headers)
        }
        #expect(answer.status == .ok)
        try Golden().expect(Self.pinned(answer), matches: "api-history.json")

        // A page that is not the last says where the next one is, with the filter it was asked with.
        let scope = AccessScope(account: try #require(PortalFixture.Role.city.account), catalog: PortalFixture.catalog)
        let filter = SubmissionHistory.Filter(region: "371502", department: "commerce")
        let first = try fixture.portal.history.entries(for: scope, filter: filter, limit: 1)
        let document = HistoryDocument(first.entries, more: first.more, filter: filter)
        let id = try #require(first.entries.first?.version.id)
        #expect(document.more && document.next == "/api/history?region=371502&department=commerce&before=\(id)")
        let last = try fixture.portal.history.entries(
            for: scope, filter: .init(region: "371502", department: "commerce", before: id), limit: 1)
        #expect(HistoryDocument(last.entries, more: last.more, filter: filter).next == nil)
    }

    @Test func theRollupsListNamesEachDownloadAndNoServerPath() async throws {
        let fixture = try PortalFixture()
        try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            _ = try await client.upload(PortalFixture.goodFile(region: "371502"), fileName: "2025-03.csv", login: login)
        }
        _ = try RollupJob(
            catalog: PortalFixture.catalog, ledger: fixture.portal.uploads.ledger, outbox: fixture.deployment.outbox,
            now: Date()
        )
        .run(periods: [Period("2025-03")!], cities: ["371500"])
        let (list, download) = try await fixture.test { client in
            let city = try #require(try await client.logIn(.city))
            let list = try await client.execute(uri: "/api/rollups", method: .get, headers: city.headers)
            let first = (list.json["rollups"] as? [[String: Any]])?.first?["download"] as? String
            let download = try await client.execute(uri: first ?? "/none", method: .get, headers: city.headers)
            return (list, download)
        }
        #expect(list.status == .ok)
        #expect(!String(buffer: list.body).contains(fixture.root.path) && !String(buffer: list.body).contains("Outbox"))
        try Golden().expect(Self.pinned(list), matches: "api-rollups.json")
        #expect(download.status == .ok && Array(download.body.readableBytesView.prefix(2)) == Array("PK".utf8))
    }
}
