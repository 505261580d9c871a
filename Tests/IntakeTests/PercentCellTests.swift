import Catalog
import Foundation
import Sheets
import Testing
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
            try sheet.addRow([.t("370829"), .t(row.indicator), .t("2025-03"), .n(row.fraction)],
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
}
