import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import NIOCore
import Pipeline
import Testing

@testable import Portal

/// Logging in and out: the cookie, wrong passwords, the rate limit, idle
/// expiry, revocation, and the audit of it all.
@Suite struct SessionTests {
    @Test func loginSetsAStrictHttpOnlyCookieAndTheSessionAnswersWithTheAccount() async throws {
        let fixture = try PortalFixture()
        let (login, session) = try await fixture.test { client in
            let response = try await client.execute(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=dongchangfu-commerce&password=correct+horse+battery"))
            let cookie = String(try #require(response.headers[.setCookie]?.split(separator: ";").first))
            return (response, try await client.execute(uri: "/api/session", method: .get, headers: [.cookie: cookie]))
        }
        #expect(login.status == .seeOther)
        #expect(login.headers[.location] == "/submit")
        let cookie = try #require(login.headers[.setCookie])
        #expect(cookie.hasPrefix("huanxin_session="))
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        #expect(cookie.contains("Path=/"))
        #expect(session.json["user"] as? String == "dongchangfu-commerce")
        #expect(session.json["role"] as? String == "department")
        #expect(session.json["region"] as? String == "371502")
        #expect(session.json["department"] as? String == "commerce")
        #expect((session.json["csrfToken"] as? String)?.count == 64)
        // The ledger keeps the token's hash, never the token.
        let token = String(cookie.split(separator: ";")[0].dropFirst("huanxin_session=".count))
        #expect(try fixture.portal.uploads.ledger.session(tokenHash: token) == nil)
        #expect(
            try fixture.portal.uploads.ledger.session(tokenHash: PortalSessions.hash(token))?.account
                == "dongchangfu-commerce")
    }

    @Test func aWrongPasswordIs401AndAudited() async throws {
        let fixture = try PortalFixture()
        let login = try await fixture.test { client in try await client.logIn(.city, password: "wrong password!") }
        #expect(login == nil)
        let audit = try fixture.portal.uploads.ledger.audit()
        #expect(audit.first?.action == "login-failed")
        #expect(audit.first?.user == "liaocheng")
        #expect(audit.first?.address == "local")
    }

    /// `--behind-proxy`: the address is the one the proxy added (the last of
    /// `X-Forwarded-For`) and the cookie is `Secure`; without it the header
    /// is the client's to forge, and ignored.
    @Test(arguments: [false, true])
    func behindAProxyTheForwardedAddressIsAuditedAndTheCookieIsSecure(behindProxy: Bool) async throws {
        let fixture = try PortalFixture(behindProxy: behindProxy)
        let forwarded: HTTPFields = [
            .contentType: "application/x-www-form-urlencoded", .xForwardedFor: "203.0.113.7, 198.51.100.2",
        ]
        let (failed, login) = try await fixture.test { client in
            (
                try await client.execute(
                    uri: "/login", method: .post, headers: forwarded,
                    body: ByteBuffer(string: "username=liaocheng&password=wrong")),
                try await client.execute(
                    uri: "/login", method: .post, headers: forwarded,
                    body: ByteBuffer(string: "username=liaocheng&password=correct+horse+battery"))
            )
        }
        #expect(failed.status == .unauthorized && login.status == .seeOther)
        let addresses = try fixture.portal.uploads.ledger.audit().filter { $0.user == "liaocheng" }.map(\.address)
        #expect(addresses.count == 2)
        #expect(addresses.allSatisfy { $0 == (behindProxy ? "198.51.100.2" : "local") }, "\(addresses)")
        #expect(login.headers[.setCookie]?.contains("Secure") == behindProxy)
    }

    @Test func everyLoginAttemptIsLoggedWithTheNameAndAddress() async throws {
        let log = RecordedLog()
        let fixture = try PortalFixture(logger: log.logger)
        _ = try await fixture.test { client in
            _ = try await client.logIn(.city)
            for _ in 1...6 { _ = try await client.logIn(.city, password: "wrong password!") }
        }
        let logins = log.lines.filter { $0.contains("登录") }
        #expect(logins.first == "notice 登录 logged in address=local user=liaocheng", "\(logins)")
        #expect(logins.filter { $0 == "warning 登录失败 login failed address=local user=liaocheng" }.count == 5)
        #expect(logins.last == "warning 登录尝试过多，已拒绝 login refused: too many attempts address=local user=liaocheng")
    }

    @Test func fiveFailuresLockTheNameForAMinuteEvenWithTheRightPassword() async throws {
        let fixture = try PortalFixture()
        let statuses = try await fixture.test { client in
            var statuses: [HTTPResponse.Status] = []
            for password in Array(repeating: "wrong+password", count: 6) + ["correct+horse+battery"] {
                statuses.append(
                    try await client.execute(
                        uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: "username=shandong&password=\(password)")
                    ).status)
            }
            return statuses
        }
        #expect(statuses == Array(repeating: .unauthorized, count: 5) + [.tooManyRequests, .tooManyRequests])
        #expect(try fixture.portal.uploads.ledger.audit().first?.action == "login-limited")
    }

    @Test func aLockedNameLogsInAgainOnceTheMinuteHasPassed() throws {
        let fixture = try PortalFixture()
        // The portal's own window, not the fixture's.
        let sessions = PortalSessions(ledger: fixture.portal.uploads.ledger)
        #expect(sessions.attemptWindow == 60)
        let start = Date()
        for second in 0..<5 {
            #expect(throws: PortalSessions.LoginRefusal.badCredentials) {
                try sessions.logIn(
                    user: "shandong", password: "wrong", address: "203.0.113.9",
                    now: start.addingTimeInterval(Double(second)))
            }
        }
        #expect(throws: PortalSessions.LoginRefusal.tooManyAttempts) {
            try sessions.logIn(
                user: "shandong", password: PortalFixture.password, address: "203.0.113.9",
                now: start.addingTimeInterval(59))
        }
        // 61 s after the first failure, 57 s after the last: four remain in the window.
        #expect(
            try sessions.logIn(
                user: "shandong", password: PortalFixture.password, address: "203.0.113.9",
                now: start.addingTimeInterval(61)
            ).account.name == "shandong")
    }

    /// Colleagues behind one office address: one's five typos lock that name,
    /// not the others; twenty failures from the address, whatever the names, lock it.
    @Test func theLimitCountsPerAddressAcrossNames() throws {
        let fixture = try PortalFixture()
        let sessions = fixture.portal.sessions
        for _ in 1...5 {
            #expect(throws: PortalSessions.LoginRefusal.badCredentials) {
                try sessions.logIn(user: "someone", password: "x", address: "203.0.113.9")
            }
        }
        #expect(throws: PortalSessions.LoginRefusal.tooManyAttempts) {
            try sessions.logIn(user: "someone", password: "x", address: "203.0.113.9")
        }
        #expect(
            try sessions.logIn(user: "shandong", password: PortalFixture.password, address: "203.0.113.9").account.name
                == "shandong")
        for name in (1...15).map({ "name\($0)" }) {
            #expect(throws: PortalSessions.LoginRefusal.badCredentials) {
                try sessions.logIn(user: name, password: "x", address: "203.0.113.9")
            }
        }
        #expect(throws: PortalSessions.LoginRefusal.tooManyAttempts) {
            try sessions.logIn(user: "shandong", password: PortalFixture.password, address: "203.0.113.9")
        }
        // From another address the account logs in.
        #expect(
            try sessions.logIn(user: "shandong", password: PortalFixture.password, address: "198.51.100.1").account.name
                == "shandong")
    }

    @Test func aSessionIdleFor8HoursIsOver() async throws {
        let fixture = try PortalFixture()
        let (before, after) = try await fixture.test { client in
            let login = try #require(try await client.logIn(.province))
            let before = try await client.execute(uri: "/api/session", method: .get, headers: login.headers).status
            try fixture.portal.uploads.ledger.touchSession(
                tokenHash: PortalSessions.hash(login.token),
                at: Date().addingTimeInterval(-8 * 3600 - 1))
            let after = try await client.execute(uri: "/api/session", method: .get, headers: login.headers).status
            return (before, after)
        }
        #expect(before == .ok)
        #expect(after == .unauthorized)
    }

    @Test func logoutEndsTheSessionAndClearsTheCookie() async throws {
        let fixture = try PortalFixture()
        let (withoutToken, logout, after) = try await fixture.test { client in
            let login = try #require(try await client.logIn(.city))
            let form: HTTPFields = [.cookie: login.cookie, .contentType: "application/x-www-form-urlencoded"]
            let withoutToken = try await client.execute(
                uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "")
            ).status
            let logout = try await client.execute(
                uri: "/logout", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(login.csrf)"))
            let after = try await client.execute(uri: "/api/session", method: .get, headers: login.headers).status
            return (withoutToken, logout, after)
        }
        #expect(withoutToken == .forbidden)
        #expect(logout.status == .seeOther)
        #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)
        #expect(after == .unauthorized)
        #expect(try fixture.portal.uploads.ledger.audit().first?.action == "logout")
    }

    @Test func removingTheAccountOrChangingItsPasswordEndsItsSessions() async throws {
        let fixture = try PortalFixture()
        let directory = AccountDirectory(ledger: fixture.portal.uploads.ledger, catalog: PortalFixture.catalog, cost: 4)
        let statuses = try await fixture.test { client in
            let city = try #require(try await client.logIn(.city))
            let province = try #require(try await client.logIn(.province))
            try directory.remove(name: "liaocheng")
            try directory.setPassword(name: "shandong", password: "another long password")
            return [
                try await client.execute(uri: "/api/session", method: .get, headers: city.headers).status,
                try await client.execute(uri: "/api/session", method: .get, headers: province.headers).status,
                try await client.logIn(.province, password: "another long password") == nil ? .unauthorized : .ok,
            ]
        }
        #expect(statuses == [.unauthorized, .unauthorized, .ok])
    }

    @Test func theDirectoryRefusesAccountsTheCatalogDoesNotKnow() throws {
        let fixture = try PortalFixture()
        let directory = AccountDirectory(ledger: fixture.portal.uploads.ledger, catalog: PortalFixture.catalog, cost: 4)
        let refusals: [(PortalAccount, String)] = [
            (PortalAccount(name: "x", role: .department, region: "999999", department: "commerce"), "unknown-region"),
            (PortalAccount(name: "x", role: .department, region: "371502", department: "nope"), "unknown-department"),
            (PortalAccount(name: "x", role: .city, region: "371502", department: nil), "region-not-at-level"),
            (PortalAccount(name: "x y", role: .province, region: "370000", department: nil), "bad-account-name"),
            (PortalAccount(name: "liaocheng", role: .city, region: "371500", department: nil), "account-exists"),
        ]
        for (account, code) in refusals {
            #expect(throws: AccountDirectory.Refused.self, "\(code)") {
                do { try directory.add(account, password: PortalFixture.password) } catch let refused
                    as AccountDirectory.Refused
                {
                    #expect(refused.code == code)
                    throw refused
                }
            }
        }
        let short = #expect(throws: AccountDirectory.Refused.self) {
            try directory.add(
                PortalAccount(name: "new", role: .city, region: "371500", department: nil), password: "short")
        }
        #expect(short?.code == "short-password")
        #expect(
            try directory.list().map(\.name) == ["dongchangfu-commerce", "guanxian-commerce", "liaocheng", "shandong"])
    }
}
