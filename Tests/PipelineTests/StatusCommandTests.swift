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
        try FileManager.default.setAttributes([.modificationDate: DeploymentFixture.epoch.addingTimeInterval(40 * 86_400)],
                                              ofItemAtPath: fixture.root.appendingPathComponent("Inbox/370811/commerce/2025-03.csv").path)
        try fixture.run()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: KilledRunTests.binary)
        process.arguments = ["status", "--root", fixture.root.path, "--json", "--period", "2025-03", "--city", "370800"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        let cities = try #require(document["cities"] as? [[String: Any]])
        #expect(cities.map { $0["code"] as? String } == ["370800"])
        let objects = try #require(cities.first?["cells"] as? [[String: Any]])
        for object in objects {
            #expect(["region", "department", "period", "state", "observations"].allSatisfy { object[$0] != nil })
            #expect(["accepted", "late", "rejected", "missing"].contains(object["state"] as? String))
            #expect(object["period"] as? String == "2025-03")
        }
        func cell(_ region: String, _ department: String) -> (state: String?, observations: Int?) {
            let object = objects.first { $0["region"] as? String == region && $0["department"] as? String == department }
            return (object?["state"] as? String, object?["observations"] as? Int)
        }
        #expect(cell("370829", "commerce") == ("accepted", 1))
        #expect(cell("370811", "commerce") == ("late", 1))  // dated 2025-04-12
        #expect(cell("370829", "transport") == ("rejected", 0))
        // 嘉祥县's other departments the catalog expects sent nothing.
        #expect(objects.contains { $0["region"] as? String == "370829" && $0["state"] as? String == "missing" })
    }
}
