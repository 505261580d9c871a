import Foundation
import Ledger
import Outbox
import Reports
import Testing

@testable import Pipeline

/// The run in batches: one ledger transaction per batch, committed after
/// the batch's archive copies are on disk, receipts written after the
/// commit. Interrupted at either side of the commit, the next run finishes
/// the job with the same ledger and the same files as a run never interrupted.
@Suite struct BatchedRunTests {
    /// Everything a clean run of `KilledRunTests.fill` leaves: ledger state and outputs.
    static func cleanRun() throws -> (state: (versions: [String], counted: [String]), outputs: [String: Data]) {
        let clean = try DeploymentFixture()
        try KilledRunTests.fill(clean)
        try clean.run()
        return (try KilledRunTests.state(clean), try clean.outputs())
    }

    @Test func smallBatchesCheckEachFileAgainstTheOnesBeforeIt() throws {
        // One submitter's stock over three months: up by half, then down by a third.
        func fill(_ fixture: DeploymentFixture) throws {
            for (minute, (month, stock)) in [("01", 1000), ("02", 1500), ("03", 1000)].enumerated() {
                try fixture.put(
                    "370829/commerce/2025-\(month).csv", rows: ["370829,nev_stock,2025-\(month),\(stock),,"],
                    minute: minute)
            }
            try fixture.put("370811/commerce/2025-03.csv", rows: ["370811,nev_stock,2025-03,700,,"])
        }
        let whole = try DeploymentFixture()
        try fill(whole)
        try whole.run()
        // In batches of two: February is checked against January in the same
        // (uncommitted) batch, March against February in the batch before.
        let batched = try DeploymentFixture()
        try fill(batched)
        var run = batched.nightlyRun()
        run.batchSize = 2
        let summary = try run.run(now: Date()).summary
        #expect(summary.accepted.count == 4 && summary.skipped.isEmpty && summary.problems.isEmpty)

        func codes(_ month: String) throws -> [String] {
            try ReceiptJSON.decode(
                Data(
                    contentsOf: URL(
                        fileURLWithPath: batched.deployment.outbox.receipt(
                            region: "370829", department: "commerce", fileName: "2025-\(month).csv", extension: "json"))
                )
            ).issues.map(\.code)
        }
        #expect(try codes("01") == [])
        #expect(try codes("02") == ["month-jump"])
        #expect(try codes("03") == ["month-jump", "stock-drop"])
        #expect(try KilledRunTests.state(batched) == KilledRunTests.state(whole))
        #expect(try batched.outputs() == whole.outputs())
    }

    /// Takes the fixture's first `count` files through `FileIntake` in one
    /// transaction, as a run would, and runs `moment` inside it just before the commit.
    static func takeFirstBatch(
        of fixture: DeploymentFixture, count: Int,
        moment: (LedgerTransaction, RunSummary) throws -> Void
    ) throws -> [Int64] {
        let run = fixture.nightlyRun()
        try FileManager.default.createDirectory(atPath: fixture.outbox, withIntermediateDirectories: true)
        let ledger = try fixture.ledger()
        let runId = try ledger.beginRun()
        let inbox = try InboxScanner(root: fixture.deployment.inbox, settlingInterval: 0).scan(now: Date())
        let receipts = ReceiptPublisher(catalog: DeploymentFixture.catalog, outbox: fixture.deployment.outbox)
        let reader = try InboxReader(
            NightlyRun.recordingOrder(inbox.submissions), run: run, ledger: ledger,
            receipts: receipts, capacity: count)
        defer { _ = reader.stop() }
        let batch = reader.next(upTo: count)
        return try ledger.inTransaction { transaction in
            var part = RunSummary(runId: runId, startedAt: "", finishedAt: "", seen: 0)
            let written = try FileIntake(run: run, runId: runId, receipts: receipts, now: Date()).take(
                batch, in: transaction, into: &part)
            try moment(transaction, part)
            return written
        }
    }

    @Test func aBatchKilledAfterItsArchiveSyncIsRecordedByTheNextRun() throws {
        let expected = try Self.cleanRun()
        let fixture = try DeploymentFixture()
        try KilledRunTests.fill(fixture)
        struct Killed: Error {}
        var archived: [String] = []
        #expect(throws: Killed.self) {
            try Self.takeFirstBatch(of: fixture, count: 12) { ledger, part in
                // The instant before the commit: every archive copy the
                // batch names is on disk, whole, under its name.
                #expect(part.accepted.count >= 4)
                for path in part.accepted {
                    let version = try #require(try ledger.reader.versions(path: path).last)
                    let copy = "\(fixture.outbox)/\(try #require(version.archivePath))"
                    #expect(try SHA256.hash(fileAtPath: copy).hex == version.sha256, "\(path)")
                    archived.append(copy)
                }
                throw Killed()
            }
        }
        // The commit never happened: copies without ledger rows, no receipts.
        #expect(try fixture.ledger().read { try $0.counts() }.versions == 0)
        #expect(archived.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.outbox)/receipts"))

        let summary = try fixture.run()
        #expect(summary.accepted.count + summary.rejected.count == 30 && summary.unchanged.isEmpty)
        try KilledRunTests.expectConsistent(fixture, equalTo: expected.state, trial: 0)
        #expect(try fixture.outputs() == expected.outputs)
    }

    @Test func aBatchKilledAfterItsCommitGetsItsReceiptsFromTheNextRun() throws {
        let expected = try Self.cleanRun()
        let fixture = try DeploymentFixture()
        try KilledRunTests.fill(fixture)
        // Committed; its receipts were never handed to the receipts thread.
        let lost = try Self.takeFirstBatch(of: fixture, count: 12) { _, _ in }
        // The 12 files' versions, each once: those whose months a later file
        // of the batch replaced are issued once, as the batch left them.
        #expect(try fixture.ledger().read { try $0.counts() }.versions == 12)
        let newest = try fixture.ledger().read { try $0.newestVersionId() }
        #expect(lost.count == 12 && Set(lost) == Set(1...newest))

        let summary = try fixture.run()
        #expect(summary.unchanged.count == 12 && summary.receiptsRepaired == summary.unchanged)
        #expect(summary.accepted.count + summary.rejected.count == 18)
        try KilledRunTests.expectConsistent(fixture, equalTo: expected.state, trial: 0)
        #expect(try fixture.outputs() == expected.outputs)
    }

    @Test func correctionsKilledAfterTheirCommitGetTheReceiptsOfTheFilesTheyReplacedFromTheNextRun() throws {
        // A correction at another path, and one at the same path (as the
        // portal records an upload of the same name), of files a night before recorded.
        func first(_ fixture: DeploymentFixture) throws {
            try fixture.put("370829/commerce/2025-03.csv", rows: ["370829,nev_stock,2025-03,1000,,"])
            try fixture.put("370829/commerce/2025-04.csv", rows: ["370829,nev_stock,2025-04,1000,,"])
        }
        func corrections(_ fixture: DeploymentFixture) throws {
            try fixture.put("370829/commerce/2025-03-更正.csv", rows: ["370829,nev_stock,2025-03,1100,,"], minute: 1)
            try fixture.put("370829/commerce/2025-04.csv", rows: ["370829,nev_stock,2025-04,1200,,"], minute: 2)
        }
        let clean = try DeploymentFixture()
        try first(clean)
        try clean.run()
        try corrections(clean)
        try clean.run()

        let fixture = try DeploymentFixture()
        try first(fixture)
        try fixture.run()
        try corrections(fixture)
        // Both corrections committed, no receipt written: the files they
        // replaced still have receipts that say they count.
        let lost = try Self.takeFirstBatch(of: fixture, count: 3) { _, _ in }
        #expect(lost.count == 4)
        #expect(try fixture.outputs() != clean.outputs())

        let summary = try fixture.run()
        #expect(summary.receiptsRepaired == ["370829/commerce/2025-03-更正.csv", "370829/commerce/2025-04.csv"])
        #expect(try KilledRunTests.state(fixture) == KilledRunTests.state(clean))
        let (repaired, expected) = (try fixture.outputs(), try clean.outputs())
        #expect(repaired.keys.sorted() == expected.keys.sorted())
        for (name, data) in expected { #expect(repaired[name] == data, "\(name)") }
    }
}
