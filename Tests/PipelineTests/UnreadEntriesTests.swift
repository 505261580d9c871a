import Foundation
import Reports
import Testing

@testable import Outbox
@testable import Pipeline

/// Every inbox entry gets a receipt or a loud reason: links, FIFOs and
/// folders whose names are not UTF-8 are answered with a receipt saying why
/// they are not read; a file whose name is not UTF-8 is read under its
/// escaped name; a 254-byte name gets receipts under a shortened name; a
/// receipt that cannot be written is named in the summary.
@Suite struct UnreadEntriesTests {
    static let row = "370829,nev_stock,2025-03,120,辆,"

    /// Writes `contents` to the file named by the bytes `name` in `folder`, as a Windows copy leaves it.
    static func create(bytes name: [UInt8], in folder: URL, _ contents: String) throws {
        let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name
        let descriptor = (path.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer {
            open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        #expect(write(descriptor, bytes, bytes.count) == bytes.count)
    }

    @Test func linksFifosAndUndecodableFoldersAreAnsweredWithReceipts() throws {
        let fixture = try DeploymentFixture()
        let folder = try fixture.put("370829/commerce/a.csv", rows: [Self.row]).deletingLastPathComponent()
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("link.csv").path, withDestinationPath: "/etc/passwd")
        #expect(mkfifo(folder.appendingPathComponent("pipe.csv").path, 0o644) == 0)
        // A folder 商务局 in GBK: no submitter's folder, its file not read.
        let gbkFolder: [UInt8] = [0xC9, 0xCC, 0xCE, 0xF1, 0xBE, 0xD6]
        let gbkFolderPath = Array(folder.deletingLastPathComponent().path.utf8) + [UInt8(ascii: "/")] + gbkFolder
        #expect(
            (gbkFolderPath.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer {
                mkdir($0.baseAddress!, 0o755)
            } == 0)

        let summary = try fixture.run()
        #expect(summary.accepted == ["370829/commerce/a.csv"])
        #expect(
            summary.refused == [
                "370829/%C9%CC%CE%F1%BE%D6: name-not-utf8", "370829/commerce/link.csv: link",
                "370829/commerce/pipe.csv: fifo",
            ])
        #expect(summary.receiptsNotWritten.isEmpty)
        let receipts = fixture.outbox + "/receipts/"
        for (name, reason) in [
            ("_misplaced/370829/%C9%CC%CE%F1%BE%D6", "文件夹名的文字编码无法识别"),
            ("370829/commerce/link.csv", "符号链接"), ("370829/commerce/pipe.csv", "不是普通文件"),
        ] {
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

    @Test func aFileWhoseNameIsNotUTF8IsReadUnderItsEscapedName() throws {
        let fixture = try DeploymentFixture()
        let folder = try fixture.put("370829/commerce/a.csv", rows: [Self.row]).deletingLastPathComponent()
        // 报表.csv and 报表.xlsx in GBK; the second holds CSV text, which its name does not promise.
        try Self.create(
            bytes: [0xB1, 0xA8, 0xB1, 0xED] + Array(".csv".utf8), in: folder,
            ([DeploymentFixture.header, "370829,nev_stock,2025-04,130,辆,"]).joined(separator: "\r\n"))
        try Self.create(
            bytes: [0xB1, 0xA8, 0xB1, 0xED] + Array(".xlsx".utf8), in: folder,
            ([DeploymentFixture.header, "370829,nev_stock,2025-05,140,辆,"]).joined(separator: "\r\n"))

        let summary = try fixture.run()
        #expect(summary.accepted == ["370829/commerce/%B1%A8%B1%ED.csv", "370829/commerce/a.csv"])
        #expect(summary.rejected == ["370829/commerce/%B1%A8%B1%ED.xlsx"])
        #expect(summary.refused.isEmpty && summary.receiptsNotWritten.isEmpty)
        func receipt(_ name: String) throws -> Receipt {
            try ReceiptJSON.decode(
                Data(contentsOf: URL(fileURLWithPath: fixture.outbox + "/receipts/370829/commerce/\(name).回执.json")))
        }
        let read = try receipt("%B1%A8%B1%ED.csv")
        #expect(read.outcome == .accepted && read.fileName == "%B1%A8%B1%ED.csv")
        #expect(read.issues.map(\.code) == ["file-name-encoding"])
        #expect(read.issues.first?.messageZh.contains("按 GBK 编码读作“报表.csv”") == true)
        #expect(read.figures.map(\.value) == [130])
        // Its archive copy is the file's bytes, found by its bytes.
        let ledger = try fixture.ledger()
        let version = try #require(try ledger.read { try $0.versions(path: "370829/commerce/%B1%A8%B1%ED.csv") }.last)
        #expect(try SHA256.hash(fileAtPath: fixture.outbox + "/" + #require(version.archivePath)).hex == version.sha256)
        #expect(try receipt("%B1%A8%B1%ED.xlsx").issues.map(\.code) == ["file-name-encoding", "format-unsupported"])
        // Known by its size and time the next night, as any file.
        let again = try fixture.run()
        #expect(again.unchanged.count == 3 && again.accepted.isEmpty)
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
        #expect(
            FileManager.default.createFile(
                atPath: fixture.outbox + "/receipts/370829/commerce", contents: Data("x".utf8)))
        let summary = try fixture.run()
        #expect(summary.accepted == ["370829/commerce/a.csv"])
        #expect(summary.receiptsNotWritten.count == 1)
        #expect(summary.receiptsNotWritten.first?.hasPrefix("370829/commerce/a.csv: 回执未写出 receipt not written") == true)
    }
}
