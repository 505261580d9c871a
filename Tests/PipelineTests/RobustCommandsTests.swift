import Foundation
import Testing

@testable import Ledger
@testable import Pipeline

/// The commands through the built binary on hostile inputs: bounded
/// `validate --json`, a damaged, empty or foreign ledger refused with exit 2
/// by `run`, `status` and `rollup`, `status` on a read-only Outbox, `rollup`
/// while a run holds the lock, `ledger check` and `ledger backup`. Skipped,
/// with a note, when `.build/debug/huanxin` has not been built.
@Suite struct RobustCommandsTests {
    struct Outcome {
        var status: Int32
        var output: Data
        var errors: String
    }

    static func huanxin(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KilledRunTests.binary)
        process.arguments = arguments
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: data, errors: String(decoding: message, as: UTF8.self))
    }

    static let corpus = DeploymentFixture.packageRoot.deletingLastPathComponent().appendingPathComponent(
        "shared/corpus")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path), "../shared/corpus is absent"))
    func validateJSONIsOneObjectPerFileWithItsObservationsInChunks() throws {
        guard KilledRunTests.binaryIsBuilt(for: "validate JSON test") else { return }
        let fixture = try DeploymentFixture()
        // 5,000 rows: two chunks of observations and a bit.
        let rows = (0..<5_000).map {
            "370829,nev_stock,\(2000 + $0 / 12)-\(String(format: "%02d", $0 % 12 + 1)),\($0),辆,"
        }
        let csv = try fixture.put("370829/commerce/big.csv", rows: rows)
        let outcome = try Self.huanxin([
            "validate", "--root", fixture.root.path, "--json", "--today", "2425-01",
            Self.corpus.appendingPathComponent("xlsx-excel/data03.xlsx").path, csv.path,
        ])
        #expect(outcome.status == 1)
        let files = try #require(try JSONSerialization.jsonObject(with: outcome.output) as? [[String: Any]])
        #expect(files.count == 2)
        let issues = files[0]["issues"] as? [[String: Any]]
        #expect(
            issues?.map { $0["code"] as? String } == [
                "extra-label", "blank-labels", "missing-label", "missing-label",
                "missing-label", "missing-label", "blank-rows",
            ])
        #expect(files[0]["status"] as? String == "rejected")
        let observations = try #require(files[1]["observations"] as? [[String: Any]])
        #expect(files[1]["status"] as? String == "accepted")
        #expect(observations.count == 5_000)
        #expect(observations[4_096]["value"] as? Double == 4_096)
        #expect((observations.last?["source"] as? [String: Any])?["cell"] as? String == "D5001")
    }

    @Test func aDamagedOrEmptyLedgerIsRefusedWithExit2NamingTheFile() throws {
        guard KilledRunTests.binaryIsBuilt(for: "damaged ledger test") else { return }
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/a.csv", rows: ["370829,nev_stock,2025-03,100,辆,"])
        try fixture.run()
        let ledger = fixture.deployment.outbox.ledger
        // Flipped bytes after the first page.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: ledger))
        for index in stride(from: 4096, to: bytes.count, by: 97) { bytes[index] ^= 0xFF }
        let damaged = fixture.root.appendingPathComponent("damaged.sqlite").path
        try bytes.write(to: URL(fileURLWithPath: damaged))
        for command in [
            ["status", "--period", "2025-03"], ["rollup"], ["ledger", "check"], ["run", "--settle", "0", "--quiet"],
        ] {
            let outcome = try Self.huanxin(command + ["--root", fixture.root.path, "--ledger", damaged])
            #expect(outcome.status == 2, "\(command)")
            #expect(
                outcome.errors.contains("ledger-damaged") && outcome.errors.contains(damaged),
                "\(command): \(outcome.errors)")
            #expect(outcome.errors.contains("Outbox/backups/"), "\(command)")
        }
        // An empty ledger file is not a new ledger: the run refuses it and leaves it empty.
        try Data().write(to: URL(fileURLWithPath: ledger))
        let outcome = try Self.huanxin(["run", "--root", fixture.root.path, "--settle", "0", "--quiet"])
        #expect(outcome.status == 2)
        #expect(outcome.errors.contains("ledger-empty") && outcome.errors.contains(ledger))
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)).isEmpty)
        // A ledger gone from an Outbox that holds runs is not silently started again.
        try FileManager.default.removeItem(atPath: ledger)
        let missing = try Self.huanxin(["run", "--root", fixture.root.path, "--settle", "0", "--quiet"])
        #expect(
            missing.status == 2 && missing.errors.contains("ledger-missing") && missing.errors.contains("--new-ledger"))
        #expect(
            try Self.huanxin(["run", "--root", fixture.root.path, "--settle", "0", "--quiet", "--new-ledger"]).status
                == 0)
    }

    @Test func eachCompletedNightIsBackedUpAndLedgerBackupKeepsTheNewest() throws {
        guard KilledRunTests.binaryIsBuilt(for: "ledger backup test") else { return }
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/a.csv", rows: ["370829,nev_stock,2025-03,100,辆,"])
        try fixture.run()
        let backups = fixture.deployment.outbox.backups
        #expect(LedgerDatabase.backups(in: backups).count == 1)
        let outcome = try Self.huanxin(["ledger", "backup", "--root", fixture.root.path, "--keep", "1"])
        #expect(outcome.status == 0, "\(outcome.errors)")
        let kept = LedgerDatabase.backups(in: backups)
        #expect(kept.count == 1)
        #expect(String(decoding: outcome.output, as: UTF8.self) == kept[0] + "\n")
        let copy = try LedgerDatabase.open(path: kept[0], access: .readOnly)
        #expect(try copy.read { try $0.observationCount(versionId: 1) } == 1)
        let check = try Self.huanxin(["ledger", "check", "--root", fixture.root.path])
        #expect(check.status == 0 && String(decoding: check.output, as: UTF8.self).contains("台账完好 ledger whole"))
    }

    @Test func rollupWaitsForTheRunLockThenNamesItsHolder() throws {
        guard KilledRunTests.binaryIsBuilt(for: "rollup lock test") else { return }
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/a.csv", rows: ["370829,nev_stock,2025-03,100,辆,"])
        try fixture.run()
        var lock: RunLock? = try RunLock(path: fixture.deployment.outbox.lock)
        let start = Date()
        let outcome = try Self.huanxin(["rollup", "--root", fixture.root.path, "--wait", "1"])
        #expect(outcome.status == 3)
        #expect(Date().timeIntervalSince(start) >= 1)
        #expect(outcome.errors.contains("pid \(getpid())"), "\(outcome.errors)")
        withExtendedLifetime(lock) {}
        lock = nil
        let free = try Self.huanxin(["rollup", "--root", fixture.root.path, "--wait", "1"])
        #expect(free.status == 0, "\(free.errors)")
    }

    /// A read-only Outbox: a read-only bind mount, which needs root and
    /// `mount`; said and skipped where there are none.
    @Test func statusReadsALedgerOnAReadOnlyOutbox() throws {
        guard KilledRunTests.binaryIsBuilt(for: "read-only Outbox test") else { return }
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/a.csv", rows: ["370829,nev_stock,2025-03,100,辆,"])
        try fixture.run()
        let outbox = fixture.outbox
        let mounted = fixture.root.appendingPathComponent("ReadOnly").path
        try FileManager.default.createDirectory(atPath: mounted, withIntermediateDirectories: true)
        guard Self.shell("mount --bind '\(outbox)' '\(mounted)' && mount -o remount,ro,bind '\(mounted)'") else {
            print("note: cannot make a read-only bind mount here (needs root); read-only Outbox test skipped")
            return
        }
        defer { _ = Self.shell("umount '\(mounted)'") }
        #expect(!FileManager.default.createFile(atPath: mounted + "/probe", contents: Data()))
        let outcome = try Self.huanxin([
            "status", "--root", fixture.root.path, "--ledger", mounted + "/ledger.sqlite",
            "--period", "2025-03", "--json", "--city", "370800",
        ])
        #expect(outcome.status == 0, "\(outcome.errors)")
        let report = try #require(try JSONSerialization.jsonObject(with: outcome.output) as? [String: Any])
        let cells = (report["cities"] as? [[String: Any]])?.flatMap { $0["cells"] as? [[String: Any]] ?? [] } ?? []
        #expect(cells.contains { $0["region"] as? String == "370829" && $0["state"] as? String == "accepted" })
        #expect(
            try Self.huanxin(["ledger", "check", "--root", fixture.root.path, "--ledger", mounted + "/ledger.sqlite"])
                .status == 0)
    }

    static func shell(_ command: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>/dev/null"]
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
