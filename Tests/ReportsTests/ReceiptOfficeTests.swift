import Foundation
import Sheets
import Testing
import Vocabulary

@testable import Reports

/// Receipts printed by LibreOffice: a receipt with N issues takes the
/// pages its rows need, not more (the rows' heights are estimated from
/// their wrapped text, since no application sizes them on opening).
@Suite struct ReceiptOfficeTests {
    /// Issues as intake writes them: short cell errors and long explanations, in turn.
    static func issues(_ count: Int) -> [Vocabulary.Issue] {
        (0..<count).map { index in
            let row = 8 + index
            return index % 3 == 2
                ? Issue(
                    code: "outlier", severity: .warning,
                    location: IssueLocation(sheet: "明细", cell: CellReference("D\(row)")),
                    zh: "新能源汽车保有量比上月增长 312%，近12个月最大增幅 18%；如数据属实，请在“说明”列写明原因（数据属实说明）。",
                    en: "nev_stock rose 312% from last month (the largest rise of the last 12 months was 18%); "
                        + "if it is true, say why in the 说明 column")
                : Issue(
                    code: "type-error", severity: .error,
                    location: IssueLocation(sheet: "明细", cell: CellReference("D\(row)")),
                    zh: "数值应为数字：“约三万”", en: "the value must be a number: \"约三万\"")
        }
    }

    /// Pages of a PDF LibreOffice wrote: its page objects.
    static func pageCount(_ pdf: Data) -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        return text.components(separatedBy: "/Type/Page").count - 1 - text.components(separatedBy: "/Type/Pages").count
            + 1
    }

    /// At full size, one page wide: the summary and 17 issues on the first page (a long
    /// explanation takes 3 lines), 21 on each next one; so 1 issue takes 1 page, 20 take 2
    /// and 100 take 5 (17 + 4 × 21 = 101), and not a page more.
    @Test(
        .enabled(if: FormTemplateOfficeTests.soffice != nil, "soffice is not installed; run make test-office"),
        arguments: [(1, 1), (20, 2), (100, 5)])
    func receiptPrintsOnThePagesItsIssuesNeed(issues count: Int, pages: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "receipt-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var receipt = ReceiptTests.rejected
        receipt.issues = Self.issues(count)
        let xlsx = folder.appendingPathComponent("receipt.xlsx").path
        try ReceiptWorkbook.write(receipt, to: xlsx)
        let office = Process()
        office.executableURL = URL(fileURLWithPath: FormTemplateOfficeTests.soffice!)
        office.arguments = [
            "-env:UserInstallation=\(folder.appendingPathComponent("profile").absoluteString)", "--headless",
            "--convert-to", "pdf", "--outdir", folder.path, xlsx,
        ]
        office.standardOutput = FileHandle.nullDevice
        office.standardError = FileHandle.nullDevice
        try office.run()
        office.waitUntilExit()
        #expect(office.terminationStatus == 0)
        let pdf = try Data(contentsOf: folder.appendingPathComponent("receipt.pdf"))
        #expect(Self.pageCount(pdf) == pages, "\(count) issues")
    }
}
