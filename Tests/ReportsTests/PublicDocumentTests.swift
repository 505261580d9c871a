import Foundation
import Rollup
import TestSupport
import Testing
@testable import Reports
import Vocabulary

/// The public JSON documents, whole, against golden files: a renamed field
/// anywhere below them (intake, the ledger, the roll-up) shows here.
@Suite struct PublicDocumentTests {
    @Test func receiptJSONIsPinned() throws {
        let data = try ReceiptJSON.encode(ReceiptTests.rejected)
        try Golden().expect(data, matches: "receipt-rejected.json")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == ReceiptJSON.schemaVersion)
        #expect(try ReceiptJSON.decode(data) == ReceiptTests.rejected)
    }

    @Test func statusJSONIsPinned() throws {
        let received = Date(timeIntervalSince1970: 1_795_399_200)
        func cell(_ region: String, _ department: String, _ state: ReportState, observations: Int) -> ReportCompleteness {
            ReportCompleteness(region: region, regionName: region == "370829" ? "嘉祥县" : "任城区", department: department,
                               departmentName: department == "commerce" ? "商务局" : "交通运输局",
                               period: Period("2026-10")!, state: state, isDue: true, expected: true,
                               observations: observations, firstAcceptedAt: state == .accepted ? received : nil,
                               latestReceivedAt: state == .missing ? nil : received,
                               latestPath: state == .missing ? nil : "\(region)/\(department)/2026-10.xlsx",
                               latestRejected: false)
        }
        let report = StatusReport(period: Period("2026-10")!, asOf: received.addingTimeInterval(86_400), cities: [
            .init(code: "370800", name: "济宁市", due: "2026-11-10", cells: [
                cell("370829", "commerce", .accepted, observations: 12),
                cell("370829", "transport", .rejected, observations: 0),
                cell("370811", "commerce", .missing, observations: 0),
            ]),
        ])
        try Golden().expect(try report.json(), matches: "status.json")
        try Golden().expect(report.gridText() + "\n", matches: "status-grid.txt")
    }
}
