import Foundation
import TestSupport
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
    func validateJSONIsOneObjectPerFileWithItsObservationsLast() throws {
        guard KilledRunTests.binaryIsBuilt(for: "validate JSON test") else { return }
        let fixture = try DeploymentFixture()
        // 5,000 rows: some 900 KB of observations, many times the output buffer.
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
        #expect(files.map { $0["schemaVersion"] as? Int } == [1, 1])
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

    /// Overwrites page `page` (1-based) of the SQLite file at `path` with 0xFF bytes.
    static func destroy(page: Int, of path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64((page - 1) * 4096))
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 4096))
    }

    /// The root page of `table` in the ledger at `path` (its only page, for a
    /// small table), after a checkpoint: no newer copy of it waits in the WAL.
    static func rootPage(of table: String, in path: String) throws -> Int {
        let ledger = try LedgerDatabase(path: path, migrate: false)
        try ledger.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return try ledger.pool.read {
            #expect(try Int.fetchOne($0, sql: "PRAGMA page_size") == 4096)
            return try #require(
                try Int.fetchOne($0, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table]))
        }
    }

    @Test func ledgerRecoverMovesTheDamagedFileAsideAndRestoresTheNewestWholeBackup() throws {
        guard KilledRunTests.binaryIsBuilt(for: "ledger recover test") else { return }
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/a.csv", rows: ["370829,nev_stock,2025-03,100,辆,"])
        try fixture.run()
        let backups = fixture.deployment.outbox.backups
        let first = try #require(LedgerDatabase.backups(in: backups).last)
        let older = backups + "/ledger-20250101T000000Z.sqlite"
        try FileManager.default.moveItem(atPath: first, toPath: older)
        try fixture.put("370811/commerce/b.csv", rows: ["370811,nev_stock,2025-03,700,辆,"], minute: 1)
        try fixture.run()
        // The newest backup is damaged too: recover passes over it to the older, whole one.
        for backup in LedgerDatabase.backups(in: backups) where backup != older {
            try FileManager.default.removeItem(atPath: backup)
        }
        let newest = backups + "/ledger-20250102T000000Z.sqlite"
        try FileManager.default.copyItem(atPath: older, toPath: newest)
        try Self.destroy(page: try Self.rootPage(of: "version", in: newest), of: newest)
        let ledger = fixture.deployment.outbox.ledger
        try Self.destroy(page: try Self.rootPage(of: "version", in: ledger), of: ledger)
        #expect(try Self.huanxin(["run", "--root", fixture.root.path, "--settle", "0", "--quiet"]).status == 2)
        let damagedBytes = try Data(contentsOf: URL(fileURLWithPath: ledger))

        let outcome = try Self.huanxin(["ledger", "recover", "--root", fixture.root.path])
        let text = String(decoding: outcome.output, as: UTF8.self)
        #expect(outcome.status == 0, "\(outcome.errors)")
        let aside = try #require(
            try FileManager.default.contentsOfDirectory(atPath: fixture.outbox).first {
                $0.hasPrefix("ledger.damaged-") && $0.hasSuffix(".sqlite")
            })
        #expect(aside.wholeMatch(of: /ledger\.damaged-\d{8}T\d{6}Z\.sqlite/) != nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.outbox + "/" + aside)) == damagedBytes)
        #expect(text.contains("已移开（保留）moved aside, kept: \(fixture.outbox)/\(aside)"), "\(text)")
        #expect(text.contains("备份不可用 backup not usable: \(newest): ledger-damaged"), "\(text)")
        #expect(text.contains("已从备份恢复台账 ledger restored from the backup: \(older) → \(ledger)"), "\(text)")
        // b.csv came after the backup: the next run reads it again; a.csv is in the backup.
        #expect(text.contains("下次 huanxin run 将重新读取 1 个收件箱文件"), "\(text)")
        #expect(text.contains("\n  370811/commerce/b.csv") && !text.contains("a.csv"), "\(text)")
        #expect(text.contains("1 archived originals are not in the ledger"), "\(text)")

        let again = try Self.huanxin(["run", "--root", fixture.root.path, "--settle", "0", "--log-format", "json"])
        #expect(again.status == 0, "\(again.errors)")
        let restored = try LedgerDatabase.open(path: ledger, access: .readOnly)
        #expect(try restored.read { try $0.versions(path: "370811/commerce/b.csv") }.map(\.status) == [.accepted])
        #expect(try restored.read { try $0.versions(path: "370829/commerce/a.csv") }.count == 1)
        // A whole ledger is left alone.
        let whole = try Self.huanxin(["ledger", "recover", "--root", fixture.root.path])
        #expect(whole.status == 0 && String(decoding: whole.output, as: UTF8.self).hasPrefix("台账完好，无需恢复"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: fixture.outbox).filter {
                $0.hasPrefix("ledger.damaged-") && $0.hasSuffix(".sqlite")
            }
                == [aside])
    }

    @Test func ledgerRecoverWithoutABackupSalvagesTheReadableRowsAndSaysWhatItLost() throws {
        guard KilledRunTests.binaryIsBuilt(for: "ledger salvage test") else { return }
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/a.csv", rows: ["370829,nev_stock,2025-03,100,辆,"])
        try fixture.put("370811/commerce/b.csv", rows: ["370811,nev_stock,2025-03,x12,辆,"], minute: 1)
        let first = try fixture.run()
        #expect(first.accepted == ["370829/commerce/a.csv"] && first.rejected == ["370811/commerce/b.csv"])
        try FileManager.default.removeItem(atPath: fixture.deployment.outbox.backups)
        let ledger = fixture.deployment.outbox.ledger
        let before = try fixture.ledger().read { try collected($0.eachCountedReport).map(\.observation.value) }
        // The issues' page destroyed: every version may have lost an issue, so none is kept.
        try Self.destroy(page: try Self.rootPage(of: "issue", in: ledger), of: ledger)

        let outcome = try Self.huanxin(["ledger", "recover", "--root", fixture.root.path])
        let text = String(decoding: outcome.output, as: UTF8.self)
        #expect(outcome.status == 4, "\(outcome.errors)")
        #expect(text.contains("无可用备份：已从损坏的文件中抢救可读的记录"), "\(text)")
        #expect(text.contains("run 1") && text.contains("submission 2"), "\(text)")
        #expect(text.contains("无法读取 could not read: issue: "), "\(text)")
        #expect(text.contains("2 个文件版本缺少部分记录"), "\(text)")
        #expect(text.contains("将重新读取 2 个收件箱文件"), "\(text)")
        let salvaged = try LedgerDatabase.open(path: ledger, access: .readOnly)
        #expect(try salvaged.read { try $0.runs().count } == 1)
        #expect(try salvaged.read { try $0.versions(path: "370829/commerce/a.csv") }.isEmpty)

        // The next run reads both files again, as on the first night.
        let again = try Self.huanxin(["run", "--root", fixture.root.path, "--settle", "0", "--quiet"])
        #expect(again.status == 4, "\(again.errors)")
        let recovered = try LedgerDatabase.open(path: ledger, access: .readOnly)
        #expect(try recovered.read { try collected($0.eachCountedReport).map(\.observation.value) } == before)
        #expect(
            try recovered.read { try $0.versions(path: "370811/commerce/b.csv") }.map(\.status) == [.rejected])
        #expect(try recovered.read { try $0.runs().map(\.status) } == [.completed, .completed])
    }

    /// `rollup --dry-run` on a read-only Outbox (a read-only bind mount over
    /// it, which needs root and `mount`; said and skipped where there are none):
    /// it lists the files a roll-up writes and changes nothing.
    @Test func rollupDryRunListsWhatItWouldWriteOnAReadOnlyOutbox() throws {
        guard KilledRunTests.binaryIsBuilt(for: "rollup dry-run test") else { return }
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/a.csv", rows: ["370829,nev_stock,2025-03,100,辆,"])
        try fixture.run()
        let outbox = fixture.outbox
        let written = try Self.huanxin(["rollup", "--root", fixture.root.path, "--period", "2025-03"])
        #expect(written.status == 0, "\(written.errors)")
        let paths = String(decoding: written.output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(paths.count > 3 && paths.allSatisfy { $0.hasPrefix(outbox + "/rollups/2025-03/") })
        try FileManager.default.removeItem(atPath: paths[0])
        func listing() throws -> [String: Date] {
            var files: [String: Date] = [:]
            for path in try FileManager.default.subpathsOfDirectory(atPath: outbox) {
                files[path] =
                    try FileManager.default.attributesOfItem(atPath: outbox + "/" + path)[.modificationDate]
                    as? Date
            }
            return files
        }
        let before = try listing()
        guard Self.shell("mount --bind '\(outbox)' '\(outbox)' && mount -o remount,ro,bind '\(outbox)'") else {
            print("note: cannot make a read-only bind mount here (needs root); rollup dry-run test skipped")
            return
        }
        defer { _ = Self.shell("umount '\(outbox)'") }
        let dry = try Self.huanxin(["rollup", "--root", fixture.root.path, "--period", "2025-03", "--dry-run"])
        #expect(dry.status == 0, "\(dry.errors)")
        let lines = String(decoding: dry.output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.first == "将新建 would create \(paths[0])")
        #expect(Array(lines.dropFirst().dropLast()) == paths.dropFirst().map { "将替换 would replace \($0)" })
        #expect(lines.last == "试运行，未写任何文件 dry run: nothing written (\(paths.count) files)")
        #expect(try listing() == before)
        // Without --dry-run the same Outbox refuses the write, naming where.
        let refused = try Self.huanxin(["rollup", "--root", fixture.root.path, "--period", "2025-03", "--wait", "0"])
        #expect(refused.status != 0 && refused.errors.contains(outbox), "\(refused.errors)")
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
