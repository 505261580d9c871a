import Catalog
import Foundation
import Rollup
import TestSupport
import Testing
import Vocabulary

@testable import Reports

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

    /// A correction's receipt: what each figure replaced, and which file's months.
    @Test func correctionReceiptJSONIsPinned() throws {
        var receipt = ReceiptTests.rejected
        receipt.fileName = "2026-11(1).xlsx"
        receipt.path = "370829/commerce/2026-11(1).xlsx"
        receipt.outcome = .accepted
        receipt.observations = 2
        receipt.issues = [
            Vocabulary.Issue(
                code: "period-name-mismatch", severity: .warning,
                zh: "文件名“2026-11(1).xlsx”写的是 2026-11，表内数据是 2026-10 的。",
                en: "The file name says 2026-11, its content is for 2026-10.")
        ]
        receipt.figures = [
            .init(
                period: "2026-10", region: "370829", indicator: "nev_stock", value: 99999, previous: 36310,
                previousPath: "370829/commerce/2026-Q4.xlsx", change: .changed),
            .init(
                period: "2026-10", region: "370829", indicator: "used_car_trades", value: 812, previous: 812,
                previousPath: "370829/commerce/2026-Q4.xlsx", change: .unchanged),
        ]
        receipt.corrects = [
            .init(
                period: "2026-10", path: "370829/commerce/2026-Q4.xlsx",
                receivedAt: receipt.receivedAt.addingTimeInterval(-86_400 * 20))
        ]
        #expect(
            receipt.summaryChinese == "已受理，计入数据 2 条（2026-10）；有 1 条提示，请核对。"
                + "这是更正：替换了 2026-Q4.xlsx 的 2026-10 数据；数值改变 1 条（nev_stock 2026-10：36310 → 99999），未变 1 条，新增 0 条。")
        try Golden().expect(try ReceiptJSON.encode(receipt), matches: "receipt-correction.json")
        #expect(try ReceiptJSON.decode(try ReceiptJSON.encode(receipt)) == receipt)
    }

    @Test func statusJSONIsPinned() throws {
        let received = Date(timeIntervalSince1970: 1_795_399_200)
        let unreadable = Vocabulary.Issue(
            code: "format-unsupported", severity: .error,
            zh: "不支持的文件格式（.xls）。请另存为 .xlsx 或 .csv 后重新报送。",
            en: "Unsupported file format (.xls). Save as .xlsx or .csv and send it again.")
        func cell(
            _ region: String, _ department: String, _ state: ReportState, observations: Int,
            frequency: ReportingFrequency = .monthly
        ) -> ReportCompleteness {
            ReportCompleteness(
                region: region, regionName: region == "370829" ? "嘉祥县" : "任城区", department: department,
                departmentName: department == "commerce" ? "商务局" : "交通运输局",
                period: Period("2026-10")!, state: state, frequency: frequency,
                due: frequency == .quarterly ? "2027-01-10" : "2026-11-10", isDue: frequency == .monthly,
                expected: true, observations: observations,
                firstAcceptedAt: state == .accepted ? received : nil,
                latestReceivedAt: state == .missing ? nil : received,
                latestPath: state == .missing
                    ? nil : "\(region)/\(department)/2026-10.\(state == .rejected ? "xls" : "xlsx")",
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
        let report = StatusReport(
            period: Period("2026-10")!, asOf: received.addingTimeInterval(86_400),
            cities: [
                .init(code: "370800", name: "济宁市", due: "2026-11-10", cells: cells, chase: chase)
            ])
        try Golden().expect(try report.json(), matches: "status.json")
        try Golden().expect(report.gridText() + "\n", matches: "status-grid.txt")
        try Golden().expect(report.chaseText() + "\n", matches: "status-chase.txt")
        #expect(try DocumentJSON.decode(StatusReport.self, from: report.json()) == report)
    }
}
