import Foundation
import Testing

@testable import Pipeline

@Suite struct RollupRunStageTests {
    /// The nightly roll-up writes the city's workbook after a run that
    /// accepted a file, and leaves it untouched (same bytes, same time) on a
    /// run with nothing new.
    @Test func rollupsFollowTheLedgerAndSkipQuietNights() throws {
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/2025-03.csv", rows: ["370829,nev_stock,2025-03,100,,"])
        var run = fixture.nightlyRun()
        run.laterStages = [.rollup]

        let first = try run.run(now: Date()).summary
        #expect(first.accepted.count == 1)
        let workbook = fixture.outbox + "/rollups/2025-03/370800-济宁市-2025-03.xlsx"
        let written = try FileManager.default.attributesOfItem(atPath: workbook)[.modificationDate] as? Date
        let bytes = try Data(contentsOf: URL(fileURLWithPath: workbook))
        #expect(FileManager.default.fileExists(atPath: fixture.outbox + "/rollups/2025-03/370800-济宁市-2025-03.json"))

        let second = try run.run(now: Date()).summary
        #expect(second.accepted.isEmpty && second.unchanged.count == 1)
        #expect(try FileManager.default.attributesOfItem(atPath: workbook)[.modificationDate] as? Date == written)
        #expect(try Data(contentsOf: URL(fileURLWithPath: workbook)) == bytes)
    }
}
