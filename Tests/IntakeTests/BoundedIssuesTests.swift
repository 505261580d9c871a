import Catalog
import Foundation
import Sheets
import Testing
import Vocabulary

@testable import Intake

/// A file's issues are bounded: a mistake repeated a million times is a
/// hundred issues and a count, and a sheet reaching far right or far down is
/// one structural issue, not one per empty cell.
@Suite struct BoundedIssuesTests {
    static let corpus = IntakeFixture.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static let hasCorpus = FileManager.default.fileExists(atPath: corpus.path)

    /// `xlsx-excel/data03.xlsx`: 123 at XFD1, 456 at XFD1048576 and nothing
    /// else. It gave 1,064,962 issues; now the gap of rows and the gap of
    /// header cells are one issue each.
    @Test(.enabled(if: hasCorpus, "../shared/corpus is absent"))
    func cellsAtXFD1AndXFD1048576AreAHandfulOfIssues() throws {
        let result = IntakeFixture.reader.read(
            path: Self.corpus.appendingPathComponent("xlsx-excel/data03.xlsx").path,
            submitter: nil)
        #expect(
            result.issues.map(\.code) == [
                "extra-label", "blank-labels", "missing-label", "missing-label",
                "missing-label", "missing-label", "blank-rows",
            ])
        let labels = try #require(result.issues("blank-labels").first)
        #expect(labels.location.cell == "A1" && labels.location.sheet == "Sheet1")
        #expect(labels.messageEn == "A1:XFC1: 16383 header cells are blank; their columns are ignored.")
        let rows = try #require(result.issues("blank-rows").first)
        #expect(rows.location.row == 2)
        #expect(rows.messageEn == "Rows 2 to 1048575 (1048574 rows) are blank and were skipped.")
        #expect(result.issues("extra-label").first?.location.cell == "XFD1")
        #expect(!result.isAccepted)
    }

    /// `xlsx-excel/comment03.xlsx`: text at A1, an empty row 1048576 (its dimension A1:XFD1048576).
    @Test(.enabled(if: hasCorpus, "../shared/corpus is absent"))
    func anEmptyLastRowFarDownIsNoIssuePerRow() throws {
        let result = IntakeFixture.reader.read(
            path: Self.corpus.appendingPathComponent("xlsx-excel/comment03.xlsx").path,
            submitter: nil)
        #expect(result.issues.count < 20, "\(result.issues.map(\.code))")
        #expect(result.issues("blank-row").isEmpty)
    }

    /// 250 rows of a future month: the first 100 are listed with their cells,
    /// the other 150 counted in one `more-issues` that keeps the error's weight.
    @Test func oneMistakeRepeatedIsAHundredIssuesAndACount() throws {
        let rows = (1...250).map { "370829,nev_stock,2025-\(String(format: "%02d", 5 + $0 % 6)),\($0),辆," }
        let path = try IntakeFixture.csv(
            [IntakeFixture.recordsHeader]
                + rows.enumerated().map { index, row in
                    row.replacingOccurrences(of: "nev_stock", with: index % 2 == 0 ? "nev_stock" : "used_car_trades")
                })
        let result = IntakeFixture.reader.read(path: path, submitter: nil)
        let future = result.issues("period-future")
        #expect(future.count == IssueList.perCode)
        #expect(future.first?.location.cell == "C2" && future.last?.location.cell == "C101")
        let more = try #require(result.issues("more-issues").first)
        #expect(more.severity == .error)
        #expect(more.messageZh == "另有 150 处同类问题（period-future）未逐一列出（已列出前 100 处）。请按已列出的问题检查并改正全表。")
        #expect(!result.isAccepted)
    }

    @Test func theFileWideBoundHoldsAcrossCodes() {
        var list = IssueList()
        for code in 0..<40 {
            for row in 1...50 {
                list.append(
                    Issue(code: "code-\(code)", severity: .warning, location: IssueLocation(row: row), zh: "", en: ""))
            }
        }
        #expect(list.kept.count == IssueList.perFile)
        #expect(list.foundCount == 2_000)
        let more = list.issues.filter { $0.code == "more-issues" }
        // Codes 0-19 are kept whole; 20-39 are only counted.
        #expect(more.count == 20)
        #expect(more.first?.messageEn == "50 more issues of code code-20 are not listed (the first 0 are).")
        #expect(!list.hasError)
    }

    /// A row's issues past the bound are counted, their messages never
    /// filled; those kept come in column order, read in any order.
    @Test func aRowsIssuesHaveMessagesOnlyWhenKept() {
        final class Calls { var count = 0 }
        let calls = Calls()
        var list = IssueList()
        for row in 2...151 {
            var issues = RowIssues()
            for column in [4, 1] {
                issues.append(IssueCatalog.periodInvalid, at: IssueLocation(a1: nil, row: row, column: column)) {
                    calls.count += 1
                    return ["value": "第\(row)行第\(column)列"]
                }
            }
            list += issues.byColumn()
        }
        #expect(list.foundCount == 300)
        #expect(calls.count == IssueList.perCode)
        #expect(list.kept.count == IssueList.perCode)
        #expect(list.kept.prefix(2).map(\.location.column) == [1, 4])
        #expect(list.kept.first?.messageZh.contains("第2行第1列") == true)
        #expect(list.issues.last?.code == "more-issues")
    }
}

/// Numbers that cannot be kept as written are issues naming their cells,
/// not figures rounded to something else.
@Suite struct NumberBoundsTests {
    @Test func digitsAndMagnitudesPastTheBoundsNameTheirCells() throws {
        let path = try IntakeFixture.csv([
            IntakeFixture.recordsHeader,
            "370829,nev_stock,2025-03,12345678901234567890123456789012,辆,",
            "370829,used_car_trades,2025-03,1e-400,辆,",
            "370829,scrapped_vehicles,2025-03,2000000000000000,辆,",
            "370829,new_buses,2025-03,123456789012345,辆,",
            "370829,new_nev_buses,2025-03,0.000,辆,",
        ])
        let result = IntakeFixture.reader.read(path: path, submitter: nil)
        let bounds = result.issues("number-bounds")
        #expect(bounds.map { $0.location.cell } == ["D2", "D3", "D4"])
        #expect(
            bounds.first?.messageEn
                == "D2: value “12345678901234567890123456789012” has 32 significant digits, more than 15; it cannot be recorded as written."
        )
        #expect(bounds[1].messageZh.contains("绝对值小于 10^-300"))
        #expect(bounds[2].messageZh.contains("绝对值大于 10^15"))
        // 15 digits and a written zero are figures.
        #expect(result.observations.map(\.indicator) == ["new_buses", "new_nev_buses"])
        #expect(result.observations.first?.value == 123_456_789_012_345)
    }

    /// A number cell's shortest form (a formula's 0.30000000000000004) is not typed digits.
    @Test func aNumberCellIsCheckedForItsMagnitudeOnly() throws {
        let path = try IntakeFixture.xlsx([
            ["地区代码", "指标代码", "期间", "数值"].map(CellValue.text),
            [.text("370829"), .text("nev_stock"), .text("2025-03"), .number(0.1 + 0.2)],
            [.text("370829"), .text("used_car_trades"), .text("2025-03"), .number(1e32)],
        ])
        let result = IntakeFixture.reader.read(path: path, submitter: nil)
        #expect(result.issues("number-bounds").map { $0.location.cell } == ["D3"])
        #expect(result.observations.map(\.value) == [0.1 + 0.2])
    }

    @Test func significantDigitsAreCountedFromTheFirstNonZeroDigitToTheLast() {
        #expect(NumberBounds.significantDigits("0.00120") == 2)
        #expect(NumberBounds.significantDigits("1,234,567,890,123,456") == 16)
        #expect(NumberBounds.significantDigits("１２３") == 3)
        #expect(NumberBounds.significantDigits("1.5e300") == 2)
        #expect(NumberBounds.significantDigits("0") == 0)
    }
}

/// A file of more data rows than any submission has is refused where the
/// bound is passed and read no further.
@Suite struct DataRowBoundTests {
    /// The bound lowered to 1,000 rows so that the test reads a small file;
    /// the bound itself is `LayoutReading.maxDataRows`.
    @Test func aFilePastTheBoundIsRefusedAtTheRowThatPassesIt() throws {
        var reader = IntakeFixture.reader
        reader.maxDataRows = 1_000
        var lines = [IntakeFixture.recordsHeader]
        for row in 0..<(reader.maxDataRows + 5) {
            lines.append("370829,nev_stock,\(2000 + row / 12 % 25)-\(String(format: "%02d", row % 12 + 1)),\(row),辆,")
        }
        let path = try IntakeFixture.csv(lines)
        let result = reader.read(path: path, submitter: nil)
        let unsafe = try #require(result.issues("file-unsafe").first)
        #expect(
            unsafe.messageEn.hasPrefix("The file breaks a safety limit [too-many-rows]: more than 1000 data rows"))
        #expect(unsafe.location.row == reader.maxDataRows + 2)
        #expect(result.observations.count <= reader.maxDataRows)
        #expect(!result.isAccepted)
    }
}
