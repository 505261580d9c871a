import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import NIOCore
import Pipeline
import Reports
import Testing

@testable import Portal

/// `POST /api/submissions` and `POST /submit`: the receipt at once, and every refusal.
@Suite struct UploadTests {
    @Test func goodFileIsAcceptedAtOnceWithItsReceiptAndPlacedInTheAccountsFolder() async throws {
        let fixture = try PortalFixture()
        let file = PortalFixture.goodFile(region: "371502")
        let answer = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            return try await client.upload(file, fileName: "2025-03.csv", login: login)
        }
        #expect(answer.status == .created)
        let json = answer.json
        #expect(json["status"] as? String == "accepted")
        #expect(json["outcome"] as? String == "accepted")
        #expect(json["unchanged"] as? Bool == false)
        #expect(json["observations"] as? Int == 2)
        #expect(json["path"] as? String == "371502/commerce/2025-03.csv")
        #expect(json["periods"] as? [String] == ["2025-03"])
        #expect(json["summaryChinese"] as? String == "已受理，计入数据 2 条（2025-03）。")
        // In the inbox under the account's folder, byte for byte; figures in the ledger; receipts written.
        let placed = fixture.root.appendingPathComponent("Inbox/371502/commerce/2025-03.csv")
        #expect(FileManager.default.contents(atPath: placed.path) == file)
        let figures = try fixture.portal.uploads.ledger.read { try $0.currentObservations() }.map {
            "\($0.observation.region) \($0.observation.indicator)=\(Int($0.observation.value))"
        }
        #expect(figures == ["371502 nev_stock=12345", "371502 scrapped_vehicles=120"])
        #expect(
            FileManager.default.fileExists(
                atPath: fixture.deployment.outbox.receipt(
                    region: "371502", department: "commerce", fileName: "2025-03.csv")))
        // No temporary upload left behind in the folder.
        let folder = try FileManager.default.contentsOfDirectory(atPath: placed.deletingLastPathComponent().path)
        #expect(folder == ["2025-03.csv"])
        // The upload is audited.
        let audit = try fixture.portal.uploads.ledger.audit().first { $0.action == "upload" }
        #expect(audit?.user == "dongchangfu-commerce")
        #expect(audit?.detail.contains("path=371502/commerce/2025-03.csv") == true)
        #expect(audit?.detail.contains("status=accepted") == true)
    }

    @Test func theSameFileTwiceIsUnchangedAndCountedOnce() async throws {
        let fixture = try PortalFixture()
        let file = PortalFixture.goodFile(region: "371502")
        let (first, second) = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            return (
                try await client.upload(file, fileName: "2025-03.csv", login: login),
                try await client.upload(file, fileName: "2025-03.csv", login: login)
            )
        }
        #expect(first.json["unchanged"] as? Bool == false)
        #expect(second.status == .created)
        #expect(second.json["unchanged"] as? Bool == true)
        #expect(second.json["status"] as? String == "accepted")
        #expect(second.json["versionId"] as? Int == first.json["versionId"] as? Int)
        #expect((second.json["message"] as? String)?.hasPrefix("与已报送的同名文件内容相同") == true)
        let counts = try fixture.portal.uploads.ledger.read { try $0.counts() }
        #expect(counts.versions == 1 && counts.currentObservations == 2)
    }

    @Test func anotherRegionsRowsAreRejectedForAuthorityAndNothingIsCounted() async throws {
        let fixture = try PortalFixture()
        // 东昌府区's account sends 冠县's figures.
        let answer = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            return try await client.upload(
                PortalFixture.goodFile(region: "371503"), fileName: "guanxian.csv", login: login)
        }
        #expect(answer.status == .created)
        #expect(answer.json["status"] as? String == "rejected")
        let issues = try #require(answer.json["issues"] as? [[String: Any]])
        let codes = Set(issues.compactMap { $0["code"] as? String })
        #expect(codes.contains("authority-region"), "codes: \(codes)")
        #expect(issues.contains { ($0["location"] as? [String: Any])?["cell"] as? String == "A2" })
        #expect(try fixture.portal.uploads.ledger.read { try $0.currentObservations() }.isEmpty)
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.rejected == 1)
    }

    @Test func anUploadWhileARunHoldsTheLockIsQueuedAndRecordedOnceTheLockIsFree() async throws {
        let fixture = try PortalFixture()
        var lock: RunLock? = try RunLock(path: fixture.deployment.outbox.lock)
        let answer = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            return try await client.upload(
                PortalFixture.goodFile(region: "371502"), fileName: "2025-03.csv", login: login)
        }
        #expect(answer.status == .created)
        #expect(answer.json["status"] as? String == "queued")
        #expect(answer.json["message"] as? String == "已收到，将于本次批处理中处理。")
        #expect(answer.json["versionId"] == nil)
        #expect(
            FileManager.default.fileExists(
                atPath: fixture.root.appendingPathComponent("Inbox/371502/commerce/2025-03.csv").path))
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.versions == 0)
        #expect(await fixture.portal.uploads.retryQueued() == 0)  // still held
        withExtendedLifetime(lock) { lock = nil }
        #expect(await fixture.portal.uploads.retryQueued() == 1)
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.accepted == 1)
    }

    @Test func anOversizedUploadIsRefusedWith413AndLeavesNothing() async throws {
        let fixture = try PortalFixture(maxUploadMiB: 1)
        let big = Data(repeating: 0x41, count: 1024 * 1024 + 10)
        let response = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            return try await client.upload(big, fileName: "big.csv", login: login)
        }
        #expect(response.status == .contentTooLarge)
        #expect(response.json["error"] as? String == "too-large")
        let folder = fixture.root.appendingPathComponent("Inbox/371502/commerce").path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).isEmpty)
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.versions == 0)
    }

    @Test(arguments: [
        ("../../370829/commerce/2025-03.csv", "2025-03.csv"),
        ("C:\\fakepath\\报表 2025-03.csv", "报表 2025-03.csv"),
        ("..\u{0}.csv", "csv"),
        (".hidden.csv", "hidden.csv"),
        ("a\u{202E}vsc.exe", "avsc.exe"),
        ("   月报<>:\"|?*.csv  ", "月报.csv"),
    ])
    func hostileFileNamesAreKeptInTheAccountsFolderUnderACleanName(raw: String, clean: String) async throws {
        let fixture = try PortalFixture()
        let answer = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            return try await client.upload(PortalFixture.goodFile(region: "371502"), fileName: raw, login: login)
        }
        #expect(answer.status == .created)
        #expect(answer.json["path"] as? String == "371502/commerce/\(clean)")
        let inbox = fixture.root.appendingPathComponent("Inbox").path
        let all = try FileManager.default.subpathsOfDirectory(atPath: inbox).filter {
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: inbox + "/" + $0, isDirectory: &folder) && !folder.boolValue
        }
        #expect(all == ["371502/commerce/\(clean)"])
    }

    @Test func namesTheInboxWouldIgnoreOrEmptyNamesAreRefused() async throws {
        let fixture = try PortalFixture()
        let statuses = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            var statuses: [HTTPResponse.Status] = []
            for name in ["~$2025-03.xlsx", "2025-03.csv.part", "report.tmp", "...", "\u{1}\u{2}"] {
                statuses.append(
                    try await client.upload(PortalFixture.goodFile(region: "371502"), fileName: name, login: login)
                        .status)
            }
            return statuses
        }
        #expect(statuses == Array(repeating: .badRequest, count: 5))
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.versions == 0)
    }

    @Test func namesAreCutToTheLimitKeepingTheirExtension() throws {
        let long = String(repeating: "报", count: 100) + ".xlsx"
        let cut = try UploadName.sanitised(long)
        #expect(cut.utf8.count <= UploadName.maximumBytes && cut.hasSuffix(".xlsx") && cut.hasPrefix("报报"))
    }

    @Test func noFilePartIs400() async throws {
        let fixture = try PortalFixture()
        let response = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            let body = "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(login.csrf)\r\n--b--\r\n"
            return try await client.execute(
                uri: "/api/submissions", method: .post,
                headers: [.cookie: login.cookie, .contentType: "multipart/form-data; boundary=b"],
                body: ByteBuffer(string: body))
        }
        #expect(response.status == .badRequest)
    }

    @Test func csrfTokenMissingOrWrongIs403AndNothingIsKept() async throws {
        let fixture = try PortalFixture()
        let statuses = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            let file = PortalFixture.goodFile(region: "371502")
            return [
                try await client.upload(file, fileName: "a.csv", login: login, csrf: .some(nil)).status,
                try await client.upload(
                    file, fileName: "b.csv", login: login,
                    csrf: (login.csrf.first == "0" ? "1" : "0") + login.csrf.dropFirst()
                ).status,
                try await client.upload(file, fileName: "c.csv", login: login, csrf: "wrong", header: true).status,
                try await client.upload(file, fileName: "d.csv", login: login, header: true).status,
                try await client.upload(file, fileName: "e.csv", login: login, uri: "/submit").status,
            ]
        }
        #expect(statuses == [.forbidden, .forbidden, .forbidden, .created, .seeOther])
        let folder = fixture.root.appendingPathComponent("Inbox/371502/commerce").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["d.csv", "e.csv"])
    }

    @Test func aForeignOriginIsRefusedWhateverItCarries() async throws {
        let fixture = try PortalFixture()
        let statuses = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            let file = PortalFixture.goodFile(region: "371502")
            return [
                try await client.upload(
                    file, fileName: "a.csv", login: login, extraHeaders: [.origin: "https://evil.example"]
                ).status,
                try await client.upload(
                    file, fileName: "b.csv", login: login, extraHeaders: [.referer: "https://evil.example/x"]
                ).status,
                try await client.upload(file, fileName: "c.csv", login: login, extraHeaders: [.origin: "null"]).status,
                try await client.upload(
                    file, fileName: "d.csv", login: login, extraHeaders: [.origin: "http://localhost"]
                ).status,
                try await client.execute(
                    uri: "/login", method: .post,
                    headers: [.origin: "https://evil.example", .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "username=shandong&password=x")
                ).status,
            ]
        }
        #expect(statuses == [.forbidden, .forbidden, .forbidden, .created, .forbidden])
    }

    @Test func thePagesFormAnswersWithTheReceiptPage() async throws {
        let fixture = try PortalFixture()
        let (redirect, page) = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            let bad = PortalFixture.csv(["371502,nev_stock,2025-03,abc,辆,"])
            let redirect = try await client.upload(bad, fileName: "2025-03.csv", login: login, uri: "/submit")
            let location = try #require(redirect.headers[.location])
            return (redirect, try await client.execute(uri: location, method: .get, headers: login.headers))
        }
        #expect(redirect.status == .seeOther)
        #expect(redirect.headers[.location]?.hasPrefix("/receipt?id=") == true)
        #expect(page.status == .ok)
        #expect(page.text.contains("退回"))
        #expect(page.text.contains("单元格 D2"))
    }
}
