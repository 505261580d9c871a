import Foundation
import Testing

@testable import Outbox
@testable import Pipeline

/// Every inbox entry gets a receipt or a loud reason: links, FIFOs and
/// names that are not UTF-8 are answered with a receipt saying why they are
/// not read; a 254-byte name gets receipts under a shortened name; a receipt
/// that cannot be written is named in the summary.
@Suite struct UnreadEntriesTests {
    static let row = "370829,nev_stock,2025-03,120,辆,"

    @Test func linksFifosAndUndecodableNamesAreAnsweredWithReceipts() throws {
        let fixture = try DeploymentFixture()
        let folder = try fixture.put("370829/commerce/a.csv", rows: [Self.row]).deletingLastPathComponent()
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("link.csv").path, withDestinationPath: "/etc/passwd")
        #expect(mkfifo(folder.appendingPathComponent("pipe.csv").path, 0o644) == 0)
        // 报表.csv in GBK, as a Windows copy leaves it.
        let gbk: [UInt8] = [0xB1, 0xA8, 0xB1, 0xED] + Array(".csv".utf8)
        let gbkPath = Array(folder.path.utf8) + [UInt8(ascii: "/")] + gbk + [0]
        let descriptor = gbkPath.withUnsafeBufferPointer {
            open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644)
        }
        #expect(descriptor >= 0)
        close(descriptor)

        let summary = try fixture.run()
        #expect(summary.accepted == ["370829/commerce/a.csv"])
        #expect(
            summary.refused == [
                "370829/commerce/%B1%A8%B1%ED.csv: name-not-utf8", "370829/commerce/link.csv: link",
                "370829/commerce/pipe.csv: fifo",
            ])
        #expect(summary.receiptsNotWritten.isEmpty)
        let receipts = fixture.outbox + "/receipts/370829/commerce/"
        for (name, reason) in [("%B1%A8%B1%ED.csv", "文件名的文字编码无法识别"), ("link.csv", "符号链接"), ("pipe.csv", "不是普通文件")] {
            let json =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: receipts + name + ".回执.json"))) as? [String: Any]
            #expect(json?["outcome"] as? String == "not-read", "\(name)")
            #expect((json?["advice"] as? String)?.contains(reason) == true, "\(name)")
            #expect(FileManager.default.fileExists(atPath: receipts + name + ".回执.xlsx"))
        }
        // The next night writes nothing new for them.
        let before = try fixture.outputs()
        #expect(try fixture.run().refused.count == 3)
        #expect(try fixture.outputs() == before)
    }

    @Test func aNameOf254BytesGetsItsReceiptsUnderAShortenedName() throws {
        let fixture = try DeploymentFixture()
        let long = "x" + String(repeating: "报", count: 83) + ".csv"  // 1 + 249 + 4 bytes
        #expect(long.utf8.count == 254)
        try fixture.put("370829/commerce/\(long)", rows: [Self.row])
        let summary = try fixture.run()
        #expect(summary.accepted == ["370829/commerce/\(long)"])
        #expect(summary.receiptsNotWritten.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: fixture.outbox + "/receipts/370829/commerce")
            .sorted()
        #expect(names.count == 3)
        #expect(
            names.allSatisfy { $0.utf8.count <= ReceiptFileName.maxBytes && $0.hasPrefix("x报报") && $0.contains("~") })
        // The same name gives the same receipt names on any run.
        #expect(names.contains(ReceiptFileName.name(for: long, suffix: ".回执.xlsx")))
        let json =
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: URL(
                        fileURLWithPath:
                            fixture.outbox + "/receipts/370829/commerce/"
                            + ReceiptFileName.name(for: long, suffix: ".回执.json")))) as? [String: Any]
        #expect(json?["fileName"] as? String == long)
    }

    @Test func aReceiptThatCannotBeWrittenIsNamed() throws {
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/a.csv", rows: [Self.row])
        // A file where the submitter's receipt folder should be.
        try FileManager.default.createDirectory(
            atPath: fixture.outbox + "/receipts/370829", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: fixture.outbox + "/receipts/370829/commerce", contents: Data("x".utf8))
        let summary = try fixture.run()
        #expect(summary.accepted == ["370829/commerce/a.csv"])
        #expect(summary.receiptsNotWritten.count == 1)
        #expect(summary.receiptsNotWritten.first?.hasPrefix("370829/commerce/a.csv: 回执未写出 receipt not written") == true)
    }
}
