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

    /// A warning the department confirmed (数据属实说明) beside one still
    /// open: `confirmation` on the issue, `confirmed` counted, `warnings`
    /// only the open one.
    @Test func confirmedWarningReceiptJSONIsPinned() throws {
        var receipt = ReceiptTests.rejected
        receipt.outcome = .accepted
        receipt.observations = 2
        receipt.issues = [
            Vocabulary.Issue(
                code: "month-jump", severity: .warning,
                location: IssueLocation(sheet: "月报", a1: "D8", row: 8, column: 4),
                zh: "D8：“新能源汽车保有量”本月 99999，上月（2026-09）36310，变动 +175.4%，超过 30%。请核对；如属实请在备注中说明。",
                en: "D8: nev_stock moved from 36310 (2026-09) to 99999, +175.4%, past 30% (rule nev-stock-jump).",
                confirmation: "10月开展新能源汽车下乡活动，集中上牌，经核实数据属实"),
            Vocabulary.Issue(
                code: "outlier", severity: .warning, location: IssueLocation(sheet: "月报", a1: "D9", row: 9, column: 4),
                zh: "D9：“报废汽车规范回收拆解量”本月 5200。请核对数值和单位；如属实，请在备注中写明原因（数据属实说明）。",
                en: "D9: scrapped_vehicles 5200 lies far off its 14 earlier months."),
        ]
        #expect(receipt.warningCount == 1 && receipt.confirmedCount == 1)
        #expect(receipt.summaryChinese.hasPrefix("已受理，计入数据 2 条（2026-10）；有 1 条提示，请核对；1 条提示已有数据属实说明。"))
        try Golden().expect(try ReceiptJSON.encode(receipt), matches: "receipt-confirmed.json")
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
