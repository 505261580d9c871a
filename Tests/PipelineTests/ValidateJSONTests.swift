import Foundation
import Intake
import Reports
import Sheets
import TestSupport
import Testing
import Vocabulary

@testable import Pipeline

/// `validate --json` writes observations by hand (`DocumentJSONWriter`);
/// these tests hold it to the bytes JSONEncoder gives through DocumentJSON,
/// which it replaced: for every field shape, for the demo inbox's and the
/// shared corpus's files, and, pinned by a golden file, for one whole answer.
@Suite struct ValidateJSONTests {
    /// Collects what a `ByteStream` flushes.
    final class Collected: ByteSink {
        var bytes: [UInt8] = []
        func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes += bytes }
    }

    /// `observation` through the hand-written encoder, from a table of it alone.
    static func written(_ observation: Observation) throws -> [UInt8] {
        let collected = Collected()
        let stream = ByteStream(sink: collected)
        var json = ObservationsJSON(ObservationTable([observation]))
        try json.write(to: DocumentJSONWriter(stream: stream))
        try stream.flush()
        #expect(collected.bytes.first == UInt8(ascii: "[") && collected.bytes.last == UInt8(ascii: "]"))
        return Array(collected.bytes.dropFirst().dropLast())
    }

    /// What `writeJSON` writes for `validation`, read back from a file.
    static func writtenJSON(_ validation: FileValidation, first: Bool = true) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString).json")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try validation.writeJSON(first: first, to: handle)
        try handle.close()
        return try Data(contentsOf: url)
    }

    /// The file's object as JSONEncoder made it before: the head through
    /// DocumentJSON, its closing brace replaced by the observations, encoded
    /// as one array.
    static func encodedJSON(_ validation: FileValidation, first: Bool = true) throws -> Data {
        struct Head: Encodable {
            var schemaVersion = FileValidation.schemaVersion
            var file: String
            var status: String
            var layout: String?
            var issues: [Vocabulary.Issue]
        }
        var head = try DocumentJSON.encode(
            Head(
                file: validation.file, status: validation.status, layout: validation.layout, issues: validation.issues),
            pretty: false)
        head.removeLast()
        return Data((first ? "\n" : ",\n").utf8) + head + Data(",\"observations\":".utf8)
            + (try DocumentJSON.encode(Array(validation.observations), pretty: false)) + Data("}".utf8)
    }

    /// Texts with every ASCII byte (control characters, quotes, backslash,
    /// slash, DEL), CJK, full-width and invisible characters, an emoji.
    static let texts: [String] =
        [
            "", "370829", "nev_stock", "表1", "新能源汽车 保有量（辆）", "a/b\\c\"d", "Sheet 1", "😀 U+2028\u{2028}U+2029\u{2029}",
            "\u{FEFF}bom\u{200B}zero-width", "全角　空格", "\u{7F}\u{80}\u{9F}", "</script>",
        ] + (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }

    /// Whole, fractional, negative, huge, tiny and boundary values, and how
    /// `description` switches to exponents.
    static let values: [Double] = [
        0, -0.0, 1, -1, 12, 0.1, 0.5, -3.5, 3.67, 36_700, 123.456, -98_765.4321, 1e-7, 0.0001, 0.000_01,
        3.141_59e-5, 1e15, 999_999_999_999_999, 1e16, 1e17, 1e21, 1e22, 2e20, 1.234_567_890_123_456_8e17,
        9_007_199_254_740_991, 9_007_199_254_740_992, 9_007_199_254_740_994, -9_007_199_254_740_992,
        4_503_599_627_370_495.5, 1e300, -1.5e300, 5e-324, .leastNormalMagnitude, .greatestFiniteMagnitude,
        -.greatestFiniteMagnitude, 1.0 / 3, 2.0 / 3, 100.0 / 7, 0.1 + 0.2, 1234567.125,
    ]

    static let periods = ["1900-01", "2025-03", "2025-10", "2025-12", "9999-12"].map { Period($0)! }

    @Test func everyFieldShapeIsWrittenAsDocumentJSONEncodesIt() throws {
        let units = DeploymentFixture.catalog.units.flatMap { [$0.code] + $0.alternatives.keys.sorted() }
        #expect(units.contains("万辆") && units.contains("辆"))
        var observations: [Observation] = []
        // Each optional field present or nil (6 of them: 64 shapes), each with other texts and values.
        for shape in 0..<64 {
            for (index, text) in Self.texts.enumerated() {
                let other = Self.texts[(index * 7 + shape) % Self.texts.count]
                observations.append(
                    Observation(
                        region: text, indicator: other, period: Self.periods[(index + shape) % Self.periods.count],
                        value: Self.values[(index * 3 + shape) % Self.values.count], writtenValue: other + text,
                        writtenUnit: shape & 1 == 0 ? nil : units[(index + shape) % units.count],
                        source: IssueLocation(
                            sheet: shape & 2 == 0 ? nil : text, a1: shape & 4 == 0 ? nil : "XFD\(1_048_576 - index)",
                            row: shape & 8 == 0 ? nil : [1, 2, 1_048_576, 0, -1][index % 5],
                            column: shape & 16 == 0 ? nil : [1, 16_384, 27][index % 3]),
                        note: shape & 32 == 0 ? nil : other))
            }
        }
        for value in Self.values {
            observations.append(
                Observation(
                    region: "370829", indicator: "nev_stock", period: Self.periods[1], value: value,
                    writtenValue: "\(value)", source: IssueLocation(a1: "D2", row: 2, column: 4)))
        }
        var differing = 0
        for observation in observations {
            let encoded = Array(try DocumentJSON.encode(observation, pretty: false))
            let written = try Self.written(observation)
            if written != encoded {
                differing += 1
                if differing <= 5 {
                    Issue.record(
                        "\(String(decoding: written, as: UTF8.self)) != \(String(decoding: encoded, as: UTF8.self))")
                }
            }
        }
        #expect(differing == 0, "\(differing) of \(observations.count) observations differ")
        // And as one file's object, after the head, separated by commas.
        let validation = FileValidation(
            IntakeResult(
                path: "Inbox/370829/commerce/形状.csv", layout: "records", observations: ObservationTable(observations),
                issues: []))
        #expect(try Self.writtenJSON(validation, first: false) == Self.encodedJSON(validation, first: false))
    }

    @Test func infinityAndNaNAreRefusedAsJSONEncoderRefusesThem() {
        for value in [Double.infinity, -.infinity, .nan] {
            let observation = Observation(
                region: "370829", indicator: "nev_stock", period: Self.periods[1], value: value, writtenValue: "x",
                source: IssueLocation())
            #expect(throws: EncodingError.self) { try DocumentJSON.encode(observation) }
            #expect(throws: EncodingError.self) { try Self.written(observation) }
        }
    }

    /// Every file of the demo inbox (records CSV, forms in XLSX and XML 2003,
    /// rejected files among them) and of the shared corpus, as `validate` reads it.
    @Test func theDemoInboxAndCorpusFilesAreWrittenAsDocumentJSONEncodesThem() throws {
        let root = DeploymentFixture.packageRoot
        let validate = try ValidateFiles(
            deployment: Deployment(root: root), submitter: nil, today: Period("2099-12")!)
        var files = try Self.files(under: root.appendingPathComponent("Inbox"))
        #expect(files.count > 1_000)
        let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        if FileManager.default.fileExists(atPath: corpus.path) {
            files += try Self.files(under: corpus)
        } else {
            Prerequisite.missing("../shared/corpus (the corpus part of the validate JSON test)")
        }
        var observations = 0
        var differing: [String] = []
        for file in files {
            let validation = validate.check(file)
            observations += validation.observations.count
            if try Self.writtenJSON(validation) != Self.encodedJSON(validation) { differing.append(file) }
        }
        #expect(differing.isEmpty, "\(differing.count) files differ, first \(differing.prefix(3))")
        #expect(observations > 30_000, "\(observations) observations in \(files.count) files")
    }

    /// One answer of a records file with notes, units and a rejected row, whole.
    @Test func aRecordsFileAnswerIsPinnedByItsGoldenFile() throws {
        let fixture = try DeploymentFixture()
        let csv = try fixture.put(
            "370829/commerce/2025-03.csv",
            rows: [
                "370829,nev_stock,2025-03,3.5,万辆,\"含 \"\"以旧换新\"\" 补贴/备案车辆\"",
                "370829,scrapped_vehicles,2025-03,120,辆,",
                "370829,nev_stock,2025-02,-12,辆,负数",
                "370829,used_car_exports,2025-03,1234.567,万元,\"反斜杠 \\ 与换行\n同格\"",
                "370829,used_car_exports,2025-01,98765.4,元,",
            ])
        var result = DeploymentFixture.reader.read(path: csv.path, submitter: nil)
        result.path = "Inbox/370829/commerce/2025-03.csv"
        let validation = FileValidation(result)
        #expect(validation.observations.count >= 2 && !validation.issues.isEmpty)
        let written = try Self.writtenJSON(validation)
        #expect(written == (try Self.encodedJSON(validation)))
        try Golden().expect(written, matches: "validate-records.json")
    }

    static func files(under folder: URL) throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        return enumerator.compactMap { $0 as? String }.sorted().map { folder.appendingPathComponent($0).path }
            .filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
            }
    }
}
