import Foundation
import Testing

@testable import Sheets

/// Where huanxin deliberately reads an `.xls` or `.ods` differently from
/// python-calamine, each with the reason. Every other difference fails.
enum XLSODSDifference: String, CaseIterable {
    /// calamine drops the error cells of `.xls` files (BOOLERR and formula
    /// errors); the canonical form prints them as Excel shows them.
    case xlsErrorsShown
    /// calamine hands an ODS `time` value over as its ISO 8601 text
    /// (`PT255H10M10.000000001S`); huanxin reads it as a duration (`255:10:10`).
    case odsDurationAsText
    /// calamine (and LibreOffice 7.4) drop `text:tab` and `text:line-break`
    /// in a cell, even the tab LibreOffice itself wrote for one
    /// (`lo_whitespace.ods`); huanxin reads them as a tab and a line feed,
    /// as ODF defines them, rather than join the words around them.
    case odsTabAndLineBreakKept

    static func explaining(file: String, expected: String, actual: String) -> XLSODSDifference? {
        if file.hasSuffix(".xls"), expected.isEmpty, DeliberateDifference.excelErrors.contains(actual) {
            return .xlsErrorsShown
        }
        if file.hasSuffix(".ods"), expected.hasPrefix("PT"), actual.contains(":") { return .odsDurationAsText }
        if file.hasSuffix(".ods"), actual != expected, actual.filter({ $0 != "\t" && $0 != "\n" }) == expected {
            return .odsTabAndLineBreakKept
        }
        return nil
    }
}

@Suite("XLS and ODS conformance with python-calamine")
struct XLSODSConformanceTests {
    static let fixtures = TestFiles.packageRoot.appendingPathComponent("Tests/SheetsTests/Fixtures/xls-ods")

    /// The file an expectation describes: a corpus `.ods` or one of our fixtures.
    static func source(_ file: String) -> String {
        if let corpus = TestFiles.corpus {
            let inCorpus = corpus.appendingPathComponent("xlsx-calamine").appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: inCorpus.path) { return inCorpus.path }
        }
        return fixtures.appendingPathComponent(file).path
    }

    @Test func everyFileHasAnExpectation() throws {
        let expected = Set(XLSXConformanceTests.expectations(in: ["xls-ods"]).map(\.file))
        var files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
        if let corpus = TestFiles.corpus {
            files += try FileManager.default.contentsOfDirectory(
                atPath: corpus.appendingPathComponent("xlsx-calamine").path)
        }
        let workbooks = files.filter { $0.hasSuffix(".xls") || $0.hasSuffix(".ods") }
        #expect(workbooks.count >= 34)
        #expect(workbooks.filter { !expected.contains($0) }.isEmpty, "run Fixtures/make_xls_ods_expected.py")
    }

    @Test func everySheetMatchesCalamineCellByCell() throws {
        var explained: [XLSODSDifference: Int] = [:]
        var current: (file: String, workbook: any Workbook)?
        let (compared, mismatches) = try XLSXConformanceTests.compare(
            XLSXConformanceTests.expectations(in: ["xls-ods"]),
            open: { expectation in
                guard expectation.sheet != nil else {
                    // calamine refuses it: so must huanxin, with a SheetError.
                    #expect(throws: SheetError.self, "\(expectation)") {
                        let workbook = try openWorkbook(atPath: Self.source(expectation.file))
                        for sheet in try workbook.sheets { _ = try workbook.readRows(ofSheet: sheet.index) { _ in } }
                    }
                    return nil
                }
                if current?.file != expectation.file {
                    current = (expectation.file, try openWorkbook(atPath: Self.source(expectation.file)))
                }
                return current!.workbook
            },
            explaining: { expectation, _, want, got in
                let difference = XLSODSDifference.explaining(file: expectation.file, expected: want, actual: got)
                if let difference { explained[difference, default: 0] += 1 }
                return difference != nil
            })
        #expect(compared >= 60)
        #expect(
            mismatches.isEmpty, "\(mismatches.count) cells differ:\n\(mismatches.prefix(30).joined(separator: "\n"))")
        for difference in XLSODSDifference.allCases {
            #expect(explained[difference, default: 0] > 0, "\(difference) no longer occurs")
        }
    }

    @Test func sheetNamesAndVisibilityOfHiddenSheets() throws {
        for file in ["lo_any_sheets.xls", "lo_any_sheets.ods"] {
            let workbook = try openWorkbook(atPath: Self.source(file))
            let names = try workbook.sheets.map(\.name)
            #expect(
                names == ["Visible", "Hidden", "VeryHidden", "Chart"] || names == ["Visible", "Hidden", "VeryHidden"],
                "\(file)")
            #expect(try workbook.sheets[0].visibility == .visible, "\(file)")
            #expect(try workbook.sheets[1].visibility != .visible, "\(file)")
        }
        let xlwt = try openWorkbook(atPath: Self.source("xlwt_values.xls"))
        #expect(try xlwt.sheets.map(\.name) == ["数据", "隐藏"])
        #expect(try xlwt.sheets.map(\.visibility) == [.visible, .hidden])
    }

    @Test func xlwtValuesKeepTheirTypesAndPlaces() throws {
        for file in ["xlwt_values.xls", "xlwt_values_1904.xls"] {
            let workbook = try openWorkbook(atPath: Self.source(file))
            var cells: [String: CellValue] = [:]
            var percent: [String] = []
            var durations: [String] = []
            let summary = try workbook.readRows(ofSheet: 0) { row in
                for cell in row.cells {
                    let a1 = CellReference(row: row.number, column: cell.column).a1
                    cells[a1] = row.value(of: cell)
                    if cell.isPercent { percent.append(a1) }
                    if cell.isDuration { durations.append(a1) }
                }
            }
            #expect(cells["A2"] == .text("370102"), "\(file)")
            #expect(cells["C2"] == .number(1234), "\(file)")
            #expect(cells["D2"] == .dateTime(ExcelDate.serial(.init(year: 2025, month: 3, day: 31))), "\(file)")
            #expect(
                cells["D4"] == .dateTime(ExcelDate.serial(.init(year: 2025, month: 5, day: 1))), "\(file): 年月日 format")
            #expect(
                cells["D6"].map {
                    if case .dateTime(let serial) = $0 {
                        abs(serial - 10.0 / 24 - 10.0 / 1440 - 10.0 / 86_400) < 1e-9
                    } else {
                        false
                    }
                } == true,
                "\(file): a time of day stays a time in the 1904 system")
            #expect(cells["A6"] == .boolean(true) && cells["B6"] == .boolean(false), "\(file)")
            #expect(percent == ["C5"] && durations == ["D5"], "\(file)")
            #expect(cells["F7"] == .text("gap row and column"), "\(file)")
            #expect(summary.mergedRanges == [CellRange("A9:C10")!], "\(file)")
        }
    }

    @Test func sharedStringsAcrossContinueRecords() throws {
        // 1,200 distinct strings: LibreOffice's SST runs over many CONTINUE records.
        let workbook = try openWorkbook(atPath: Self.source("lo_long_strings.xls"))
        let csv = try TestFiles.canonicalCSV(workbook)
        let source = try String(contentsOf: Self.fixtures.appendingPathComponent("long_strings.csv"), encoding: .utf8)
        let (got, want) = (CSVGrid.cells(of: csv), CSVGrid.cells(of: source))
        #expect(got.count == want.count && got.count > 3600)
        #expect(got == want)
    }

    @Test func encryptedAndDenialOfServiceFilesEndInTheirCodes() throws {
        guard let corpus = TestFiles.corpus else { return }
        let folder = corpus.appendingPathComponent("xlsx-calamine")
        #expect { try openWorkbook(atPath: folder.appendingPathComponent("pass_protected.ods").path) } throws: {
            ($0 as? SheetError)?.code == .fileEncrypted
        }
        let start = ContinuousClock.now
        let dos = try openWorkbook(atPath: folder.appendingPathComponent("issue_594_dos.ods").path)
        #expect { _ = try dos.readRows(ofSheet: 0) { _ in } } throws: { ($0 as? SheetError)?.code == .tooManyColumns }
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func repeatedRowsAndCoveredCells() throws {
        guard let corpus = TestFiles.corpus else { return }
        let folder = corpus.appendingPathComponent("xlsx-calamine")
        let merged = try openWorkbook(atPath: folder.appendingPathComponent("merged_cells.ods").path)
        let summary = try merged.readRows(ofSheet: 0) { _ in }
        #expect(summary.mergedRanges.contains(CellRange("A2:A3")!), "\(summary.mergedRanges)")
        // LibreOffice pads the sheet with a million empty repeated rows: no row is delivered for them.
        let repeated = try openWorkbook(atPath: folder.appendingPathComponent("number_rows_repeated.ods").path)
        var numbers: [Int] = []
        _ = try repeated.readRows(ofSheet: 0) { numbers.append($0.number) }
        #expect(numbers.count < 20 && numbers == numbers.sorted())
    }
}
