import Foundation
import Testing

/// `huanxin status --json` on a hand-built inbox, through the built binary:
/// the contract other tools read (keys, state words). Skipped, with a note,
/// when `.build/debug/huanxin` has not been built.
@Suite struct StatusCommandTests {
    @Test func statusJSONGivesEachSubmitterItsState() throws {
        guard KilledRunTests.binaryIsBuilt(for: "status JSON test") else { return }
        let fixture = try DeploymentFixture()
        // Files dated 2025-03-03, before the 2025-04-10 deadline, though the run is later.
        try fixture.put("370829/commerce/2025-03.csv", rows: ["370829,nev_stock,2025-03,100,,"])
        try fixture.put("370829/transport/2025-03.csv", rows: ["370829,new_buses,2025-03,x,,"])
        try fixture.put("370811/commerce/2025-03.csv", rows: ["370811,nev_stock,2025-03,90,,"])
        try FileManager.default.setAttributes(
            [.modificationDate: DeploymentFixture.epoch.addingTimeInterval(40 * 86_400)],
            ofItemAtPath: fixture.root.appendingPathComponent("Inbox/370811/commerce/2025-03.csv").path)
        try fixture.run()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: KilledRunTests.binary)
        process.arguments = [
            "status", "--root", fixture.root.path, "--json", "--period", "2025-03", "--city", "370800",
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 2)
        let cities = try #require(document["cities"] as? [[String: Any]])
        #expect(cities.map { $0["code"] as? String } == ["370800"])
        let objects = try #require(cities.first?["cells"] as? [[String: Any]])
        for object in objects {
            #expect(["region", "department", "period", "state", "observations"].allSatisfy { object[$0] != nil })
            #expect(["accepted", "late", "rejected", "missing"].contains(object["state"] as? String))
            #expect(object["period"] as? String == "2025-03")
        }
        func cell(_ region: String, _ department: String) -> (state: String?, observations: Int?) {
            let object = objects.first {
                $0["region"] as? String == region && $0["department"] as? String == department
            }
            return (object?["state"] as? String, object?["observations"] as? Int)
        }
        #expect(cell("370829", "commerce") == ("accepted", 1))
        #expect(cell("370811", "commerce") == ("late", 1))  // dated 2025-04-12
        #expect(cell("370829", "transport") == ("rejected", 0))
        let rejected = try #require(
            objects.first { $0["region"] as? String == "370829" && $0["department"] as? String == "transport" })
        let reason = try #require(rejected["reason"] as? [String: Any])
        #expect(
            reason["code"] as? String == "type-error" && (reason["location"] as? [String: Any])?["row"] as? Int == 2)
        #expect(rejected["frequency"] as? String == "monthly" && rejected["due"] as? String == "2025-04-10")
        // 嘉祥县's other departments the catalog expects sent nothing.
        #expect(objects.contains { $0["region"] as? String == "370829" && $0["state"] as? String == "missing" })
    }

    /// Runs the built binary, returning its exit status and stdout.
    private func huanxin(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KilledRunTests.binary)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A file that cannot be read (a broken `.xlsx`) is 退回 for the month its
    /// name gives, with its reason, in the grid, `--missing` and the 催报清单;
    /// the city is asked for by name.
    @Test func anUnreadableFileIsChasedAsRejected() throws {
        guard KilledRunTests.binaryIsBuilt(for: "status --missing test") else { return }
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/2025-03.csv", rows: ["370829,nev_stock,2025-03,100,,"])
        let broken = fixture.root.appendingPathComponent("Inbox/370829/transport/2025-03.xlsx")
        try FileManager.default.createDirectory(
            at: broken.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x41, count: 60)).write(to: broken)
        try FileManager.default.setAttributes([.modificationDate: DeploymentFixture.epoch], ofItemAtPath: broken.path)
        try fixture.run()
        let root = ["--root", fixture.root.path, "--period", "2025-03", "--city", "济宁市"]

        let grid = try huanxin(["status"] + root)
        #expect(grid.status == 0)
        let row = try #require(grid.stdout.split(separator: "\n").first { $0.hasPrefix("嘉祥县 370829") })
        #expect(row.contains("退回") && !grid.stdout.contains("聊城市"))

        let missing = try huanxin(["status", "--missing"] + root)
        let line = try #require(missing.stdout.split(separator: "\n").first { $0.contains("transport") })
        #expect(line.contains("退回 2025-03；文件 370829/transport/2025-03.xlsx"))
        #expect(line.contains("按文件名推定期间") && line.contains("原因："))

        let output = fixture.root.appendingPathComponent("催报.xlsx").path
        let chase = try huanxin(["chase", "-o", output] + root)
        #expect(chase.status == 0 && chase.stdout.contains("2025-03 催报"))
        let rows = try huanxin(["cat", output]).stdout.split(separator: "\n")
        #expect(rows.first?.hasPrefix("市,地区代码,地区,部门代码,部门,情况,欠报期间") == true)
        let transport = try #require(rows.first { $0.contains(",transport,") })
        #expect(
            transport.hasPrefix("济宁市,370829,嘉祥县,transport,交通运输局,退回,2025-03,1,2025-04-10,370829/transport/2025-03.xlsx"))
        #expect(transport.hasSuffix(",按文件名推定期间"))
    }
}
