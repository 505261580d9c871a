import Catalog
import Foundation
import Intake
import Ledger
import Outbox
import Reports
import Rollup
import Sheets
import TestSupport
import Testing
import Vocabulary

@testable import Pipeline

/// The first sheet of a workbook in canonical CSV (as `huanxin cat` prints
/// it), one line per row: `lines[0]` is row 1.
func sheetLines(_ path: String) throws -> [String] {
    var bytes: [UInt8] = []
    try CanonicalCSVWriter.write(sheet: 0, of: try openWorkbook(atPath: path)) { bytes += $0 }
    return String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
}

@Suite struct NightlyRunTests {
    static let commerce = "370829/commerce/2025-03.csv"
    static let transport = "370829/transport/2025-03.csv"

    @Test func runSummaryNamesSortByTimeWithoutColons() {
        let date = Date(timeIntervalSince1970: 1_795_399_200)  // 2026-11-23 02:00:00 UTC
        #expect(NightlyRun.fileTimestamp(date) == "20261123T020000Z")
    }

    @Test func twoRunsInTheSameSecondKeepBothSummaries() throws {
        let fixture = try DeploymentFixture()
        let now = Date(timeIntervalSince1970: 1_795_399_200)
        let first = try fixture.nightlyRun().run(now: now)
        let second = try fixture.nightlyRun().run(now: now)
        #expect(first.path.hasSuffix("/runs/20261123T020000Z-000001.json"))
        #expect(second.path.hasSuffix("/runs/20261123T020000Z-000002.json"))
        let runs = try FileManager.default.contentsOfDirectory(atPath: "\(fixture.outbox)/runs").sorted()
        #expect(runs == ["20261123T020000Z-000001.json", "20261123T020000Z-000002.json"])
        let summary = try JSONDecoder().decode(
            RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: first.path)))
        #expect(summary.runId == first.summary.runId)
    }

    /// A night that records a file version is backed up; one with nothing
    /// new keeps the last backup, unless there is none.
    @Test func aNightWithNothingNewKeepsTheLastBackup() throws {
        let fixture = try DeploymentFixture()
        let night = Date(timeIntervalSince1970: 1_795_399_200)  // 2026-11-23 02:00:00 UTC
        func backups() -> [String] {
            LedgerDatabase.backups(in: fixture.deployment.outbox.backups).map { ($0 as NSString).lastPathComponent }
        }
        try fixture.put("370829/commerce/a.csv", rows: ["370829,nev_stock,2025-03,100,辆,"])
        #expect(try fixture.nightlyRun().run(now: night).summary.accepted.count == 1)
        #expect(backups() == ["ledger-20261123T020000Z.sqlite"])
        #expect(try fixture.nightlyRun().run(now: night.addingTimeInterval(86_400)).summary.unchanged.count == 1)
        #expect(backups() == ["ledger-20261123T020000Z.sqlite"])
        try FileManager.default.removeItem(atPath: fixture.deployment.outbox.backups)
        _ = try fixture.nightlyRun().run(now: night.addingTimeInterval(2 * 86_400))
        #expect(backups() == ["ledger-20261125T020000Z.sqlite"])
        try fixture.put("370829/commerce/b.csv", rows: ["370829,nev_stock,2025-04,110,辆,"], minute: 1)
        #expect(try fixture.nightlyRun().run(now: night.addingTimeInterval(3 * 86_400)).summary.accepted.count == 1)
        #expect(backups() == ["ledger-20261125T020000Z.sqlite", "ledger-20261126T020000Z.sqlite"])
    }

    @Test func handBuiltInboxIsAcceptedRejectedArchivedAndReceipted() throws {
        let fixture = try DeploymentFixture()
        let original = try fixture.put(
            Self.commerce,
            rows: [
                "370829,nev_stock,2025-03,\"12,345\",辆,",
                "370829,scrapped_vehicles,2025-03,120,,",
            ])
        try fixture.put(Self.transport, rows: ["370829,new_buses,2025-03,abc,,"])
        try fixture.put("loose.csv", rows: [])
        try fixture.put("370829/report.csv", rows: [])
        try fixture.put("370829/commerce/~$2025-03.csv", rows: [])

        let summary = try fixture.run()
        #expect(summary.seen == 2)
        #expect(summary.accepted == [Self.commerce])
        #expect(summary.rejected == [Self.transport])
        #expect(summary.misplaced == ["370829/report.csv", "loose.csv"])
        #expect(summary.ignored == ["370829/commerce/~$2025-03.csv"])
        #expect(summary.unchanged.isEmpty && summary.skipped.isEmpty && summary.problems.isEmpty)
        #expect(Set(summary.stageSeconds.keys) == ["scan", "hash", "intake", "archive", "ledger", "receipts"])

        let ledger = try fixture.ledger()
        let counts = try ledger.read { try $0.counts() }
        #expect(counts.versions == 2 && counts.accepted == 1 && counts.rejected == 1 && counts.currentObservations == 2)
        let values = try ledger.read { try collected($0.eachCountedReport) }.map {
            "\($0.observation.indicator)=\(Int($0.observation.value))"
        }
        #expect(values == ["nev_stock=12345", "scrapped_vehicles=120"])
        let runs = try ledger.read { try $0.runs() }
        #expect(runs.count == 1 && runs[0].status == .completed && runs[0].counts.accepted == 1)

        // The accepted original, by hash, byte for byte; nothing of the rejected one.
        let version = try #require(try ledger.read { try $0.versions(path: Self.commerce) }.first)
        let bytes = try Data(contentsOf: original)
        #expect(try version.sha256 == SHA256.hash(fileAtPath: original.path).hex)
        #expect(version.archivePath == "archive/\(version.sha256.prefix(2))/\(version.sha256).csv")
        #expect(FileManager.default.contents(atPath: "\(fixture.outbox)/\(version.archivePath!)") == bytes)
        #expect(try ledger.read { try $0.versions(path: Self.transport) }.first?.archivePath == nil)

        // The accepted file's receipt, read back.
        let outbox = fixture.deployment.outbox
        let accepted = try sheetLines(outbox.receipt(region: "370829", department: "commerce", fileName: "2025-03.csv"))
        #expect(accepted[1] == "文件名称,2025-03.csv")
        #expect(accepted[2] == "报送单位,嘉祥县（370829） 商务局（commerce）")
        #expect(accepted[4] == "SHA-256,\(version.sha256)")
        #expect(accepted[5] == "处理结果,受理")
        let header = ReceiptWorkbook.issueHeaderRow - 1
        #expect(accepted[header] == "序号,级别,工作表,单元格/行,代码,说明,Message (English)")
        #expect(accepted[header + 1] == "")

        // The rejected file's receipt names the cell and the code.
        let rejected = try sheetLines(
            outbox.receipt(region: "370829", department: "transport", fileName: "2025-03.csv"))
        #expect(rejected[5] == "处理结果,退回")
        #expect(rejected[header + 1].hasPrefix("1,错误,,D2,type-error,"))
        let json = try ReceiptJSON.decode(
            try Data(
                contentsOf: URL(
                    fileURLWithPath: outbox.receipt(
                        region: "370829", department: "transport", fileName: "2025-03.csv", extension: "json"))))
        #expect(
            json.outcome == .rejected && json.issues.first?.code == "type-error"
                && json.issues.first?.location.cell == "D2")
        let sha = try #require(try ledger.read { try $0.versions(path: Self.transport) }.first?.sha256)
        #expect(
            FileManager.default.fileExists(
                atPath: outbox.receiptHistory(
                    region: "370829", department: "transport", fileName: "2025-03.csv", sha256: sha)))

        // Misplaced files are told where they belong.
        let loose = try ReceiptJSON.decode(
            try Data(contentsOf: URL(fileURLWithPath: outbox.misplacedReceipt(path: "loose.csv", extension: "json"))))
        #expect(loose.outcome == .misplaced && loose.advice?.contains("Inbox/<地区代码>/<部门代码>/") == true)
        let inRegion = try sheetLines(outbox.misplacedReceipt(path: "370829/report.csv", extension: "xlsx"))
        #expect(inRegion[5] == "处理结果,位置错误" && inRegion[6].contains("Inbox/370829/<部门代码>/"))
    }

    @Test func aFileWhoseEveryRowFailsShowsAsRejectedNotMissing() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(Self.transport, rows: ["370829,new_buses,2025-03,x,,"])
        #expect(try fixture.run().rejected == [Self.transport])

        let ledger = try fixture.ledger()
        let version = try #require(try ledger.read { try $0.versions(path: Self.transport) }.first)
        #expect(version.status == .rejected && version.periods == [Period("2025-03")!])
        let march = Period("2025-03")!
        let grid = Completeness(catalog: DeploymentFixture.catalog)
            .grid(
                city: "370800", periods: [march],
                received: ReceivedReports(statuses: try ledger.read { try $0.reportStatuses() }), now: Date())
        let cell = try #require(grid.first { $0.region == "370829" && $0.department == "transport" })
        #expect(cell.state == .rejected && cell.observations == 0 && cell.latestPath == Self.transport)
    }

    @Test func aRejectedFilesReadableRowsAreNeverRecorded() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(
            Self.commerce, rows: ["370829,nev_stock,2025-03,100,,", "370829,scrapped_vehicles,2025-03,x,,"])
        #expect(try fixture.run().rejected == [Self.commerce])
        let ledger = try fixture.ledger()
        let counts = try ledger.read { try $0.counts() }
        #expect(counts.rejected == 1 && counts.observations == 0 && counts.currentObservations == 0)
        let receipt = try ReceiptJSON.decode(
            try Data(
                contentsOf: URL(
                    fileURLWithPath: fixture.deployment.outbox.receipt(
                        region: "370829", department: "commerce", fileName: "2025-03.csv", extension: "json"))))
        #expect(receipt.outcome == .rejected && receipt.observations == 0 && receipt.periods == ["2025-03"])
    }

    @Test func aNewVersionSupersedesTheOldOneWhichStaysInTheHistory() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(
            Self.commerce, rows: ["370829,nev_stock,2025-03,100,,", "370829,scrapped_vehicles,2025-03,5,,"])
        try fixture.run()
        // The department overwrites its file, and drops a correction for one more month under a new name.
        try fixture.put(Self.commerce, rows: ["370829,nev_stock,2025-03,200,,"], minute: 10)
        try fixture.put("370829/commerce/2025-02.csv", rows: ["370829,nev_stock,2025-02,90,,"], minute: 5)
        let summary = try fixture.run()
        #expect(summary.accepted == ["370829/commerce/2025-02.csv", Self.commerce])
        #expect(summary.superseded.map(\.period) == ["2025-03"] && summary.superseded.first?.by == Self.commerce)

        let ledger = try fixture.ledger()
        let counted = try ledger.read { try collected($0.eachCountedReport) }.map {
            "\($0.observation.indicator) \($0.observation.period)=\(Int($0.observation.value))"
        }
        #expect(counted == ["nev_stock 2025-02=90", "nev_stock 2025-03=200"])
        let versions = try ledger.read { try $0.versions(path: Self.commerce) }
        #expect(versions.map(\.status) == [.superseded, .accepted])

        // The latest receipt is the new version's; the old one's stays in its history file.
        let outbox = fixture.deployment.outbox
        let latest = try ReceiptJSON.decode(
            try Data(
                contentsOf: URL(
                    fileURLWithPath: outbox.receipt(
                        region: "370829", department: "commerce", fileName: "2025-03.csv", extension: "json"))))
        #expect(latest.sha256 == versions[1].sha256 && latest.observations == 1)
        let old = try ReceiptJSON.decode(
            try Data(
                contentsOf: URL(
                    fileURLWithPath: outbox.receiptHistory(
                        region: "370829", department: "commerce", fileName: "2025-03.csv", sha256: versions[0].sha256)))
        )
        #expect(old.sha256 == versions[0].sha256 && old.observations == 2)
    }

    @Test func anIdenticalResubmissionIsNotCountedTwice() throws {
        let fixture = try DeploymentFixture()
        let original = try fixture.put(Self.commerce, rows: ["370829,nev_stock,2025-03,100,,"])
        try fixture.run()
        let copy = "370829/commerce/2025-03 (1).csv"
        try FileManager.default.copyItem(at: original, to: fixture.root.appendingPathComponent("Inbox/\(copy)"))
        let intake = CountingIntake()
        let summary = try fixture.run(intake: intake)
        #expect(summary.duplicates == [copy])
        let ledger = try fixture.ledger()
        #expect(try ledger.read { try $0.counts() }.currentObservations == 1)
        let receipt = try ReceiptJSON.decode(
            try Data(
                contentsOf: URL(
                    fileURLWithPath: fixture.deployment.outbox.receipt(
                        region: "370829", department: "commerce", fileName: "2025-03 (1).csv", extension: "json"))))
        #expect(receipt.outcome == .duplicate && receipt.duplicateOf == Self.commerce)

        // Touching a file without changing it: hashed again, not read again.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: original.path)
        let again = CountingIntake()
        let touched = try fixture.run(intake: again)
        #expect(again.reads.isEmpty)
        #expect(touched.unchanged.contains(Self.commerce) && touched.accepted.isEmpty)
        #expect(try ledger.read { try $0.counts() }.versions == 2)
    }

    /// The same bytes under two formats are two files: two empty files,
    /// `.csv` and `.xlsx`, are each rejected for what they are, neither a
    /// duplicate of the other; a third empty `.csv` is the first one's copy.
    @Test func theDuplicateCheckKeysOnContentAndFormat() throws {
        let fixture = try DeploymentFixture()
        let folder = fixture.root.appendingPathComponent("Inbox/370829/commerce")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["empty.csv", "empty.xlsx", "empty copy.CSV"] {
            let path = folder.appendingPathComponent(name).path
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            // One modification time for the three, so that their paths decide the order: files
            // made within a clock tick of each other got one time, but not always on a busy machine.
            try FileManager.default.setAttributes([.modificationDate: DeploymentFixture.epoch], ofItemAtPath: path)
        }
        let summary = try fixture.run()
        #expect(
            summary.rejected == [
                "370829/commerce/empty copy.CSV", "370829/commerce/empty.csv", "370829/commerce/empty.xlsx",
            ])
        func receipt(_ name: String) throws -> Receipt {
            try ReceiptJSON.decode(
                Data(
                    contentsOf: URL(
                        fileURLWithPath: fixture.deployment.outbox.receipt(
                            region: "370829", department: "commerce", fileName: name, extension: "json"))))
        }
        let csv = try receipt("empty.csv")
        let xlsx = try receipt("empty.xlsx")
        let copy = try receipt("empty copy.CSV")
        // Recorded in path order: "empty copy.CSV" first, so the other .csv is its copy.
        #expect(summary.duplicates == ["370829/commerce/empty.csv"])
        #expect(csv.duplicateOf == "370829/commerce/empty copy.CSV" && copy.duplicateOf == nil)
        #expect(xlsx.duplicateOf == nil && xlsx.outcome == .rejected)
        #expect(xlsx.issues.map(\.code) == ["file-empty"] && csv.issues.map(\.code) == ["file-empty"])
    }

    @Test func aSecondRunWithNoNewFilesChangesNothing() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(Self.commerce, rows: ["370829,nev_stock,2025-03,100,,"])
        try fixture.put(Self.transport, rows: ["370829,new_buses,2025-03,-1,,"])
        try fixture.put("loose.csv", rows: [])
        try fixture.run()
        let outputs = try fixture.outputs()
        let counts = try fixture.ledger().read { try $0.counts() }

        let intake = CountingIntake()
        let summary = try fixture.run(intake: intake)
        #expect(intake.reads.isEmpty)
        #expect(summary.unchanged == [Self.commerce, Self.transport])
        #expect(summary.accepted.isEmpty && summary.rejected.isEmpty && summary.receiptsRepaired.isEmpty)
        #expect(try fixture.ledger().read { try $0.counts() } == counts)
        let after = try fixture.outputs()
        #expect(after.keys.sorted() == outputs.keys.sorted())
        #expect(after == outputs)
    }

    @Test func theFastPathDoesNotReadUnchangedFiles() throws {
        let fixture = try DeploymentFixture()
        let url = try fixture.put(Self.commerce, rows: ["370829,nev_stock,2025-03,100,,"])
        try fixture.run()
        // Same size and time, other bytes: only a read would notice.
        let size = try Data(contentsOf: url).count
        try Data(repeating: UInt8(ascii: "x"), count: size).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: DeploymentFixture.epoch], ofItemAtPath: url.path)
        let intake = CountingIntake()
        let summary = try fixture.run(intake: intake)
        #expect(intake.reads.isEmpty && summary.unchanged == [Self.commerce])
        #expect(try fixture.ledger().read { try $0.counts() }.versions == 1)
    }

    @Test func lostReceiptsAreWrittenAgainFromTheLedgerWithTheSameBytes() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(Self.transport, rows: ["370829,new_buses,2025-03,abc,,"])
        try fixture.run()
        let before = try fixture.outputs()
        // As if the run had been killed between the ledger commit and the receipts.
        for name in before.keys where name.hasPrefix("receipts/") {
            try FileManager.default.removeItem(atPath: "\(fixture.outbox)/\(name)")
        }
        let summary = try fixture.run()
        #expect(summary.receiptsRepaired == [Self.transport])
        #expect(try fixture.outputs() == before)
    }

    @Test func aSubmittersLostReceiptsFolderIsWrittenAgainAndTheOthersAreKept() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(Self.commerce, rows: ["370829,nev_stock,2025-03,100,,"])
        try fixture.put(Self.transport, rows: ["370829,new_buses,2025-03,abc,,"])
        try fixture.run()
        let before = try fixture.outputs()
        // The reading thread keeps each submitter's folder open in turn: one gone is none published.
        try FileManager.default.removeItem(atPath: "\(fixture.outbox)/receipts/370829/transport")
        let summary = try fixture.run()
        #expect(summary.receiptsRepaired == [Self.transport] && summary.unchanged.count == 2)
        #expect(try fixture.outputs() == before)
    }

    @Test func aKilledRunsTemporaryFilesAreRemovedAndNothingElse() throws {
        let fixture = try DeploymentFixture()
        let left = [
            "receipts/370829/commerce/.2025-03.csv.回执.json.4242.tmp", "archive/ab/.abcd.xlsx.4242.tmp",
            "rollups/2025-03/.370800-济宁市-2025-03.xlsx.4242.tmp",
        ]
        let kept = ["receipts/370829/commerce/notes.tmp", "receipts/370829/commerce/.keep"]
        try Self.plant(left + kept, in: fixture)
        try fixture.run()
        #expect(left.allSatisfy { !FileManager.default.fileExists(atPath: "\(fixture.outbox)/\($0)") })
        #expect(kept.allSatisfy { FileManager.default.fileExists(atPath: "\(fixture.outbox)/\($0)") })
    }

    /// Half-written files at `paths` under `Outbox/`.
    static func plant(_ paths: [String], in fixture: DeploymentFixture) throws {
        for path in paths {
            let url = URL(fileURLWithPath: "\(fixture.outbox)/\(path)")
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("half".utf8).write(to: url)
        }
    }

    /// A killed writer's temporary in each Outbox folder, as `AtomicFile` names them.
    static func leaveTemporaries(in fixture: DeploymentFixture) throws -> (runFolders: [String], others: [String]) {
        let runFolders = ["receipts/370829/commerce/.2025-03.csv.回执.json.4242.tmp", "archive/ab/.abcd.csv.4242.tmp"]
        let others = ["rollups/2025-03/.370800-济宁市-2025-03.xlsx.4242.tmp", "backups/.ledger.sqlite.4242.tmp"]
        try plant(runFolders + others, in: fixture)
        return (runFolders, others)
    }

    @Test func aNightAfterOneThatEndedCleanWalksNeitherReceiptsNorArchiveButAfterAnyOtherRunItDoes() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(Self.commerce, rows: ["370829,nev_stock,2025-03,100,,"])
        try fixture.run()
        #expect(try fixture.ledger().read { try $0.latestRunEndedClean() })
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: "\(fixture.outbox)/\(path)") }

        // After a clean night only runs write receipts and archive, and it left
        // none there: the planted ones show those folders were not walked. The
        // rest, which `huanxin rollup` and `ledger backup` write too, is.
        var (runFolders, others) = try Self.leaveTemporaries(in: fixture)
        try fixture.run()
        #expect(runFolders.allSatisfy(exists) && !others.contains(where: exists))

        // A night killed after it began (its row still `running`): all swept.
        _ = try fixture.ledger().beginRun()
        #expect(try !fixture.ledger().read { try $0.latestRunEndedClean() })
        try fixture.run()
        #expect(!(runFolders + others).contains(where: exists))

        // A run of uploaded files after the night, killed before its receipts were written: all swept.
        (runFolders, others) = try Self.leaveTemporaries(in: fixture)
        var upload = fixture.nightlyRun()
        upload.onlyPaths = [Self.commerce]
        _ = try upload.run(now: Date())
        #expect(try !fixture.ledger().read { try $0.latestRunEndedClean() })
        try fixture.run()
        #expect(!(runFolders + others).contains(where: exists))

        // A night that failed is no clean end either.
        var failing = fixture.nightlyRun()
        failing.laterStages = [RunStage(name: "rollup") { _ in throw CocoaError(.fileWriteOutOfSpace) }]
        _ = try? failing.run(now: Date())
        #expect(try !fixture.ledger().read { try $0.latestRunEndedClean() })
    }

    @Test func aRunHeldByAnotherFailsSayingWho() throws {
        let fixture = try DeploymentFixture()
        let held = try RunLock(path: fixture.deployment.outbox.lock)
        #expect {
            try fixture.run()
        } throws: { error in
            (error as? RunLock.Held)?.holder?.pid == getpid()
        }
        withExtendedLifetime(held) {}
    }

    @Test func laterStagesRunAfterIntakeAndAreTimed() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(Self.commerce, rows: ["370829,nev_stock,2025-03,100,,"])
        var run = fixture.nightlyRun()
        run.laterStages = [
            RunStage(name: "rollup") { context in
                // The stage sees the ledger as intake left it.
                guard try context.ledger.read({ try $0.counts() }).currentObservations == 1,
                    context.intake.accepted.count == 1
                else {
                    throw CocoaError(.featureUnsupported)
                }
            }
        ]
        let summary = try run.run(now: Date()).summary
        #expect(summary.stageSeconds["rollup"] != nil)

        // A write failure naming its path, as on a full disk: the run is
        // marked failed with it, in the ledger and in its summary.
        let full = FileIOError(.write, path: fixture.outbox + "/rollups/x.xlsx", detail: "No space left on device")
        run.laterStages = [RunStage(name: "rollup") { _ in throw full }]
        let failed = try #require(throws: NightlyRun.Failed.self) { try run.run(now: Date()) }
        #expect(failed.reason == "\(full)")
        #expect(failed.description.contains("run-failed") && failed.description.contains("No space left on device"))
        let latest = try #require(try fixture.ledger().read { try $0.latestRun() })
        #expect(latest.id == failed.runId && latest.status == .failed && latest.finishedAt != nil)
        #expect(
            latest.failure == "io-error: 无法写入 cannot write \(fixture.outbox)/rollups/x.xlsx: No space left on device")
        let written = try JSONDecoder().decode(
            RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: try #require(failed.summary))))
        #expect(written.failure == latest.failure && written.runId == latest.id)
        // status names the failed run before its grid.
        let status = try StatusQuery(deployment: fixture.deployment)
        let report = try status.report(
            period: Period("2025-03"), city: "370800", scope: AccessScope(wholeDeploymentOf: status.catalog),
            calendar: ProgrammeCalendar(now: DeploymentFixture.epoch))
        #expect(report.failedRun?.id == latest.id && report.failedRun?.failure == latest.failure)
        #expect(report.gridText().hasPrefix("注意：最近一次运行（\(latest.id)，"))
    }

    /// A run killed, or unable to record its end, stays `running` until the
    /// next run, which marks it failed as interrupted and completes itself.
    @Test func theNextRunMarksAnInterruptedRunFailed() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(Self.commerce, rows: ["370829,nev_stock,2025-03,100,,"])
        try FileManager.default.createDirectory(atPath: fixture.outbox, withIntermediateDirectories: true)
        let killed = try fixture.ledger().beginRun()
        let summary = try fixture.run()
        let runs = try fixture.ledger().read { try $0.runs() }
        #expect(runs.map(\.id) == [summary.runId, killed])
        #expect(runs.map(\.status) == [.completed, .failed])
        #expect(runs[1].failure == RunRecord.interrupted && runs[1].finishedAt == nil)
        #expect(runs[0].failure == nil && summary.failure == nil)
    }

    /// A report counts as received when it landed in the inbox (its
    /// modification time), not when the night's run reached it.
    @Test func receivedTimeIsWhenTheFileLandedInTheInbox() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(Self.commerce, rows: ["370829,nev_stock,2025-03,100,,"], minute: 90)
        try fixture.run()
        let version = try #require(try fixture.ledger().read { try $0.versions(path: Self.commerce) }.first)
        #expect(version.receivedAt == DeploymentFixture.epoch.addingTimeInterval(90 * 60))
    }

    /// A file whose figure history cannot be read is left for the next run,
    /// with the reason in the run summary: never accepted unchecked.
    @Test func aFileWhoseHistoryCannotBeReadWaitsForTheNextRun() throws {
        let fixture = try DeploymentFixture()
        let february = "370829/commerce/2025-02.csv"
        try fixture.put(february, rows: ["370829,nev_stock,2025-02,1000,,"], minute: 1)
        try fixture.run()
        try fixture.put(Self.commerce, rows: ["370829,nev_stock,2025-03,1500,,"], minute: 2)

        let failed = try fixture.run(intake: UnreadableHistoryIntake())
        #expect(failed.skipped == [Self.commerce] && failed.accepted.isEmpty && failed.rejected.isEmpty)
        #expect(failed.problems == ["\(Self.commerce): \(UnreadableHistoryIntake.Unreadable())"])
        #expect(try fixture.ledger().read { try $0.versions(path: Self.commerce) }.isEmpty)
        let receipt = fixture.deployment.outbox.receipt(
            region: "370829", department: "commerce",
            fileName: "2025-03.csv", extension: "json")
        #expect(!FileManager.default.fileExists(atPath: receipt))

        // The next run, with the history readable, checks it against February.
        let next = try fixture.run()
        #expect(next.accepted == [Self.commerce])
        #expect(
            try ReceiptJSON.decode(Data(contentsOf: URL(fileURLWithPath: receipt))).issues.map(\.code) == ["month-jump"]
        )
    }
}

/// The run's intake, with every history question failing.
struct UnreadableHistoryIntake: SubmissionIntake {
    struct Unreadable: Error {}

    struct FailingHistory: FigureHistory {
        func figures(region: String, indicator: String, before period: Period, limit: Int) throws
            -> [(period: Period, value: Double)]
        { throw Unreadable() }
    }

    func read(_ path: String, sha256: String, displayName: String, submitter: Submitter) -> IntakeResult {
        DeploymentFixture.reader.read(path, sha256: sha256, displayName: displayName, submitter: submitter)
    }

    func check(_ result: IntakeResult, history: any FigureHistory) throws -> IntakeResult {
        try DeploymentFixture.reader.check(result, history: FailingHistory())
    }
}

/// The progress bar's text: files done of the total, the share, and once a
/// second has passed the rate and the time left.
@Suite struct RunProgressTests {
    @Test func theBarShowsDoneTotalRateAndTimeLeft() {
        #expect(
            RunProgress.line(done: 0, total: 1403, elapsed: 0, width: 10)
                == "处理中 Processing [░░░░░░░░░░] 0/1403  0%")
        #expect(
            RunProgress.line(done: 612, total: 1403, elapsed: 16, width: 10)
                == "处理中 Processing [████░░░░░░] 612/1403  43%  38 个/秒 files/s  剩余 ETA 0:21")
        #expect(
            RunProgress.line(done: 1403, total: 1403, elapsed: 200, width: 10)
                == "处理中 Processing [██████████] 1403/1403  100%  7 个/秒 files/s  剩余 ETA 0:00")
    }
}
