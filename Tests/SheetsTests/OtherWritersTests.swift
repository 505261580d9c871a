import Foundation
import TestSupport
import Testing

@testable import Sheets

/// The independent set: workbooks and CSVs written by openpyxl, xlsxwriter
/// and pandas (`Scripts/make_other_writers.py`), read by our readers and
/// compared in the canonical form with python-calamine (xlsx) and Python's
/// csv module (csv). Skipped with a note when the venv cannot be made.
@Suite(.serialized) struct OtherWritersTests {
    static let script = TestFiles.packageRoot.appendingPathComponent("Tests/SheetsTests/Scripts/make_other_writers.py")
        .path

    /// Whether the venv has the writers too, installing them if needed (once per run).
    static let isAvailable: Bool = {
        guard PythonReadBack.isAvailable else { return false }
        let python = PythonReadBack.python
        if PythonReadBack.run(python, ["-c", "import xlsxwriter, pandas"]) == 0 { return true }
        let installed = PythonReadBack.run(python, ["-m", "pip", "install", "-q", "xlsxwriter", "pandas"]) == 0
        if !installed { print("note: skipping OtherWritersTests: cannot install xlsxwriter and pandas in .venv") }
        return installed
    }()

    /// The files, made once into a temporary folder.
    static let files: (folder: URL, names: [String])? = {
        guard isAvailable, let folder = try? TestFiles.temporaryFolder() else { return nil }
        let output = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PythonReadBack.python)
        process.arguments = [script, folder.path]
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        let names = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return (folder, names.split(separator: "\n").map(String.init))
    }()

    @Test func everyFileReadsAsTheOtherReadersReadIt() throws {
        guard let files = Self.files else {
            Prerequisite.missing("the test venv with openpyxl, xlsxwriter, pandas and python-calamine")
            return
        }
        #expect(
            files.names.sorted() == [
                "gb18030.csv", "openpyxl.xlsx", "pandas.xlsx", "utf16.csv", "utf8-bom.csv",
                "utf8.csv", "xlsxwriter.xlsx",
            ])
        for name in files.names {
            let path = files.folder.appendingPathComponent(name).path
            let workbook = try openWorkbook(atPath: path)
            let expected = try PythonReadBack.canonicalSheets(path)
            #expect(try workbook.sheets.count == expected.count, "\(name)")
            for (sheet, other) in zip(try workbook.sheets, expected) {
                if let otherName = other.name { #expect(sheet.name == otherName, "\(name)") }
                #expect(
                    try TestFiles.canonicalCSV(workbook, sheet: sheet.index) == other.csv, "\(name) sheet \(sheet.name)"
                )
            }
        }
    }

    @Test func typesAndPlacesSurvive() throws {
        guard let files = Self.files else { return }  // the note is the test above's
        let xlsxwriter = try XLSXWorkbook(path: files.folder.appendingPathComponent("xlsxwriter.xlsx").path)
        #expect(xlsxwriter.sheets.map(\.visibility) == [.visible, .visible, .hidden])
        let grid = try ReaderFixtures.grid(xlsxwriter)
        #expect(
            grid[1] == [
                .text("嘉祥县"), .text("001"), .number(1234), .number(5678.25), .dateTime(45_838),
                .dateTime(0.3958333333333333), .dateTime(45_838.73964120371), .boolean(true),
            ])
        #expect(try xlsxwriter.readRows(ofSheet: 0) { _ in }.mergedRanges == [CellRange("A6:C7")!])
        #expect(try TestFiles.canonicalCSV(xlsxwriter, sheet: 1).hasPrefix("\n\n\n\n,,起点\n"))

        // pandas' "utf-16" is little-endian with a BOM on Linux; "gb18030" is detected, not named.
        for (name, encoding) in [
            ("utf16.csv", TextEncoding.utf16LE), ("gb18030.csv", .gb18030), ("utf8-bom.csv", .utf8),
        ] {
            let csv = try CSVWorkbook(path: files.folder.appendingPathComponent(name).path)
            #expect(try csv.readRecords { _ in }.encoding == encoding, "\(name)")
            #expect(try ReaderFixtures.textGrid(csv)[1].prefix(2) == ["嘉祥县", "001"], "\(name)")
        }
    }
}
