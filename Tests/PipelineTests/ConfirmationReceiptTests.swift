import Foundation
import Intake
import Outbox
import Reports
import Sheets
import Testing
import Vocabulary

@testable import Pipeline

/// 数据属实说明, as department staff give one: September's 新能源汽车保有量
/// was 36,310; October's form says 99,999 with the reason in the row's 备注
/// cell. The month-jump warning stays on the receipt, marked confirmed with
/// the explanation (JSON, workbook, summary), and is no open question; a
/// later correction re-issues the receipt from the ledger, still confirmed.
@Suite struct ConfirmationReceiptTests {
    /// Reports read as in December 2026.
    static let reader = SubmissionReader(catalog: DeploymentFixture.catalog, today: Period("2026-12")!)
    static let reason = "10月开展新能源汽车下乡活动，集中上牌，经核实数据属实"

    @Test func aConfirmedWarningIsMarkedInTheReceiptAndIsNoOpenQuestion() throws {
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/2026-09.csv", rows: ["370829,nev_stock,2026-09,36310,,"])
        try fixture.run(intake: Self.reader)

        let template = try FormTemplate(
            catalog: DeploymentFixture.catalog, region: "370829", department: "commerce",
            period: Period("2026-10")!)
        let form = fixture.root.appendingPathComponent("Inbox/370829/commerce/2026-10.xlsx").path
        try template.write(
            to: form,
            entries: Dictionary(
                uniqueKeysWithValues: template.rows.map(\.code).map { code in
                    // A note on a row without a warning is only a note.
                    (
                        code,
                        FormTemplate.Entry(
                            value: code == "nev_stock" ? 99999 : 10, note: code == "nev_stock" ? Self.reason : "正常")
                    )
                }))
        try FileManager.default.setAttributes(
            [.modificationDate: DeploymentFixture.epoch.addingTimeInterval(3_600)], ofItemAtPath: form)
        #expect(try fixture.run(intake: Self.reader).accepted == ["370829/commerce/2026-10.xlsx"])

        let layout = fixture.deployment.outbox
        let jsonPath = layout.receipt(
            region: "370829", department: "commerce", fileName: "2026-10.xlsx", extension: "json")
        let receipt = try ReceiptJSON.decode(Data(contentsOf: URL(fileURLWithPath: jsonPath)))
        #expect(receipt.issues.map(\.code) == ["month-jump"], "\(receipt.issues.map(\.messageZh))")
        let jump = try #require(receipt.issues.first)
        #expect(jump.severity == .warning && jump.location.cell == "D8" && jump.confirmation == Self.reason)
        #expect(receipt.warningCount == 0 && receipt.confirmedCount == 1)
        #expect(receipt.summaryChinese.hasPrefix("已受理，计入数据 \(template.rows.count) 条（2026-10）；1 条提示已有数据属实说明。"))
        #expect(!receipt.summaryChinese.contains("请核对"))
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) as? [String: Any])
        #expect(document["warnings"] as? Int == 0 && document["confirmed"] as? Int == 1)
        let issues = try #require(document["issues"] as? [[String: Any]])
        #expect(issues.first?["confirmation"] as? String == Self.reason)

        // The workbook: the issue row's level and message, under the frozen header.
        let workbook = try openWorkbook(
            atPath: layout.receipt(region: "370829", department: "commerce", fileName: "2026-10.xlsx"))
        var cells: [String: String] = [:]
        _ = try workbook.readRows(ofSheet: 0) { row in
            for cell in row.cells where cell.kind == .text {
                cells[CellReference(row: row.number, column: cell.column).a1] = row.text(of: cell)
            }
        }
        let first = ReceiptWorkbook.issueHeaderRow + 1
        #expect(cells["B\(first)"] == "提示（已说明）")
        #expect(cells["E\(first)"] == "month-jump" && cells["D\(first)"] == "D8")
        #expect(cells["F\(first)"]?.hasSuffix("\n数据属实说明：\(Self.reason)") == true, "\(cells)")
        #expect(cells.values.contains("数据 \(template.rows.count) 条；错误 0 个；提示 0 个；已说明属实 1 个"))

        // A correction supersedes October: the form's receipt, issued again from the ledger, still says so.
        try fixture.put("370829/commerce/2026-10-更正.csv", rows: ["370829,nev_stock,2026-10,36500,,"], minute: 120)
        try fixture.run(intake: Self.reader)
        let reissued = try ReceiptJSON.decode(Data(contentsOf: URL(fileURLWithPath: jsonPath)))
        #expect(reissued.outcome == .superseded)
        #expect(reissued.issues.map(\.confirmation) == [Self.reason])
    }
}
