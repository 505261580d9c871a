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
        try Data("""
            \u{FEFF}<?xml version="1.0"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
            <Worksheet ss:Name="表1"><Table><Row><Cell><Data ss:Type="Number">42</Data></Cell></Row></Table></Worksheet>
            </Workbook>
            """.utf8).write(to: xml)
        let csv = folder.appendingPathComponent("figures.txt")
        try Data("地区代码,数值\n370829,12\n".utf8).write(to: csv)

        let workbook = try openWorkbook(atPath: xml.path)
        #expect(workbook is XML2003Workbook)
        #expect(workbook.sheets.map(\.name) == ["表1"])
        let table = try openWorkbook(atPath: csv.path)
        #expect(table is CSVWorkbook)
        var second: [CellValue] = []
        _ = try table.readRows(ofSheet: 0) { row in
            if row.number == 2 { second = row.cells.map { row.value(of: $0) } }
        }
        #expect(second == [.text("370829"), .text("12")])
    }
}
