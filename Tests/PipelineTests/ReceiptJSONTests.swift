import Foundation
import Intake
import Ledger
import Reports
import Sheets
import Testing
import Vocabulary

@testable import Pipeline

/// Receipts are written by hand (`ReceiptJSON.write`, `DocumentJSONPrettyWriter`)
/// and the upload answer made from a receipt's bytes (`DocumentMembers`);
/// these tests hold both to the bytes JSONEncoder gave through DocumentJSON,
/// which they replaced: for every field shape, for every time, and for the
/// receipts of real runs (the demo inbox's rejected files and corrections,
/// a confirmed warning, Chinese and control characters in names and notes).
@Suite struct ReceiptJSONTests {
    /// A receipt's document as JSONEncoder wrote it: `Receipt`'s synthesized
    /// Encodable and the derived fields, pretty, with the newline after.
    struct EncodedReceipt: Encodable {
        var receipt: Receipt

        enum Derived: String, CodingKey {
            case schemaVersion, outcomeChinese, summaryChinese, errors, warnings, confirmed
        }

        func encode(to encoder: any Encoder) throws {
            try receipt.encode(to: encoder)
            var container = encoder.container(keyedBy: Derived.self)
            try container.encode(ReceiptJSON.schemaVersion, forKey: .schemaVersion)
            try container.encode(receipt.outcome.chinese, forKey: .outcomeChinese)
            try container.encode(receipt.summaryChinese, forKey: .summaryChinese)
            try container.encode(receipt.errorCount, forKey: .errors)
            try container.encode(receipt.warningCount, forKey: .warnings)
            try container.encode(receipt.confirmedCount, forKey: .confirmed)
        }

        static func json(_ receipt: Receipt) throws -> Data {
            try DocumentJSON.encode(EncodedReceipt(receipt: receipt)) + Data("\n".utf8)
        }
    }

    /// The upload answer as JSONEncoder wrote it: the receipt's fields and
    /// the answer's, compact, the answer's replacing the receipt's `schemaVersion`.
    struct EncodedAnswer: Encodable {
        var answer: UploadAnswer
        var receipt: Receipt?

        enum Keys: String, CodingKey {
            case fileName, path, schemaVersion, status, statusChinese, unchanged, versionId, message
        }

        func encode(to encoder: any Encoder) throws {
            if let receipt { try EncodedReceipt(receipt: receipt).encode(to: encoder) }
            var container = encoder.container(keyedBy: Keys.self)
            if receipt == nil {
                try container.encode(InboxFile.fileName(of: answer.path), forKey: .fileName)
                try container.encode(answer.path, forKey: .path)
            }
            try container.encode(UploadAnswer.schemaVersion, forKey: .schemaVersion)
            try container.encode(answer.status.rawValue, forKey: .status)
            try container.encode(answer.status.chinese, forKey: .statusChinese)
            try container.encode(answer.unchanged, forKey: .unchanged)
            try container.encodeIfPresent(answer.versionId, forKey: .versionId)
            let message =
                receipt.map { (answer.unchanged ? UploadAnswer.unchangedMessage : "") + $0.summaryChinese }
                ?? UploadAnswer.queuedMessage
            try container.encode(message, forKey: .message)
        }

        static func json(_ answer: UploadAnswer, receipt: Receipt?) throws -> Data {
            try DocumentJSON.encode(EncodedAnswer(answer: answer, receipt: receipt), pretty: false)
        }
    }

    /// Records the first few receipts whose two documents differ; returns how many did.
    static func differing(_ receipts: [Receipt]) throws -> Int {
        var differing = 0
        for receipt in receipts {
            let (written, encoded) = (try ReceiptJSON.encode(receipt), try EncodedReceipt.json(receipt))
            guard written != encoded else { continue }
            differing += 1
            if differing <= 3 {
                Issue.record(
                    "written:\n\(String(decoding: written, as: UTF8.self))\nencoded:\n\(String(decoding: encoded, as: UTF8.self))"
                )
            }
        }
        return differing
    }

    static let received = Date(timeIntervalSince1970: 1_795_399_200.25)

    /// Receipts of every outcome with each optional field present or nil,
    /// texts with every ASCII byte, CJK and invisible characters in every
    /// text field, figures with every kind of value.
    static func shapes() -> [Receipt] {
        let texts = ValidateJSONTests.texts
        let values = ValidateJSONTests.values
        let outcomes: [Receipt.Outcome] = [.accepted, .rejected, .duplicate, .misplaced, .superseded, .notRead]
        return (0..<64).map { shape in
            let text = { (offset: Int) in texts[(shape * 5 + offset) % texts.count] }
            let when = received.addingTimeInterval(Double(shape) * 86_399.5)
            let issues = (0..<(shape % 4)).map { index in
                Vocabulary.Issue(
                    code: "code-\(index)", severity: (shape + index) % 2 == 0 ? .warning : .error,
                    location: IssueLocation(
                        sheet: shape & 1 == 0 ? nil : text(index), a1: shape & 2 == 0 ? nil : "B\(index + 2)",
                        row: shape & 4 == 0 ? nil : index + 2, column: shape & 8 == 0 ? nil : 2),
                    zh: text(index + 1), en: text(index + 2), confirmation: shape & 16 == 0 ? nil : text(index + 3))
            }
            let figures = (0..<(shape % 3 == 0 ? 0 : 5)).map { index in
                Receipt.Figure(
                    period: "2026-\(10 + index % 3)", region: text(index), indicator: "nev_stock",
                    value: values[(shape + index) % values.count], unit: shape & 1 == 0 ? nil : "辆",
                    sheet: shape & 2 == 0 ? nil : text(index + 4), cell: shape & 4 == 0 ? nil : "D\(index + 8)",
                    writtenValue: shape & 8 == 0 ? nil : text(index + 5), writtenUnit: shape & 16 == 0 ? nil : "万辆",
                    previous: shape & 32 == 0 ? nil : values[(shape * 3 + index) % values.count],
                    previousPath: shape & 32 == 0 ? nil : "370829/commerce/" + text(index + 6),
                    change: [.new, .changed, .unchanged][index % 3])
            }
            let replacements = (0..<(shape % 5 == 0 ? 0 : 3)).map { index in
                Receipt.Replacement(
                    period: "2026-0\(index + 1)", path: "370829/commerce/" + text(index + 7),
                    receivedAt: when.addingTimeInterval(-Double(index) * 3_600.999))
            }
            return Receipt(
                fileName: text(8), path: "370829/commerce/" + text(8),
                region: shape & 1 == 0 ? nil : .init(code: text(9), name: shape & 2 == 0 ? nil : "嘉祥县"),
                department: shape & 4 == 0 ? nil : .init(code: "commerce", name: shape & 8 == 0 ? nil : text(10)),
                receivedAt: when, sha256: shape & 16 == 0 ? nil : String(repeating: "ab", count: 32),
                size: Int64(shape) * 1_000_003, outcome: outcomes[shape % outcomes.count],
                periods: (0..<(shape % 3)).map { "2026-\(10 + $0)" }, observations: figures.count,
                duplicateOf: shape & 32 == 0 ? nil : text(11), advice: shape & 16 == 0 ? nil : text(12),
                issues: issues, figures: figures, corrects: shape & 1 == 0 ? replacements : [],
                replacedBy: shape & 2 == 0 ? [] : replacements)
        }
    }

    @Test func everyFieldShapeIsWrittenAsJSONEncoderWritesIt() throws {
        #expect(try Self.differing(Self.shapes()) == 0)
    }

    /// Times on both sides of the range worked out by hand (1970–9999),
    /// fractions, leap days and every hour, against the ISO 8601 style.
    @Test func timesAreWrittenAsTheISO8601StyleWritesThem() throws {
        var times: [Double] = [
            0, 0.999, -0.001, -1, -86_400.5, -2_208_988_800, -62_135_596_800, 951_782_400, 951_868_800,
            4_107_542_400, 4_107_456_000, 1_709_164_800, 253_402_300_799.999, 253_402_300_800, 1e12,
        ]
        var generator = SystemRandomNumberGenerator()
        times += (0..<5_000).map { _ in Double.random(in: 0..<253_402_300_800, using: &generator) }
        times += (0..<24 * 60).map { 1_795_399_200 + Double($0) * 60.5 }
        for time in times {
            let date = Date(timeIntervalSince1970: time)
            let sink = DataSink()
            let stream = ByteStream(sink: sink, capacity: 64)
            try DocumentJSONWriter(stream: stream).date(date)
            try stream.flush()
            #expect(String(decoding: sink.data, as: UTF8.self) == "\"\(date.formatted(.iso8601))\"", "\(time)")
        }
    }

    /// Every version of a real ledger: three of the demo inbox's counties
    /// (records CSV, forms in XLSX and XML 2003, a rejected file and its
    /// correction, a form altered), then a correction of October whose
    /// month-jump warning a note confirms, in a file whose name and note
    /// hold quotes, a backslash and control characters.
    @Test func realReceiptsAndTheirUploadAnswersAreWrittenAsJSONEncoderWritesThem() throws {
        let fixture = try DeploymentFixture()
        let demo = DeploymentFixture.packageRoot.appendingPathComponent("Inbox")
        let counties = ["371522", "371581"]
        for county in counties {
            try FileManager.default.copyItem(
                at: demo.appendingPathComponent(county), to: fixture.root.appendingPathComponent("Inbox/" + county))
        }
        // When each demo report was sent (`scripts/restore-demo-mtimes.sh`).
        for line in try String(contentsOf: demo.appendingPathComponent(".mtimes.tsv"), encoding: .utf8)
            .split(separator: "\n")
        {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, counties.contains(where: { fields[0].hasPrefix($0 + "/") }),
                let seconds = Double(fields[1])
            else { continue }
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: seconds)],
                ofItemAtPath: fixture.root.appendingPathComponent("Inbox/" + fields[0]).path)
        }
        let reader = SubmissionReader(catalog: DeploymentFixture.catalog, today: Period("2026-11")!)
        try fixture.run(intake: reader)
        let name = "2026-10 更正 \"下乡\" \\ \u{01}.csv"
        try fixture.put(
            "371522/commerce/" + name,
            rows: ["371522,nev_stock,2026-10,999999,辆,\"经核实\t数据属实：“下乡”活动 \\ 集中上牌\u{7F}\""],
            minute: 901_000)  // 2026-11-20
        #expect(try fixture.run(intake: reader).accepted.contains("371522/commerce/" + name))

        let publisher = ReceiptPublisher(catalog: DeploymentFixture.catalog, outbox: fixture.deployment.outbox)
        let receipts = try fixture.ledger().read { ledger in
            try (1...ledger.newestVersionId()).compactMap { id in
                try ledger.version(id: id).map { try publisher.receipt(for: $0, in: ledger).receipt }
            }
        }
        #expect(receipts.count > 100)
        let outcomes = Set(receipts.map(\.outcome))
        #expect(outcomes.isSuperset(of: [.accepted, .rejected, .superseded]), "\(outcomes)")
        #expect(receipts.contains { !$0.corrects.isEmpty } && receipts.contains { !$0.replacedBy.isEmpty })
        #expect(receipts.contains { $0.issues.contains { $0.confirmation != nil } })
        #expect(receipts.contains { $0.issues.contains { $0.location.cell != nil } })
        #expect(try Self.differing(receipts) == 0)

        // Each one's upload answer, from its bytes: recorded anew or unchanged, accepted or rejected.
        for (index, receipt) in receipts.enumerated() {
            let answer = UploadAnswer(
                status: receipt.outcome == .rejected ? .rejected : .accepted, path: receipt.path,
                unchanged: index % 2 == 1, versionId: Int64(index + 1), receipt: try ReceiptJSON.encode(receipt))
            #expect(try answer.json() == EncodedAnswer.json(answer, receipt: receipt), "\(receipt.path)")
        }
    }

    @Test func aQueuedAnswerIsItsNameAndPathAsJSONEncoderWritesThem() throws {
        for path in ["371522/commerce/2026-10.csv", "371522/commerce/\"引号\" \\ \u{01}.csv"] {
            let answer = UploadAnswer.queued(path: path)
            #expect(try answer.json() == EncodedAnswer.json(answer, receipt: nil))
        }
    }

    @Test func aDocumentThatIsNotAWholeObjectIsRefused() {
        for text in ["", "[]", "{\"a\":1", "{\"a\":\"1}", "{\"a\":1}{", "{\"a\" 1}", "5", "{,}"] {
            #expect(throws: DocumentMembers.Malformed.self, "\(text)") {
                _ = try DocumentMembers(of: Data(text.utf8))
            }
        }
    }
}
