import Catalog
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
        let unreadable = Vocabulary.Issue(code: "format-unsupported", severity: .error,
                               zh: "不支持的文件格式（.xls）。请另存为 .xlsx 或 .csv 后重新报送。",
                               en: "Unsupported file format (.xls). Save as .xlsx or .csv and send it again.")
        func cell(_ region: String, _ department: String, _ state: ReportState, observations: Int,
                  frequency: ReportingFrequency = .monthly) -> ReportCompleteness {
            ReportCompleteness(region: region, regionName: region == "370829" ? "嘉祥县" : "任城区", department: department,
                               departmentName: department == "commerce" ? "商务局" : "交通运输局",
                               period: Period("2026-10")!, state: state, frequency: frequency,
                               due: frequency == .quarterly ? "2027-01-10" : "2026-11-10", isDue: frequency == .monthly,
                               expected: true, observations: observations,
                               firstAcceptedAt: state == .accepted ? received : nil,
                               latestReceivedAt: state == .missing ? nil : received,
                               latestPath: state == .missing ? nil : "\(region)/\(department)/2026-10.\(state == .rejected ? "xls" : "xlsx")",
                               latestRejected: false, reason: state == .rejected ? unreadable : nil,
                               attributedBy: state == .rejected ? .fileName : nil)
        }
        let cells = [
            cell("370829", "commerce", .accepted, observations: 12, frequency: .quarterly),
            cell("370829", "transport", .rejected, observations: 0),
            cell("370811", "commerce", .missing, observations: 0, frequency: .quarterly),
            cell("370811", "transport", .missing, observations: 0),
        ]
        let chase = ChaseList.entries(grid: cells, periods: [Period("2026-10")!])
        #expect(chase.map(\.department) == ["transport", "transport"])
        let report = StatusReport(period: Period("2026-10")!, asOf: received.addingTimeInterval(86_400), cities: [
            .init(code: "370800", name: "济宁市", due: "2026-11-10", cells: cells, chase: chase),
        ])
        try Golden().expect(try report.json(), matches: "status.json")
        try Golden().expect(report.gridText() + "\n", matches: "status-grid.txt")
        try Golden().expect(report.chaseText() + "\n", matches: "status-chase.txt")
        #expect(try DocumentJSON.decode(StatusReport.self, from: report.json()) == report)
    }
}
