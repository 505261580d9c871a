import Foundation
import TestSupport
import Testing

/// `bench/generate.py`, run as `make bench` runs it (in the test venv here,
/// on a copy of the catalog): a table records the vocabulary it was drawn
/// from, and a changed catalog makes every format of it again rather than
/// leave formats drawn from two catalogs beside each other.
@Suite struct BenchGeneratorTests {
    static let root = Prerequisite.packageRoot()
    static let python = root.appendingPathComponent(".venv/bin/python").path

    /// Runs the generator; its standard error (what it says it generates).
    func generate(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [Self.root.appendingPathComponent("bench/generate.py").path] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        return text
    }

    func manifest(_ folder: URL) throws -> [String: Any] {
        try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("table-300.json")))
                as? [String: Any])
    }

    @Test func aChangedCatalogMakesEveryFormatAgain() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else {
            return Prerequisite.missing(".venv (scripts/test-venv.sh)")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let schemas = work.appendingPathComponent("Schemas")
        let data = work.appendingPathComponent("data")
        try FileManager.default.createDirectory(
            at: schemas.appendingPathComponent("regions"), withIntermediateDirectories: true)
        for file in ["regions/shandong-divisions.csv", "departments.yaml", "indicators.yaml"] {
            try FileManager.default.copyItem(
                at: Self.root.appendingPathComponent("Schemas").appendingPathComponent(file),
                to: schemas.appendingPathComponent(file))
        }
        let common = ["--rows", "300", "--out", data.path, "--schemas", schemas.path]

        #expect(
            try generate(common + ["--formats", "csv-utf8", "ods"]).contains("Generating 300 rows (csv-utf8, ods)"))
        let first = try manifest(data)
        let vocabulary = try #require(first["vocabulary"] as? [String: Any])
        let counties = try #require(vocabulary["counties"] as? [String])
        #expect(counties.count == 151 && counties.contains("371502"), "\(counties.count)")
        #expect((vocabulary["indicators"] as? [String])?.contains("used_car_trades") == true)
        #expect((vocabulary["sha256"] as? String)?.count == 64)
        // The seeded rows draw 东昌府区 (371502) twice: gone later, the files were made again.
        #expect(
            try String(contentsOf: data.appendingPathComponent("table-300.utf8.csv"), encoding: .utf8).contains(
                "371502"))

        // The same catalog: a format asked for later is added, the others kept.
        #expect(try generate(common + ["--formats", "csv-utf8", "xml2003"]).contains("(xml2003) into"))
        #expect(try generate(common + ["--formats", "csv-utf8"]).isEmpty)

        // One county fewer: asked for one format, the table is made again in all three.
        let divisions = schemas.appendingPathComponent("regions/shandong-divisions.csv")
        let lines = try String(contentsOf: divisions, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        try lines.filter { !$0.hasPrefix("371502,") }.joined(separator: "\n").write(
            to: divisions, atomically: true, encoding: .utf8)
        #expect(
            try generate(common + ["--formats", "xml2003"]).contains("Generating 300 rows (xml2003, csv-utf8, ods)"))
        let second = try manifest(data)
        let changed = try #require(second["vocabulary"] as? [String: Any])
        #expect(changed["sha256"] as? String != vocabulary["sha256"] as? String)
        #expect((changed["counties"] as? [String])?.count == 150)
        #expect(Set((second["files"] as? [String: Any] ?? [:]).keys) == ["csv-utf8", "ods", "xml2003"])
        for name in ["table-300.utf8.csv", "table-300.xml"] {
            let text = try String(contentsOf: data.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("371502"), "\(name)")
        }
    }
}
