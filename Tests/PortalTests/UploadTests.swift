import Foundation
import HTTPTypes
import HummingbirdTesting
import Ledger
import Logging
import NIOCore
import Outbox
import Pipeline
import Reports
import TestSupport
import Testing

@testable import Portal

/// `POST /api/submissions` and `POST /submit`: the receipt at once, and every refusal.
@Suite struct UploadTests {
    /// 东昌府区's commerce account logs in and uploads `file` as `2025-03.csv`.
    func departmentAUploads(_ file: Data, to fixture: PortalFixture) async throws -> TestResponse {
        try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            return try await client.upload(file, fileName: "2025-03.csv", login: login)
        }
    }

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
        let figures = try fixture.portal.uploads.ledger.read { try collected($0.eachCountedReport) }.map {
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

    @Test func aDaysUploadsAreOneRunSummaryFileALineAnUpload() async throws {
        let fixture = try PortalFixture()
        let before = Date()
        _ = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            _ = try await client.upload(PortalFixture.goodFile(region: "371502"), fileName: "2025-03.csv", login: login)
            let bad = PortalFixture.csv(["371502,nev_stock,2025-03,abc,辆,"])
            _ = try await client.upload(bad, fileName: "bad.csv", login: login)
            return try await client.upload(
                PortalFixture.csv(["371502,nev_stock,2025-04,12,辆,"]), fileName: "2025-04.csv", login: login)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let days = Set(
            [before, Date()].map {
                let parts = calendar.dateComponents([.year, .month, .day], from: $0)
                return String(format: "%04d%02d%02d-uploads.jsonl", parts.year!, parts.month!, parts.day!)
            })
        let runs = try FileManager.default.contentsOfDirectory(atPath: fixture.outbox + "/runs")
        #expect(runs.count == 1 && days.contains(runs[0]), "\(runs)")
        let text = try String(contentsOfFile: fixture.outbox + "/runs/" + runs[0], encoding: .utf8)
        let summaries = try text.split(separator: "\n").map {
            try JSONDecoder().decode(RunSummary.self, from: Data($0.utf8))
        }
        #expect(summaries.map(\.accepted) == [["371502/commerce/2025-03.csv"], [], ["371502/commerce/2025-04.csv"]])
        #expect(summaries.map(\.rejected) == [[], ["371502/commerce/bad.csv"], []])
        #expect(summaries[0].runId < summaries[1].runId && summaries[1].runId < summaries[2].runId)
        // Each line names the uncorrected files among its own, not the ledger's whole list.
        #expect(summaries.map { $0.uncorrected.map(\.path) } == [[], ["371502/commerce/bad.csv"], []])
        #expect(summaries[1].uncorrected.first?.tonight == true)
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
        #expect(try fixture.portal.uploads.ledger.read { try collected($0.eachCountedReport) }.isEmpty)
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.rejected == 1)
    }

    @Test func anUploadWhileARunHoldsTheLockIsQueuedAndRecordedOnceTheLockIsFree() async throws {
        let fixture = try PortalFixture()
        var lock: RunLock? = try RunLock(path: fixture.deployment.outbox.lock)
        let answer = try await departmentAUploads(PortalFixture.goodFile(region: "371502"), to: fixture)
        #expect(answer.status == .created)
        #expect(answer.json["status"] as? String == "queued")
        #expect(answer.json["message"] as? String == "已收到，将于本次批处理中处理。")
        #expect(answer.json["versionId"] == nil)
        #expect(
            FileManager.default.fileExists(
                atPath: fixture.root.appendingPathComponent("Inbox/371502/commerce/2025-03.csv").path))
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.versions == 0)
        #expect(try await fixture.portal.uploads.retryQueued() == 0)  // still held
        withExtendedLifetime(lock) { lock = nil }
        #expect(try await fixture.portal.uploads.retryQueued() == 1)
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.accepted == 1)
        #expect(try await fixture.portal.uploads.retryQueued() == 0)  // nothing left waiting
    }

    /// `huanxin run --wait` waiting for the lock: the portal takes it no
    /// more, so a busy day of uploads cannot keep the night from its turn;
    /// the upload waits in the inbox for that run, as behind a running one.
    @Test func anUploadWhileAnotherProcessWaitsForTheLockIsQueuedAndTheLockLeftToIt() async throws {
        let fixture = try PortalFixture()
        var waiter: RunLock.Waiter? = try RunLock.Waiter(lockPath: fixture.deployment.outbox.lock)
        let answer = try await departmentAUploads(PortalFixture.goodFile(region: "371502"), to: fixture)
        #expect(answer.status == .created)
        #expect(answer.json["status"] as? String == "queued")
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.versions == 0)
        // The lock is free for the waiter: the portal does not hold it.
        #expect(throws: Never.self) { try withExtendedLifetime(RunLock(path: fixture.deployment.outbox.lock)) {} }
        #expect(try await fixture.portal.uploads.retryQueued() == 0)  // still waited for
        withExtendedLifetime(waiter) { waiter = nil }
        #expect(try await fixture.portal.uploads.retryQueued() == 1)
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.accepted == 1)
    }

    /// Once, in a full parallel run, the retry above recorded nothing, and
    /// said nothing why. Round after round of lock, upload, release, retry:
    /// each queued upload is recorded by the first retry after the lock is
    /// free, and a retry that cannot record says why (it throws).
    @Test func everyQueuedUploadIsRecordedByTheFirstRetryOnceTheLockIsFree() async throws {
        let fixture = try PortalFixture()
        for round in 1...6 {
            var lock: RunLock? = try RunLock(path: fixture.deployment.outbox.lock)
            let file = PortalFixture.csv(["371502,nev_stock,2025-03,\(1000 + round),辆,"])
            let answer = try await departmentAUploads(file, to: fixture)
            #expect(answer.json["status"] as? String == "queued", "round \(round)")
            withExtendedLifetime(lock) { lock = nil }
            #expect(try await fixture.portal.uploads.retryQueued() == 1, "round \(round)")
            let figures = try fixture.portal.uploads.ledger.read { try collected($0.eachCountedReport) }
            #expect(figures.map(\.observation.value) == [Double(1000 + round)], "round \(round)")
        }
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.versions == 6)
    }

    @Test func aRetryThatCannotRecordSaysWhyAndTheUploadWaitsForTheNext() async throws {
        let fixture = try PortalFixture()
        var lock: RunLock? = try RunLock(path: fixture.deployment.outbox.lock)
        let answer = try await departmentAUploads(PortalFixture.goodFile(region: "371502"), to: fixture)
        #expect(answer.json["status"] as? String == "queued")
        withExtendedLifetime(lock) { lock = nil }
        // A file where the archive's folder belongs: the original cannot be archived.
        let archive = fixture.outbox + "/archive"
        #expect(FileManager.default.createFile(atPath: archive, contents: Data("x".utf8)))
        let error = await #expect(throws: UploadIntake.QueuedNotRecorded.self) {
            try await fixture.portal.uploads.retryQueued()
        }
        #expect(error?.description.hasPrefix("排队文件未能处理，稍后重试 queued uploads not recorded") == true)
        #expect(error?.paths == ["371502/commerce/2025-03.csv"])
        #expect(error?.reasons.contains { $0.contains("archive") } == true, "\(error?.reasons ?? [])")
        try FileManager.default.removeItem(atPath: archive)
        #expect(try await fixture.portal.uploads.retryQueued() == 1)
        #expect(try fixture.portal.uploads.ledger.read { try $0.counts() }.accepted == 1)
    }

    @Test func uploadsAKilledServerLeftAreRemovedAtStartByTheTemporaryFilesRule() throws {
        let fixture = try PortalFixture()
        let scope = AccessScope(
            account: try #require(PortalFixture.Role.departmentA.account), catalog: PortalFixture.catalog)
        let abandoned = try fixture.portal.uploads.temporaryFile(for: scope)
        #expect(FileManager.default.createFile(atPath: abandoned, contents: PortalFixture.goodFile(region: "371502")))
        let folder = (abandoned as NSString).deletingLastPathComponent
        let name = (abandoned as NSString).lastPathComponent
        #expect(InboxScanner.isIgnored(fileName: name), "\(name)")
        let report = folder + "/2025-03.csv"
        #expect(FileManager.default.createFile(atPath: report, contents: PortalFixture.goodFile(region: "371502")))
        fixture.portal.uploads.removeAbandonedUploads()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["2025-03.csv"])
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

    /// The answer is the receipt document's fields (a correction's, with its
    /// figures and corrected months) beside the upload's own, its `schemaVersion` the answer's.
    @Test func theAnswerCarriesTheReceiptDocumentsFieldsAndTheUploadsOwn() async throws {
        let fixture = try PortalFixture()
        let answer = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            _ = try await client.upload(PortalFixture.goodFile(region: "371502"), fileName: "2025-03.csv", login: login)
            return try await client.upload(
                PortalFixture.csv(["371502,nev_stock,2025-03,12400,辆,", "371502,scrapped_vehicles,2025-03,120,,"]),
                fileName: "2025-03.csv", login: login)
        }
        let stored = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: URL(fileURLWithPath: fixture.outbox + "/receipts/371502/commerce/2025-03.csv.回执.json")))
                as? [String: Any])
        let json = answer.json
        #expect((stored["corrects"] as? [Any])?.count == 1 && (stored["figures"] as? [Any])?.count == 2)
        for (key, value) in stored where key != "schemaVersion" {
            #expect((json[key] as? NSObject) == (value as? NSObject), "\(key)")
        }
        #expect(json["schemaVersion"] as? Int == UploadAnswer.schemaVersion)
        #expect(json["status"] as? String == "accepted" && json["statusChinese"] as? String == "受理")
        #expect(json["unchanged"] as? Bool == false && json["versionId"] as? Int == 2)
        #expect(json["message"] as? String == stored["summaryChinese"] as? String)
        #expect(
            Set(json.keys) == Set(stored.keys).union(["status", "statusChinese", "unchanged", "versionId", "message"]))
    }

    /// An upload is read before it queues for the run lock, but checked
    /// against the ledger as it is under the lock: 2025-02.csv, recorded
    /// while 2025-03.csv was being read, gives 2025-03.csv its month-jump
    /// warning (against last month's figure) and its correction (of
    /// scrapped_vehicles 2025-03), and 2025-03.csv is not read a second time.
    @Test func anUploadReadBeforeTheLockIsCheckedAgainstTheLedgerAsItIsUnderTheLock() async throws {
        let intake = GatedIntake(engine: PortalFixture.reader, holding: "2025-03.csv")
        let fixture = try PortalFixture(intake: intake)
        let (earlier, later) = try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            async let later = client.upload(
                PortalFixture.csv(["371502,nev_stock,2025-03,20000,辆,", "371502,scrapped_vehicles,2025-03,120,,"]),
                fileName: "2025-03.csv", login: login)
            try await intake.waitUntilHeld()
            let earlier = try await client.upload(
                PortalFixture.csv(["371502,nev_stock,2025-02,10000,辆,", "371502,scrapped_vehicles,2025-03,100,,"]),
                fileName: "2025-02.csv", login: login)
            intake.open()
            return (earlier, try await later)
        }
        #expect(earlier.json["status"] as? String == "accepted")
        let earlierCodes = (earlier.json["issues"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(earlierCodes?.contains("month-jump") == false, "\(earlierCodes ?? [])")
        #expect(later.json["status"] as? String == "accepted")
        let issues = try #require(later.json["issues"] as? [[String: Any]])
        let jump = try #require(issues.first { $0["code"] as? String == "month-jump" }, "issues: \(issues)")
        #expect(jump["severity"] as? String == "warning")
        #expect((jump["location"] as? [String: Any])?["cell"] as? String == "D2")
        let corrects = try #require(later.json["corrects"] as? [[String: Any]])
        #expect(corrects.map { $0["period"] as? String } == ["2025-03"])
        #expect(corrects.map { $0["path"] as? String } == ["371502/commerce/2025-02.csv"])
        let figures = try #require(later.json["figures"] as? [[String: Any]])
        let scrapped = try #require(figures.first { $0["indicator"] as? String == "scrapped_vehicles" })
        #expect(scrapped["previous"] as? Double == 100)
        #expect(scrapped["previousPath"] as? String == "371502/commerce/2025-02.csv")
        #expect(intake.readCount(of: "2025-03.csv") == 1)
        #expect(intake.readCount(of: "2025-02.csv") == 1)
    }

    /// Uploads are decided as the night decides the same files: the
    /// receipts of two uploads (the second correcting the first, with a
    /// month-jump against its history), read before the lock, are byte for
    /// byte those a nightly run writes for the same two files at the same times.
    @Test func uploadsGetTheReceiptsTheNightWritesForTheSameFiles() async throws {
        let fixture = try PortalFixture()
        let files = [
            (
                "2025-02.csv",
                PortalFixture.csv(["371502,nev_stock,2025-02,10000,辆,", "371502,scrapped_vehicles,2025-03,100,,"])
            ),
            (
                "2025-03.csv",
                PortalFixture.csv(["371502,nev_stock,2025-03,20000,辆,", "371502,scrapped_vehicles,2025-03,120,,"])
            ),
        ]
        try await fixture.test { client in
            let login = try #require(try await client.logIn(.departmentA))
            for (name, data) in files {
                #expect(
                    try await client.upload(data, fileName: name, login: login).json["status"] as? String == "accepted")
            }
        }
        let night = Deployment(root: fixture.root.appendingPathComponent("night"))
        try FileManager.default.createDirectory(
            at: night.inbox.appendingPathComponent("371502/commerce"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: night.root.appendingPathComponent("Schemas"),
            withDestinationURL: PortalFixture.packageRoot.appendingPathComponent("Schemas"))
        for (name, data) in files {
            let uploaded = fixture.deployment.inbox.appendingPathComponent("371502/commerce/" + name).path
            let copy = night.inbox.appendingPathComponent("371502/commerce/" + name).path
            #expect(FileManager.default.createFile(atPath: copy, contents: data))
            let modified = try FileManager.default.attributesOfItem(atPath: uploaded)[.modificationDate]
            try FileManager.default.setAttributes([.modificationDate: try #require(modified)], ofItemAtPath: copy)
        }
        let run = NightlyRun(
            deployment: night, catalog: PortalFixture.catalog, intake: PortalFixture.reader, settlingInterval: 0,
            progress: RunProgress(enabled: false), logger: Logger(label: "night") { _ in SwiftLogNoOpLogHandler() })
        #expect(try run.run(now: Date()).summary.accepted.count == 2)
        for (name, _) in files {
            let sha256 = try SHA256.hash(
                fileAtPath: fixture.deployment.inbox.appendingPathComponent("371502/commerce/" + name).path
            ).hex
            let receipt = { (deployment: Deployment) in
                FileManager.default.contents(
                    atPath: deployment.outbox.receiptHistory(
                        region: "371502", department: "commerce", fileName: name, sha256: sha256))
            }
            let uploaded = try #require(receipt(fixture.deployment), "\(name)")
            #expect(uploaded == receipt(night), "\(name): \(String(decoding: uploaded, as: UTF8.self))")
        }
    }
}
