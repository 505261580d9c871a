import Foundation
import TestSupport
import Testing

@testable import Sheets

/// What the writer writes, our own reader reads back: values, kinds, sheet
/// names, visibility and merged ranges; and `WorkbookConverter` turns files
/// of every readable format into workbooks with the same canonical CSV.
@Suite struct RoundTripTests {
    // MARK: Writer → reader

    @Test func writtenWorkbookReadsBackExactly() throws {
        let path = try TestFiles.temporaryFolder().appendingPathComponent("往返.xlsx").path
        let writer = try WorkbookWriter(path: path)
        let first = try writer.addSheet("汇总表")
        try first.addRow([.text("地区"), .text("代码"), .text("金额"), .text("日期"), .text("时间"), .text("完成")])
        try first.addRow([
            .text("嘉祥县"), .text("001"), .number(1234.5), .dateTime(45_838), .dateTime(45_838.395833333336),
            .boolean(true),
        ])
        try first.beginRow(5)
        try first.moveToColumn(3)
        try first.writeError("#DIV/0!")
        try first.writeNumber(-0.1)
        try first.writeText("  spaced \"quoted\" & <tagged>\r\nline")
        try first.mergeCells(CellRange("A1:B1")!)
        try first.mergeCells(CellRange("C5:C7")!)
        let hidden = try writer.addSheet("隐藏", visibility: .hidden)
        try hidden.addRow([.text("x"), .number(1e-7), .number(1.5e16)])
        try writer.close()

        let workbook = try openWorkbook(atPath: path)
        #expect(workbook is XLSXWorkbook)
        #expect(try workbook.sheets.map(\.name) == ["汇总表", "隐藏"])
        #expect(try workbook.sheets.map(\.visibility) == [.visible, .hidden])
        let grid = try ReaderFixtures.grid(workbook)
        let summary = try workbook.readRows(ofSheet: 0) { _ in }
        #expect(
            grid == [
                [.text("地区"), .text("代码"), .text("金额"), .text("日期"), .text("时间"), .text("完成")],
                [
                    .text("嘉祥县"), .text("001"), .number(1234.5), .dateTime(45_838), .dateTime(45_838.395833333336),
                    .boolean(true),
                ],
                [], [],
                [.empty, .empty, .error("#DIV/0!"), .number(-0.1), .text("  spaced \"quoted\" & <tagged>\r\nline")],
            ])
        #expect(summary.mergedRanges == [CellRange("A1:B1")!, CellRange("C5:C7")!])
        #expect(try TestFiles.canonicalCSV(workbook, sheet: 1) == "x,1e-07,1.5e+16\n")
        #expect(
            try TestFiles.canonicalCSV(workbook).split(separator: "\n").prefix(2) == [
                "地区,代码,金额,日期,时间,完成", "嘉祥县,001,1234.5,2025-06-30,2025-06-30T09:30:00,TRUE",
            ])
    }

    // MARK: convert → reader

    /// A GB18030 CSV as a county office's old system writes it.
    @Test func gb18030CSVConvertsToWorkbookAndCSV() throws {
        let folder = try TestFiles.temporaryFolder()
        let source = folder.appendingPathComponent("报表.csv").path
        let csv = try CSVWriter(path: source, options: .init(encoding: .gb18030, guardsFormulas: false))
        try csv.writeRecord([.text("地区代码"), .text("地区"), .text("回收量（台）"), .text("备注")])
        try csv.writeRecord([.text("370829"), .text("嘉祥县"), .text("1,234"), .text("含\"旧机\"，另计")])
        try csv.writeRecord([.text("001"), .text("任城区"), .text(""), .text("多行\n备注")])
        try csv.close()
        let original = try openWorkbook(atPath: source)
        #expect((original as? CSVWorkbook).map { _ in true } == true)
        let expected = try TestFiles.canonicalCSV(original)
        #expect(expected.hasPrefix("地区代码,地区,回收量（台）,备注\n370829,嘉祥县,\"1,234\",\"含\"\"旧机\"\"，另计\"\n001,"))

        for name in ["报表.xlsx", "报表-utf8.csv"] {
            let output = folder.appendingPathComponent(name).path
            try WorkbookConverter.convert(original, to: output)
            let converted = try openWorkbook(atPath: output)
            #expect(try TestFiles.canonicalCSV(converted) == expected, "\(name)")
        }
    }

    /// Every readable XML Spreadsheet 2003 file of the corpus, every sheet.
    @Test func xml2003CorpusConvertsToTheSameCanonicalCSV() throws {
        guard let folder = TestFiles.corpus?.appendingPathComponent("xml2003") else { return }
        var converted = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            guard let source = try? XML2003Workbook(path: folder.appendingPathComponent(name).path),
                (try? TestFiles.canonicalCSV(source)) != nil
            else { continue }  // the broken and hostile ones
            try expectSameCanonicalCSV(source, name: name)
            converted += 1
        }
        #expect(converted >= 12)
    }

    @Test(arguments: [
        "xlsx-calamine/any_sheets.xlsx", "xlsx-calamine/date.xlsx", "xlsx-calamine/date_1904.xlsx",
        "xlsx-calamine/errors.xlsx", "xlsx-calamine/has_x000D_.xlsx", "xlsx-calamine/encoded_entities.xlsx",
        "xlsx-calamine/merged_range.xlsx", "xlsx-excel/hide01.xlsx", "xlsx-excel/merge_range02.xlsx",
        "xlsx-excel/types02.xlsx",
    ])
    func xlsxCorpusConvertsToTheSameCanonicalCSV(_ file: String) throws {
        guard let corpus = TestFiles.corpus else { return }
        let source = try XLSXWorkbook(path: corpus.appendingPathComponent(file).path)
        try expectSameCanonicalCSV(source, name: file, calamineShowsErrors: file != "xlsx-calamine/errors.xlsx")
    }

    /// Converts `source` to `.xlsx` and expects every sheet's canonical CSV,
    /// name, visibility and merged ranges back, from our reader and, with the
    /// venv, from python-calamine (whose `to_python` reads error cells as
    /// empty: `calamineShowsErrors` false compares only the sheet names).
    private func expectSameCanonicalCSV(_ source: some Workbook, name: String, calamineShowsErrors: Bool = true) throws
    {
        let output = try TestFiles.temporaryFolder().appendingPathComponent("converted.xlsx").path
        try WorkbookConverter.convert(source, to: output)
        let converted = try openWorkbook(atPath: output)
        #expect(try converted.sheets.map(\.name) == source.sheets.map(\.name), "\(name)")
        #expect(try converted.sheets.map(\.visibility) == source.sheets.map(\.visibility), "\(name)")
        for sheet in try source.sheets {
            #expect(
                try TestFiles.canonicalCSV(converted, sheet: sheet.index)
                    == TestFiles.canonicalCSV(source, sheet: sheet.index),
                "\(name) sheet \(sheet.name)")
            let merged = { (workbook: any Workbook) in try workbook.readRows(ofSheet: sheet.index) { _ in }.mergedRanges
            }
            #expect(try Set(merged(converted)) == Set(merged(source)), "\(name) sheet \(sheet.name)")
        }
        if PythonReadBack.isAvailable {
            let calamine = try PythonReadBack.canonicalSheets(output)
            #expect(try calamine.map(\.name) == source.sheets.map(\.name), "\(name)")
            for (sheet, read) in zip(try source.sheets, calamine) where calamineShowsErrors {
                #expect(
                    read.csv == (try TestFiles.canonicalCSV(source, sheet: sheet.index)),
                    "\(name) sheet \(sheet.name) by calamine")
            }
        } else {
            Prerequisite.missing("the test venv with python-calamine, for the read-back of \(name)")
        }
    }
}
