import Foundation
import Ledger
import Outbox
import Testing

@testable import Pipeline

/// A night on a full disk: the Outbox on a small tmpfs, filled but for a
/// little, and a file bigger than what is left. Needs root and `mount`;
/// said and skipped where there are none (the repository cannot promise root).
@Suite struct FullDiskRunTests {
    /// 303 months of one figure (2000-01 to 2025-03), each row with a 442-character remark: about 410 KB.
    static func bigRows() -> [String] {
        let remark = String(repeating: "数据属实，已核对原始台账。", count: 34)
        return (0..<303).map { month in
            "370811,nev_stock,\(2000 + month / 12)-\(String(format: "%02d", month % 12 + 1)),700,辆,\(remark)"
        }
    }

    @Test func aRunThatFillsTheDiskIsMarkedFailedWithItsReasonAndTheNextRecordsTheFile() throws {
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/a.csv", rows: ["370829,nev_stock,2025-03,100,辆,"])
        let outbox = fixture.outbox
        try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
        guard getuid() == 0, RobustCommandsTests.shell("mount -t tmpfs -o size=16m tmpfs '\(outbox)'") else {
            print("note: cannot mount a tmpfs here (needs root); full-disk run test skipped")
            return
        }
        defer { _ = RobustCommandsTests.shell("umount '\(outbox)'") }
        let first = try fixture.run()
        #expect(first.accepted == ["370829/commerce/a.csv"])

        let big = try fixture.put("370811/commerce/big.csv", rows: Self.bigRows(), minute: 1)
        let size = try #require(try big.resourceValues(forKeys: [.fileSizeKey]).fileSize)
        #expect(size > 400_000)
        // Everything but 192 KiB taken: room for the ledger's journal, not for the file's archive copy.
        var space = statvfs()
        #expect(statvfs(outbox, &space) == 0)
        let free = Int(space.f_bavail) * Int(space.f_frsize)
        let filler = outbox + "/filler"
        #expect(FileManager.default.createFile(atPath: filler, contents: Data(count: free - 192 << 10)))

        let failed = try #require(throws: NightlyRun.Failed.self) { try fixture.run() }
        #expect(failed.reason.contains("No space left on device"), "\(failed.reason)")
        #expect(failed.reason.contains(outbox + "/archive/"), "\(failed.reason)")
        let ledger = try fixture.ledger()
        let night = try #require(try ledger.read { try $0.latestRun() })
        #expect(night.id == failed.runId && night.status == .failed && night.failure == failed.reason)
        #expect(try ledger.read { try $0.versions(path: "370811/commerce/big.csv") }.isEmpty)
        let summary = try JSONDecoder().decode(
            RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: try #require(failed.summary))))
        #expect(summary.failure == failed.reason && summary.accepted.isEmpty)
        // Nothing half-written is left in the archive.
        let archived = try FileManager.default.subpathsOfDirectory(atPath: outbox + "/archive")
        #expect(!archived.contains { $0.split(separator: "/").last?.hasPrefix(".") == true }, "\(archived)")

        // Space freed, the next night records the file; the failed night stays failed.
        try FileManager.default.removeItem(atPath: filler)
        let next = try fixture.run()
        #expect(next.accepted == ["370811/commerce/big.csv"] && next.failure == nil)
        let runs = try ledger.read { try $0.runs() }
        #expect(runs.map(\.status) == [.completed, .failed, .completed])
        #expect(runs[1].failure == failed.reason)
    }
}
