import Foundation
import Ledger
import Rollup
import TestSupport
import Testing
import Vocabulary

@testable import Pipeline

/// The status grid as the portal asks for it, again and again, over its one
/// open ledger: what was received is read once and kept, and read again as
/// soon as a file is recorded.
@Suite struct StatusQueryTests {
    @Test func aKeptReportIsReadAgainOnceAFileIsRecorded() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(NightlyRunTests.commerce, rows: ["370829,nev_stock,2025-03,100,,"])
        _ = try fixture.run()
        let status = StatusQuery(catalog: DeploymentFixture.catalog, ledger: try fixture.ledger())
        let calendar = ProgrammeCalendar(now: DeploymentFixture.epoch)
        func states() throws -> [String: ReportState] {
            let report = try status.report(
                period: Period("2025-03"), city: "370800", scope: AccessScope(wholeDeploymentOf: status.catalog),
                calendar: calendar)
            let cells = report.cities.flatMap(\.cells).filter { $0.region == "370829" }
            return Dictionary(uniqueKeysWithValues: cells.map { ($0.department, $0.state) })
        }
        let first = try states()
        #expect(first["commerce"] == .accepted)
        #expect(first["transport"] == .missing)
        #expect(try states() == first)
        // Transport's file, rejected (a word for a number), in the next night.
        try fixture.put(NightlyRunTests.transport, rows: ["370829,new_buses,2025-03,十二,辆,"], minute: 1)
        _ = try fixture.run()
        let after = try states()
        #expect(after["transport"] == .rejected)
        #expect(after["commerce"] == .accepted)
    }
}
