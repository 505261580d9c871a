import Foundation
import TestSupport
import Testing

@testable import Sheets

/// A workbook held in memory, standing in for the readers.
private struct MemoryWorkbook: Workbook {
    var path = "memory"
    var sheets: [SheetInfo]
    var rows: [[SheetRow]]
    var merges: [[CellRange]]

    func readRows(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        for row in rows[index] { try body(row) }
        return SheetSummary(mergedRanges: merges[index], rowCount: rows[index].count)
    }

    /// Two sheets: records with codes, dates and a merge; a hidden lookup sheet.
    static let sample: MemoryWorkbook = {
        var title = SheetRow(number: 1)
        title.append(column: 1, kind: .text, bytes: Array("2025年6月 以旧换新".utf8))
        var header = SheetRow(number: 2)
        for (column, name) in ["代码", "地区", "数值", "日期", "时间", "已审核", "错误"].enumerated() {
            header.append(column: column + 1, kind: .text, bytes: Array(name.utf8))
        }
        var record = SheetRow(number: 4)  // row 3 is empty
        record.append(column: 1, kind: .text, bytes: Array("001".utf8))
        record.append(column: 2, kind: .text, bytes: Array("=cmd".utf8))
        record.append(column: 3, kind: .number, number: -12.5)
        record.append(column: 4, kind: .dateTime, number: ExcelDate.serial(.init(year: 2025, month: 6, day: 30)))
        record.append(
            column: 5, kind: .dateTime,
            number: ExcelDate.serial(.init(year: 2025, month: 6, day: 30, hour: 9, minute: 30)))
        record.append(column: 6, kind: .boolean, number: 1)
        record.append(column: 7, kind: .error, bytes: Array("#N/A".utf8))
        var sparse = SheetRow(number: 5)
        sparse.append(column: 3, kind: .number, number: 7)
        var lookup = SheetRow(number: 1)
        lookup.append(column: 1, kind: .text, bytes: Array("嘉祥县".utf8))
        return MemoryWorkbook(
            sheets: [SheetInfo(name: "数据/2025", index: 0), SheetInfo(name: "选项", index: 1, visibility: .hidden)],
            rows: [[title, header, record, sparse], [lookup]],
            merges: [[CellRange("A1:G1")!], []])
    }()
}

@Suite struct WorkbookConverterTests {
    @Test(.enabled(if: Prerequisite.enabled(PythonReadBack.isAvailable)))
    func toXLSXKeepsSheetsKindsAndMerges() throws {
        let path = try temporaryDirectory().appendingPathComponent("converted.xlsx").path
        try WorkbookConverter.convert(MemoryWorkbook.sample, to: path)
        let json = try PythonReadBack.read(path)
        let sheet = json["openpyxl", "sheets", 0] as! [String: Any]
        #expect(sheet["name"] as? String == "数据_2025")
        #expect(sheet["merged"] as? [String] == ["A1:G1"])
        #expect(json["openpyxl", "sheets", 1, "state"] as? String == "hidden")
        func cell(_ ref: String, _ key: String = "value") -> Any? { sheet["cells", ref, key] }
        #expect(cell("A4") as? String == "001")
        #expect(cell("A4", "type") as? String == "str")
        #expect(cell("B4") as? String == "=cmd")
        #expect(cell("C4") as? Double == -12.5)
        #expect(cell("D4") as? String == "2025-06-30T00:00:00")
        #expect(cell("D4", "format") as? String == "yyyy-mm-dd")
        #expect(cell("E4") as? String == "2025-06-30T09:30:00")
        #expect(cell("E4", "format") as? String == "yyyy-mm-dd hh:mm:ss")
        #expect(cell("F4") as? Bool == true)
        #expect(cell("G4") as? String == "#N/A")
        #expect(cell("C5") as? Int == 7)
        let rows = json["calamine", "sheets", 0, "rows"] as! [[Any]]
        #expect(rows[3][0] as? String == "001")
        #expect(rows[3][3] as? String == "2025-06-30")
        #expect(json["calamine", "sheets", 1, "rows", 0, 0] as? String == "嘉祥县")
    }

    @Test func toCSVKeepsPositionsAndGuardsFormulas() throws {
        let path = try temporaryDirectory().appendingPathComponent("converted.csv").path
        try WorkbookConverter.convert(
            MemoryWorkbook.sample, to: path,
            csvOptions: .init(encoding: .utf8, lineEnding: .lf))
        #expect(
            try String(contentsOfFile: path, encoding: .utf8) == """
                2025年6月 以旧换新
                代码,地区,数值,日期,时间,已审核,错误

                001,'=cmd,-12.5,2025-06-30,2025-06-30 09:30:00,TRUE,#N/A
                ,,7

                """)
    }

    @Test func csvOfTheSecondSheetAndBadRequests() throws {
        let directory = try temporaryDirectory()
        let csv = directory.appendingPathComponent("lookup.csv").path
        try WorkbookConverter.convert(MemoryWorkbook.sample, to: csv, sheet: 1)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: csv))) == [0xEF, 0xBB, 0xBF] + Array("嘉祥县\r\n".utf8))
        #expect { try WorkbookConverter.convert(MemoryWorkbook.sample, to: csv, sheet: 2) } throws: {
            ($0 as? SheetError)?.code == .sheetNotFound
        }
        #expect {
            try WorkbookConverter.convert(MemoryWorkbook.sample, to: directory.appendingPathComponent("x.ods").path)
        } throws: {
            ($0 as? SheetError)?.code == .unsupportedOutput
        }
    }
}
