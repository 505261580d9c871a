import Catalog
import Sheets
import Testing
import Vocabulary

@testable import Intake

@Suite struct RecordsLayoutTests {
    @Test func cleanRecordsCSVIsAcceptedWithSourceCells() throws {
        let path = try IntakeFixture.csv([
            IntakeFixture.recordsHeader,
            "370829,nev_stock,2025-03,\"12,345\",辆,",
            "370829,scrapped_vehicles,2025年3月,１２０,,按月报送",
        ])
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        #expect(result.isAccepted, "\(result.issues)")
        #expect(result.layout == "records")
        #expect(result.observations.count == 2)
        let first = try #require(result.observations.first)
        #expect(first.region == "370829" && first.indicator == "nev_stock" && first.period == Period("2025-03"))
        #expect(first.value == 12_345)
        #expect(first.source.cell == "D2" && first.source.row == 2 && first.source.sheet == nil)
        let second = result.observations[1]
        #expect(second.value == 120 && second.note == "按月报送" && second.source.cell == "D3")
    }

    @Test func cleanRecordsXLSXIsAcceptedWithSheetAndCell() throws {
        let path = try IntakeFixture.xlsx([
            [.t("2025年3月 嘉祥县商务局 报送")],
            [.t("地区代码"), .t("指标代码"), .t("期间"), .t("数值"), .t("单位")],
            [.n(370829), .t("nev_stock"), .t("2025-03"), .n(3.5), .t("万辆")],
            [
                .t("370829"), .t("used_car_trades"), .dateTime(ExcelDate.serial(.init(year: 2025, month: 3, day: 1))),
                .n(800), .empty,
            ],
        ])
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        #expect(result.isAccepted, "\(result.issues)")
        #expect(result.observations.map(\.value) == [35_000, 800])
        #expect(result.observations.map(\.writtenUnit) == ["万辆", nil])
        #expect(result.observations[0].source == IssueLocation(sheet: "明细", cell: CellReference("D3")))
        #expect(result.observations[1].period == Period("2025-03"))
    }

    @Test func cleanRecordsXML2003IsAccepted() throws {
        let path = try IntakeFixture.xml2003([
            [.t("region"), .t("indicator"), .t("period"), .t("value")],
            [.t("370829"), .t("nev_stock"), .t("2025-02"), .n(12_000)],
        ])
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        #expect(result.isAccepted, "\(result.issues)")
        #expect(result.observations.first?.source == IssueLocation(sheet: "明细", cell: CellReference("D2")))
    }

    @Test func aFileWhoseEveryRowFailsStillNamesItsMonths() throws {
        let path = try IntakeFixture.csv([
            IntakeFixture.recordsHeader,
            "370829,nev_stock,2025-03,x,,",
            "370829,nev_stock,2025-02,-5,,",
            "370829,nev_stock,2025-13,1,,",
        ])
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        #expect(!result.isAccepted && result.observations.isEmpty)
        // The unreadable month names nothing; the two readable ones are the file's.
        #expect(result.periods == [Period("2025-02")!, Period("2025-03")!])
    }

    @Test func aRejectedFileKeepsTheObservationsItCouldRead() throws {
        let path = try IntakeFixture.csv([
            IntakeFixture.recordsHeader,
            "370829,nev_stock,2025-03,100,,",
            "370829,scrapped_vehicles,2025-03,x,,",
        ])
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        #expect(!result.isAccepted)
        #expect(result.observations.map(\.indicator) == ["nev_stock"])
        #expect(result.periods == [Period("2025-03")!])
    }

    /// A period cell of exactly `YYYY-MM` is read off its bytes; it must
    /// name the month `Period`'s full parser names, and other texts go to it.
    @Test func aPlainMonthReadsAsThePeriodParserReadsIt() throws {
        let texts = [
            "2025-03", "2025-13", "2025-00", "1899-12", "1900-01", "9999-12", "2025-3", "2025/03", " 2025-03",
            "2025-0a", "2025-03-01", "202503", "2025年3月", "20x5-03", "2025+03",
        ]
        for text in texts {
            let path = try IntakeFixture.csv([IntakeFixture.recordsHeader, "370829,nev_stock,\(text),1,,"])
            let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
            #expect(result.periods == (Period(text).map { [$0] } ?? []), "\(text)")
        }
    }
}
