import Catalog
import Foundation
import Sheets
import Testing
import Vocabulary

@testable import Intake

/// Typing `29%` into an Excel cell stores 0.29 and formats the cell as a
/// percentage. For a % indicator that is 29, not 0.29; for a count it is
/// an error, as the text `29%` would be.
@Suite struct PercentCellTests {
    static func workbook(rows: [(indicator: String, fraction: Double)]) throws -> String {
        let path = try IntakeFixture.directory().appendingPathComponent("percent.xlsx").path
        let writer = try WorkbookWriter(path: path)
        let percent = writer.addStyle(CellStyle(numberFormat: NumberFormat("0%")))
        let sheet = try writer.addSheet("明细")
        try sheet.addRow([.t("地区代码"), .t("指标代码"), .t("期间"), .t("数值")])
        for row in rows {
            try sheet.addRow(
                [.t("370829"), .t(row.indicator), .t("2025-03"), .n(row.fraction)],
                styles: [.default, .default, .default, percent])
        }
        try writer.close()
        return path
    }

    @Test func readersSayWhichNumbersAreShownAsPercentages() throws {
        let path = try Self.workbook(rows: [("crop_mechanisation_rate", 0.29)])
        var cell: SheetCell?
        _ = try openWorkbook(atPath: path).readRows(ofSheet: 0) { row in
            if row.number == 2 { cell = row.cell(atColumn: 4) }
        }
        #expect(cell?.kind == .number && cell?.number == 0.29 && cell?.isPercent == true)
    }

    @Test func aPercentageCellReadsAsItsPercentForAPercentIndicator() throws {
        let path = try Self.workbook(rows: [("crop_mechanisation_rate", 0.29)])
        let agriculture = Submitter(region: "370829", department: "agriculture")
        let result = IntakeFixture.reader.read(path: path, submitter: agriculture)
        let observation = try #require(result.observations.first)
        #expect(observation.value == 29)  // exactly: not 0.29 × 100 = 28.999999999999996
        #expect(observation.writtenValue == "29%")
    }

    @Test func aPercentageCellIsAnErrorForACount() throws {
        let path = try Self.workbook(rows: [("nev_stock", 0.35)])
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        #expect(!result.isAccepted)
        #expect(result.issues.first { $0.code == "type-error" }?.location.cell == "D2")
    }

    @Test func percentFiguresShiftTheDecimalPoint() {
        #expect(CellReading.percentFigure(0.29) == 29)
        #expect(CellReading.percentFigure(0.355) == 35.5)
        #expect(CellReading.percentFigure(1.5e-05) == 0.0015)
        #expect(CellReading.percentFigure(1) == 100)
    }

    /// XML Spreadsheet 2003 says the same with a named `Percent` format or
    /// a `0.0%` code on the cell's style.
    @Test(arguments: ["Percent", "0.0%"])
    func xml2003PercentStylesReadAsPercentages(format: String) throws {
        let xml = """
            <?xml version="1.0"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
             <Styles><Style ss:ID="p"><NumberFormat ss:Format="\(format)"/></Style></Styles>
             <Worksheet ss:Name="明细"><Table>
              <Row><Cell><Data ss:Type="String">地区代码</Data></Cell><Cell><Data ss:Type="String">指标代码</Data></Cell><Cell><Data ss:Type="String">期间</Data></Cell><Cell><Data ss:Type="String">数值</Data></Cell></Row>
              <Row><Cell><Data ss:Type="String">370829</Data></Cell><Cell><Data ss:Type="String">crop_mechanisation_rate</Data></Cell><Cell><Data ss:Type="String">2025-03</Data></Cell><Cell ss:StyleID="p"><Data ss:Type="Number">0.29</Data></Cell></Row>
             </Table></Worksheet>
            </Workbook>
            """
        let path = try IntakeFixture.file("percent.xml", bytes: Array(xml.utf8))
        let result = IntakeFixture.reader.read(
            path: path, submitter: Submitter(region: "370829", department: "agriculture"))
        #expect(result.isAccepted, "\(result.issues)")
        #expect(result.observations.map(\.value) == [29])
    }
}
