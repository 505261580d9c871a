import Foundation
import Testing

@testable import Outbox

@Suite struct OutboxLayoutTests {
    @Test func layoutNamesEachOutput() {
        let outbox = OutboxLayout(root: "/srv/huanxin/Outbox")
        #expect(
            outbox.rollupWorkbook(period: "2026-10", regionCode: "371500", regionName: "聊城市")
                == "/srv/huanxin/Outbox/rollups/2026-10/371500-聊城市-2026-10.xlsx")
        #expect(
            outbox.receipt(region: "370829", department: "commerce", fileName: "2026-10.xlsx")
                == "/srv/huanxin/Outbox/receipts/370829/commerce/2026-10.xlsx.回执.xlsx")
        #expect(
            outbox.receipt(region: "370829", department: "commerce", fileName: "a.csv", extension: "json").hasSuffix(
                "a.csv.回执.json"))
        #expect(outbox.archivedOriginal(sha256: "ab12", extension: "csv") == "/srv/huanxin/Outbox/archive/ab/ab12.csv")
        #expect(
            outbox.runSummary(timestamp: "20261123T020000Z", runId: 42)
                == "/srv/huanxin/Outbox/runs/20261123T020000Z-000042.json")
        #expect(outbox.runSummary(timestamp: "20261123T020000Z", runId: 1_234_567).hasSuffix("Z-1234567.json"))
    }

    @Test func atomicWriteReplacesWholeOrLeavesThePrevious() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("deep/out.txt").path

        try AtomicFile.write(Data("first".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")

        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: path) { handle in
                try handle.write(contentsOf: Data("half".utf8))
                throw Interrupted()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        // No temporary file is left behind.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("deep").path) == [
                "out.txt"
            ])
    }
}
