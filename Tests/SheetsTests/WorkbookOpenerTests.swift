import Foundation
import Testing

@testable import Sheets

@Suite struct WorkbookOpenerTests {
    /// The reader is chosen by content: an XML 2003 export named `.xls`
    /// and a CSV named `.txt` still open with the right reader.
    @Test func choosesTheReaderByContent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opener-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let xml = folder.appendingPathComponent("export.xls")
        try Data(
            """
            \u{FEFF}<?xml version="1.0"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="表1"><Table><Row><Cell><Data ss:Type="Number">42</Data></Cell></Row></Table></Worksheet>
            </Workbook>
            """.utf8
        ).write(to: xml)
        let csv = folder.appendingPathComponent("figures.txt")
        try Data("地区代码,数值\n370829,12\n".utf8).write(to: csv)

        let workbook = try openWorkbook(atPath: xml.path)
        #expect(workbook is XML2003Workbook)
        #expect(try workbook.sheets.map(\.name) == ["表1"])
        let table = try openWorkbook(atPath: csv.path)
        #expect(table is CSVWorkbook)
        var second: [CellValue] = []
        _ = try table.readRows(ofSheet: 0) { row in
            if row.number == 2 { second = row.cells.map { row.value(of: $0) } }
        }
        #expect(second == [.text("370829"), .text("12")])
    }

    /// `.xls` and `.ods` open with their readers whatever their names say;
    /// an `.ods` of another OpenDocument type is refused as unsupported.
    @Test func legacyExcelAndOpenDocumentOpenByContent() throws {
        let fixtures = XLSODSConformanceTests.fixtures
        let xls = try ReaderFixtures.temporaryFile(
            "misnamed.xlsx", Data(contentsOf: fixtures.appendingPathComponent("lo_date.xls")))
        #expect(try openWorkbook(atPath: xls) is XLSWorkbook)
        let ods = try ReaderFixtures.temporaryFile(
            "report.xls", Data(contentsOf: fixtures.appendingPathComponent("lo_date.ods")))
        #expect(try openWorkbook(atPath: ods) is ODSWorkbook)
        var text = ZipBuilder()
        text.entries = [.init(name: "mimetype", data: Array("application/vnd.oasis.opendocument.text".utf8))]
        let odt = try ReaderFixtures.temporaryFile("letter.ods", [])
        try text.write(to: odt)
        #expect { try openWorkbook(atPath: odt) } throws: {
            ($0 as? SheetError)?.code == .unsupportedFormat
                && ($0 as? SheetError)?.detail.contains("opendocument.text") == true
        }
    }

    /// A zero-byte file is an error whatever its name, not an empty sheet.
    @Test(arguments: ["empty.csv", "empty.xlsx", "empty.xls", "empty.ods", "empty.xml"])
    func zeroByteFileIsEmpty(name: String) throws {
        let path = try ReaderFixtures.temporaryFile(name, [])
        #expect { try openWorkbook(atPath: path) } throws: { ($0 as? SheetError)?.code == .fileEmpty }
    }

    /// A name that promises a workbook on bytes that are none is refused
    /// naming what the bytes are, never read as CSV.
    @Test(arguments: [
        ("figures.xlsx", "地区代码,数值\n370829,12\n", "plain text"),
        ("figures.XLS", "地区代码\t数值\n", "plain text"),
        ("figures.ods", "%PDF-1.7\n", "a PDF document"),
        ("figures.xlsm", "\u{01}\u{02}\u{03}binary", "binary data"),
    ])
    func workbookNameOnOtherBytesIsRefused(name: String, content: String, described: String) throws {
        let path = try ReaderFixtures.temporaryFile(name, Array(content.utf8))
        #expect { try openWorkbook(atPath: path) } throws: { error in
            guard let error = error as? SheetError else { return false }
            return error.code == .formatMismatch && error.detail.contains(described) && error.file == path
        }
    }
}
