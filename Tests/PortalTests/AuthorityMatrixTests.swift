import Catalog
import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import NIOCore
import Pipeline
import Reports
import Rollup
import Testing
import Vocabulary

@testable import Portal

/// Every route × every role: the status each gets. The rows are the
/// contract's routes; `A` is a receipt of department A's upload, and the
/// roll-up of 聊城市 (371500) exists on disk.
@Suite struct AuthorityMatrixTests {
    typealias Role = PortalFixture.Role

    struct Row: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var uri: String
        /// anonymous, department A, department B, city, province.
        var expected: [HTTPResponse.Status]
        var description: String { "\(method) \(uri)" }
    }

    static let (ok, see, unauthorized, forbidden, notFound, bad, created) =
        (
            HTTPResponse.Status.ok, HTTPResponse.Status.seeOther, HTTPResponse.Status.unauthorized,
            HTTPResponse.Status.forbidden, HTTPResponse.Status.notFound, HTTPResponse.Status.badRequest,
            HTTPResponse.Status.created
        )

    static let rows: [Row] = [
        Row(method: .get, uri: "/healthz", expected: [ok, ok, ok, ok, ok]),
        Row(method: .get, uri: "/", expected: [see, see, see, see, see]),
        Row(method: .get, uri: "/login", expected: [ok, see, see, see, see]),
        Row(method: .get, uri: "/static/portal.css", expected: [ok, ok, ok, ok, ok]),
        Row(
            method: .get, uri: "/static/..%2FTemplates%2Flayout.mustache",
            expected: [notFound, notFound, notFound, notFound, notFound]),
        Row(method: .get, uri: "/api/session", expected: [unauthorized, ok, ok, ok, ok]),
        Row(method: .get, uri: "/submit", expected: [see, ok, ok, forbidden, forbidden]),
        Row(method: .post, uri: "/api/submissions", expected: [unauthorized, created, created, forbidden, forbidden]),
        Row(method: .get, uri: "/history", expected: [see, ok, ok, ok, ok]),
        Row(method: .get, uri: "/api/history", expected: [unauthorized, ok, ok, ok, ok]),
        Row(method: .get, uri: "/receipt?id=A", expected: [see, ok, forbidden, ok, ok]),
        Row(method: .get, uri: "/receipt.xlsx?id=A", expected: [see, ok, forbidden, ok, ok]),
        Row(method: .get, uri: "/receipt?id=999", expected: [see, notFound, notFound, notFound, notFound]),
        Row(method: .get, uri: "/status", expected: [see, ok, ok, ok, ok]),
        Row(method: .get, uri: "/api/status?period=2025-03", expected: [unauthorized, ok, ok, ok, ok]),
        Row(method: .get, uri: "/api/status?period=2025-3x", expected: [unauthorized, bad, bad, bad, bad]),
        Row(method: .get, uri: "/targets", expected: [see, ok, ok, ok, ok]),
        Row(
            method: .get, uri: "/api/targets?region=371502&period=2025-03",
            expected: [unauthorized, ok, forbidden, ok, ok]),
        Row(
            method: .get, uri: "/api/targets?region=371500&period=2025-03",
            expected: [unauthorized, forbidden, forbidden, ok, ok]),
        Row(
            method: .get, uri: "/api/targets?region=370829&period=2025-03",
            expected: [unauthorized, forbidden, forbidden, forbidden, ok]),
        Row(method: .get, uri: "/rollups", expected: [see, ok, ok, ok, ok]),
        Row(method: .get, uri: "/api/rollups", expected: [unauthorized, ok, ok, ok, ok]),
        Row(
            method: .get, uri: "/rollups/download?period=2025-03&region=371500",
            expected: [see, forbidden, forbidden, ok, ok]),
        Row(
            method: .get, uri: "/rollups/download?period=2025-03&region=370829",
            expected: [see, forbidden, forbidden, forbidden, notFound]),
        Row(method: .get, uri: "/template?period=2025-03", expected: [see, ok, ok, bad, bad]),
        Row(
            method: .get, uri: "/template?period=2025-03&region=371503&department=commerce",
            expected: [see, forbidden, ok, ok, ok]),
        Row(
            method: .get, uri: "/template?period=2025-03&region=370829&department=commerce",
            expected: [see, forbidden, forbidden, forbidden, ok]),
        Row(method: .post, uri: "/logout", expected: [see, see, see, see, see]),
    ]

    @Test func everyRouteForEveryRole() async throws {
        let fixture = try PortalFixture()
        // Department A's accepted upload, and the roll-up written from it.
        let receiptId = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            let answer = try await client.upload(
                PortalFixture.goodFile(region: "371502"), fileName: "2025-03.csv", login: login)
            return try #require(answer.json["versionId"] as? Int)
        }
        _ = try RollupJob(
            catalog: PortalFixture.catalog, ledger: fixture.portal.uploads.ledger, outbox: fixture.deployment.outbox,
            now: Date()
        )
        .run(periods: [Period("2025-03")!], cities: ["371500"])

        let failures = try await fixture.test { client in
            var failures: [String] = []
            for (column, role) in Role.allCases.enumerated() {
                for row in Self.rows {
                    // Each role logs in anew per row: `/logout` ends the session.
                    let login = try await client.logIn(role)
                    if role != .anonymous, login == nil { failures.append("\(role) could not log in") }
                    let uri = row.uri.replacingOccurrences(of: "id=A", with: "id=\(receiptId)")
                    let response: TestResponse
                    if row.uri == "/api/submissions" {
                        let region = role.account?.region ?? "371502"
                        response = try await client.upload(
                            PortalFixture.goodFile(region: region), fileName: "m.csv",
                            login: login, csrf: login?.csrf, header: true)
                    } else if row.method == .post {
                        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                        if let login { headers[.cookie] = login.cookie }
                        response = try await client.execute(
                            uri: uri, method: .post, headers: headers,
                            body: ByteBuffer(string: "csrf=\(login?.csrf ?? "")"))
                    } else {
                        response = try await client.execute(
                            uri: uri, method: row.method, headers: login?.headers ?? [:])
                    }
                    if response.status != row.expected[column] {
                        failures.append(
                            "\(row) as \(role): \(response.status.code), expected \(row.expected[column].code)")
                    }
                    // Every answer carries the security headers.
                    if response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") != true
                        || response.headers[.xContentTypeOptions] != "nosniff"
                    {
                        failures.append("\(row) as \(role): security headers missing")
                    }
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func eachAccountSeesOnlyItsOwnInHistoryAndStatus() async throws {
        let fixture = try PortalFixture()
        let seen = try await fixture.test { client in
            for role in [Role.departmentA, .departmentB] {
                let login = try #require(try await client.logIn(role))
                _ = try await client.upload(
                    PortalFixture.goodFile(region: role.account!.region), fileName: "2025-03.csv", login: login)
            }
            var seen: [Role: (history: [String], status: [String])] = [:]
            for role in Role.allCases where role != .anonymous {
                let login = try #require(try await client.logIn(role))
                let history = try await client.execute(uri: "/api/history", method: .get, headers: login.headers)
                let paths = (history.json["submissions"] as? [[String: Any]] ?? [])
                    .compactMap { $0["path"] as? String }.sorted()
                let status = try await client.execute(
                    uri: "/api/status?period=2025-03", method: .get, headers: login.headers)
                let cities = status.json["cities"] as? [[String: Any]] ?? []
                let cells = cities.flatMap { $0["cells"] as? [[String: Any]] ?? [] }
                    // Late: figures for 2025-03 sent now, past its deadline.
                    .filter { $0["state"] as? String == "late" }
                    .compactMap { "\($0["region"] as? String ?? "")/\($0["department"] as? String ?? "")" }.sorted()
                seen[role] = (paths, cells)
            }
            return seen
        }
        let both = ["371502/commerce/2025-03.csv", "371503/commerce/2025-03.csv"]
        #expect(seen[.departmentA]?.history == ["371502/commerce/2025-03.csv"])
        #expect(seen[.departmentB]?.history == ["371503/commerce/2025-03.csv"])
        #expect(seen[.city]?.history == both)
        #expect(seen[.province]?.history == both)
        #expect(seen[.departmentA]?.status == ["371502/commerce"])
        #expect(seen[.departmentB]?.status == ["371503/commerce"])
        #expect(seen[.city]?.status == ["371502/commerce", "371503/commerce"])
        #expect(seen[.province]?.status == ["371502/commerce", "371503/commerce"])
    }

    @Test func theUseCasesRefuseWithoutThePage() throws {
        // Authority lives in Pipeline: a city's scope cannot name an upload folder, a department's cannot see another's.
        let city = AccessScope(account: Role.city.account!, catalog: PortalFixture.catalog)
        let department = AccessScope(account: Role.departmentA.account!, catalog: PortalFixture.catalog)
        #expect(throws: AccessScope.Denied.self) { try city.uploader() }
        #expect(!department.maySee(Submitter(region: "371503", department: "commerce")))
        #expect(!department.maySee(Submitter(region: "371502", department: "transport")))
        #expect(city.maySee(Submitter(region: "371502", department: "transport")))
        #expect(!city.maySee(Submitter(region: "370829", department: "commerce")))
        // The server's own commands see everything, a region the catalog lacks too, and upload nothing.
        let whole = AccessScope(wholeDeploymentOf: PortalFixture.catalog)
        let province = AccessScope(account: Role.province.account!, catalog: PortalFixture.catalog)
        #expect(whole.maySee(Submitter(region: "999999", department: "commerce")))
        #expect(!province.maySee(Submitter(region: "999999", department: "commerce")))
        #expect(whole.cities == province.cities && whole.regions == nil)
        #expect(throws: AccessScope.Denied.self) { try whole.uploader() }
    }

    @Test func aScopedStatusNamingACityOutsideTheScopeIsRefused() throws {
        let status = StatusQuery(catalog: PortalFixture.catalog, ledger: nil)
        let city = AccessScope(account: Role.city.account!, catalog: PortalFixture.catalog)
        let calendar = ProgrammeCalendar(now: Date())
        #expect(throws: AccessScope.Denied.self) {
            try status.report(period: Period("2025-03"), city: "370800", scope: city, calendar: calendar)
        }
        let report = try status.report(period: Period("2025-03"), city: "371500", scope: city, calendar: calendar)
        #expect(report.cities.map(\.code) == ["371500"])
    }
}
