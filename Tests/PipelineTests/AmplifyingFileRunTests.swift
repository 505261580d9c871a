import Foundation
import Testing

@testable import Pipeline

/// The corpus workbook with cells at XFD1 and XFD1048576 through a whole
/// night: it grew the ledger from 11 to 151 MB and its receipt could not be
/// written (`write-order`, row 1048577), night after night; now its handful
/// of issues are recorded and its receipts written.
@Suite struct AmplifyingFileRunTests {
    static let corpus = DeploymentFixture.packageRoot.deletingLastPathComponent().appendingPathComponent(
        "shared/corpus")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus.path), "../shared/corpus is absent"))
    func cellsAtXFD1048576GetAReceiptAndASmallLedger() throws {
        let fixture = try DeploymentFixture()
        let inbox = fixture.root.appendingPathComponent("Inbox/370829/commerce")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.corpus.appendingPathComponent("xlsx-excel/data03.xlsx"),
            to: inbox.appendingPathComponent("data03.xlsx"))
        let summary = try fixture.run()
        #expect(summary.rejected == ["370829/commerce/data03.xlsx"])
        #expect(summary.receiptsNotWritten.isEmpty)
        let receipt = fixture.outbox + "/receipts/370829/commerce/data03.xlsx.回执.json"
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: receipt))) as? [String: Any])
        #expect(
            (json["issues"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                == [
                    "extra-label", "blank-labels", "missing-label", "missing-label", "missing-label", "missing-label",
                    "blank-rows",
                ])
        #expect(
            FileManager.default.fileExists(atPath: fixture.outbox + "/receipts/370829/commerce/data03.xlsx.回执.xlsx"))
        // The ledger with its write-ahead log: the issues went in as 7 rows, not a million.
        let ledgerBytes = ["", "-wal"].reduce(0) { total, suffix in
            total
                + ((try? FileManager.default.attributesOfItem(atPath: fixture.deployment.outbox.ledger + suffix)[.size]
                    as? Int) ?? 0)
        }
        #expect(ledgerBytes < 1 << 20)
        #expect(try fixture.ledger().read { try $0.issues(versionId: 1) }.count == 7)
    }
}
