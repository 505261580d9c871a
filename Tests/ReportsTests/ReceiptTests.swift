import Foundation
import Intake
import Sheets
import Testing
import Vocabulary

@testable import Reports

@Suite struct ReceiptTests {
    static let receivedAt = Date(timeIntervalSince1970: 1_795_399_200)  // 2026-11-23 02:00:00 UTC, 10:00 in Beijing

    static let rejected = Receipt(
        fileName: "2026-10.xlsx", path: "370829/commerce/2026-10.xlsx",
        region: .init(code: "370829", name: "嘉祥县"), department: .init(code: "commerce", name: "商务局"),
        receivedAt: receivedAt, sha256: String(repeating: "ab", count: 32), size: 4096, outcome: .rejected,
        periods: ["2026-10"], observations: 0,
        issues: [
            Issue(
                code: "type-error", severity: .error, location: IssueLocation(sheet: "明细", cell: CellReference("D7")),
                zh: "数值应为数字：“abc”", en: "the value must be a number: \"abc\""),
            Issue(
                code: "blank-row", severity: .warning, location: IssueLocation(sheet: "明细", row: 9),
                zh: "空行", en: "blank row"),
        ])

    static func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("receipt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Texts by row and column of the first sheet, read with our reader.
    static func texts(_ path: String) throws -> [Int: [Int: String]] {
        var rows: [Int: [Int: String]] = [:]
        _ = try openWorkbook(atPath: path).readRows(ofSheet: 0) { row in
            for cell in row.cells {
                switch row.value(of: cell) {
                case .text(let text): rows[row.number, default: [:]][cell.column] = text
                case .number(let number): rows[row.number, default: [:]][cell.column] = String(Int(number))
                default: break
                }
            }
        }
        return rows
    }

    @Test func workbookShowsTheSummaryAndEveryIssueWithItsCell() throws {
        let path = try Self.directory() + "/r.回执.xlsx"
        try ReceiptWorkbook.write(Self.rejected, to: path)
        let workbook = try openWorkbook(atPath: path)
        // Nothing of a rejected file counts: no 导入明细.
        #expect(try workbook.sheets.map(\.name) == ["回执"])
        let rows = try Self.texts(path)
        #expect(rows[1]?[1] == "报送回执 Submission receipt")
        #expect(rows[2] == [1: "文件名称", 2: "2026-10.xlsx"])
        #expect(rows[3]?[2] == "嘉祥县（370829） 商务局（commerce）")
        #expect(rows[4]?[2] == "2026-11-23 10:00:00（北京时间）")
        #expect(rows[5]?[2] == String(repeating: "ab", count: 32))
        #expect(rows[6]?[2] == "退回")
        #expect(rows[7]?[2]?.hasPrefix("有 1 个错误，整份文件退回") == true)
        #expect(rows[8]?[2] == "数据 0 条；错误 1 个；提示 1 个")
        let header = ReceiptWorkbook.issueHeaderRow
        #expect(rows[header] == [1: "序号", 2: "级别", 3: "工作表", 4: "单元格/行", 5: "代码", 6: "说明", 7: "Message (English)"])
        #expect(
            rows[header + 1] == [
                1: "1", 2: "错误", 3: "明细", 4: "D7", 5: "type-error", 6: "数值应为数字：“abc”",
                7: "the value must be a number: \"abc\"",
            ])
        #expect(rows[header + 2]?[2] == "提示" && rows[header + 2]?[4] == "第9行")
        #expect(rows[header + 3] == nil)
    }

    @Test func workbookPrintsOneLandscapePageWideWithRowsAsHighAsTheirText() throws {
        var receipt = Self.rejected
        let long = String(repeating: "该单元格的数值与上月相比变化过大，请核对后重新报送。", count: 4)
        receipt.issues[1] = Issue(
            code: "outlier", severity: .warning, location: IssueLocation(sheet: "明细", cell: CellReference("E9")),
            zh: long, en: "the value changed sharply from last month")
        let path = try Self.directory() + "/p.回执.xlsx"
        try ReceiptWorkbook.write(receipt, to: path)
        let zip = try ZipArchive(path: path)
        let sheet = String(decoding: try zip.readEntry("xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(sheet.contains(#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>"#))
        #expect(sheet.contains(#"<sheetView showGridLines="0""#))
        #expect(sheet.contains("<oddHeader>&amp;C报送回执 2026-10.xlsx</oddHeader>"))
        let header = ReceiptWorkbook.issueHeaderRow
        let book = String(decoding: try zip.readEntry("xl/workbook.xml"), as: UTF8.self)
        #expect(
            book.contains(
                #"<definedName name="_xlnm.Print_Titles" localSheetId="0">'回执'!$\#(header):$\#(header)</definedName>"#))
        // 说明 is capped at 40 units: 104 wide characters (195 units as Excel draws them) take 5 lines
        // of 39; the short row keeps the default.
        #expect(sheet.contains(#"<col min="6" max="6" width="40" customWidth="1"/>"#))
        #expect(sheet.contains(#"<row r="\#(header + 2)" ht="72.5" customHeight="1">"#))
        #expect(sheet.contains(#"<row r="\#(header + 1)">"#))
        #expect(ColumnWidth.lineCount(long, width: 40) == 5)
    }

    /// 导入明细: every figure with its cell, as written and as counted, and what became of it.
    @Test func figureSheetListsEveryFigureWithItsCellAndStatus() throws {
        var receipt = Self.rejected
        receipt.outcome = .accepted
        receipt.issues = []
        receipt.periods = ["2026-09", "2026-10"]
        receipt.observations = 3
        receipt.figures = [
            .init(
                period: "2026-10", region: "370829", indicator: "nev_stock", value: 36_700, unit: "辆", sheet: "明细",
                cell: "D8", writtenValue: "3.67", writtenUnit: "万辆", previous: 36_310,
                previousPath: "370829/commerce/2026-Q4.xlsx", change: .changed),
            .init(
                period: "2026-10", region: "370829", indicator: "scrapped_vehicles", value: 120, unit: "辆",
                sheet: "明细", cell: "D9", writtenValue: "120", previous: 120,
                previousPath: "370829/commerce/2026-Q4.xlsx", change: .unchanged),
            .init(
                period: "2026-09", region: "370829", indicator: "nev_stock", value: 36_000, unit: "辆", sheet: "明细",
                cell: "E8", writtenValue: "36000", previous: nil, previousPath: nil, change: .new),
        ]
        receipt.replacedBy = [
            .init(period: "2026-09", path: "370829/commerce/2026-09b.xlsx", receivedAt: Self.receivedAt)
        ]
        let path = try Self.directory() + "/f.回执.xlsx"
        try ReceiptWorkbook.write(receipt, to: path)
        var rows: [Int: [Int: CellValue]] = [:]
        _ = try openWorkbook(atPath: path).readRows(ofSheet: 1) { row in
            for cell in row.cells { rows[row.number, default: [:]][cell.column] = row.value(of: cell) }
        }
        #expect(rows[1]?[1] == .text("序号") && rows[1]?[11] == .text("状态"))
        #expect(
            rows[2] == [
                1: .number(1), 2: .text("明细"), 3: .text("D8"), 4: .text("nev_stock"), 5: .text("370829"),
                6: .text("2026-10"), 7: .text("3.67"), 8: .text("万辆"), 9: .number(36_700), 10: .text("辆"),
                11: .text("计入（更正：原值 36310，来自 2026-Q4.xlsx）"),
            ])
        #expect(rows[3]?[11] == .text("计入（与原值相同）"))
        #expect(rows[4]?[11] == .text("已被 2026-09b.xlsx 替换，不再计入"))
        #expect(rows[5] == nil)
        let sheet = String(decoding: try ZipArchive(path: path).readEntry("xl/worksheets/sheet2.xml"), as: UTF8.self)
        #expect(sheet.contains(#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>"#))
        #expect(sheet.contains("<oddHeader>&amp;C导入明细 2026-10.xlsx</oddHeader>"))
    }

    @Test func sameReceiptGivesSameBytes() throws {
        let folder = try Self.directory()
        try ReceiptWorkbook.write(Self.rejected, to: folder + "/a.xlsx")
        try ReceiptWorkbook.write(Self.rejected, to: folder + "/b.xlsx")
        #expect(
            FileManager.default.contents(atPath: folder + "/a.xlsx")
                == FileManager.default.contents(atPath: folder + "/b.xlsx"))
        #expect(try ReceiptJSON.encode(Self.rejected) == ReceiptJSON.encode(Self.rejected))
        var later = Self.rejected
        later.receivedAt = Self.receivedAt.addingTimeInterval(1)
        try ReceiptWorkbook.write(later, to: folder + "/c.xlsx")
        #expect(
            FileManager.default.contents(atPath: folder + "/a.xlsx")
                != FileManager.default.contents(atPath: folder + "/c.xlsx"))
    }

    @Test func jsonCarriesTheSameContentForPrograms() throws {
        let data = try ReceiptJSON.encode(Self.rejected)
        #expect(try ReceiptJSON.decode(data) == Self.rejected)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["outcome"] as? String == "rejected" && object["outcomeChinese"] as? String == "退回")
        #expect(object["receivedAt"] as? String == "2026-11-23T02:00:00Z")
        #expect(object["errors"] as? Int == 1 && object["warnings"] as? Int == 1)
        let issues = try #require(object["issues"] as? [[String: Any]])
        #expect((issues.first?["location"] as? [String: Any])?["cell"] as? String == "D7")
    }
}
