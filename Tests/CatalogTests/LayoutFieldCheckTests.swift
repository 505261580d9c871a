import Foundation
import TestSupport
import Testing

@testable import Catalog

/// Our accept/reject decision for rows of the `records` layout, and
/// frictionless-py's decision on the same CSVs with the exported schema.
@Suite struct LayoutFieldCheckTests {
    /// Sample CSVs (header + rows) and whether every row passes the field constraints.
    static let samples: [(name: String, csv: String, valid: Bool)] = [
        (
            "good",
            """
            region,indicator,period,value,unit,note
            370829,nev_stock,2025-03,15230,辆,
            371500-L01,scrapped_vehicles,2025-03,120,辆,示例数据
            370829400,appliance_recycling,2025-02,0,台,-
            """, true
        ),
        (
            "bad-month-and-negative",
            """
            region,indicator,period,value,unit,note
            370829,nev_stock,2025-13,15230,辆,
            370829,scrapped_vehicles,2025-03,-4,辆,
            """, false
        ),
        (
            "bad-codes-and-missing-value",
            """
            region,indicator,period,value,unit,note
            37082,nev_stock,2025-03,1,辆,
            370829,NEV Stock,2025-03,1,辆,
            370829,nev_stock,2025-04,,辆,
            """, false
        ),
    ]

    private var records: Layout { SchemasFixture.catalog.layout(id: "records")! }

    private func rows(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    private func accepts(_ csv: String) -> Bool {
        let check = LayoutFieldCheck(layout: records)
        return rows(csv).allSatisfy { check.issues(in: $0).isEmpty }
    }

    @Test func issuesNameTheFieldAndTheProblem() {
        let check = LayoutFieldCheck(layout: records)
        let issues = check.issues(in: ["region": "37082", "indicator": "nev_stock", "period": "2025-13", "value": "-1"])
        #expect(
            issues == [
                .init(field: "region", problem: .pattern), .init(field: "period", problem: .type),
                .init(field: "value", problem: .minimum),
            ])
        #expect(
            check.issues(in: ["region": "370829", "indicator": "nev_stock", "period": "2025-01", "value": "—"])
                == [.init(field: "value", problem: .required)])
        #expect(
            check.issues(in: ["region": "370829", "indicator": "nev_stock", "period": "2025-01", "value": "abc"])
                == [.init(field: "value", problem: .type)])
    }

    @Test(arguments: samples.indices)
    func ourDecisionOnSamples(index: Int) {
        #expect(accepts(Self.samples[index].csv) == Self.samples[index].valid, "\(Self.samples[index].name)")
    }

    @Test func frictionlessAgreesWithOurDecision() throws {
        let script = SchemasFixture.packageRoot.appendingPathComponent("scripts/frictionless-check.sh")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = folder.appendingPathComponent("records.schema.json")
        try records.frictionlessJSON().write(to: schema)
        var paths: [String] = []
        for sample in Self.samples {
            let path = folder.appendingPathComponent("\(sample.name).csv").path
            try (sample.csv + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, schema.path] + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 3 {
            Prerequisite.missing("frictionless-py in .venv (no Python or no PyPI)")
            return
        }
        #expect(process.terminationStatus == 0)
        let verdicts = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.hasSuffix(" valid") }
        #expect(verdicts == Self.samples.map { accepts($0.csv) })
        #expect(verdicts == Self.samples.map(\.valid))
    }
}
