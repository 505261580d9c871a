import Testing

@testable import Sheets

@Suite("Canonical CSV")
struct CanonicalCSVTests {
    func render(_ rows: [SheetRow]) throws -> String {
        var bytes: [UInt8] = []
        let writer = CanonicalCSVWriter { bytes.append(contentsOf: $0) }
        for row in rows { try writer.write(row) }
        try writer.finish()
        return String(decoding: bytes, as: UTF8.self)
    }

    func row(_ number: Int, _ cells: [(Int, CellValue)]) -> SheetRow {
        var row = SheetRow(number: number)
        for (column, value) in cells {
            switch value {
            case .text(let text): row.append(column: column, kind: .text, bytes: Array(text.utf8))
            case .error(let text): row.append(column: column, kind: .error, bytes: Array(text.utf8))
            case .number(let n): row.append(column: column, kind: .number, number: n)
            case .dateTime(let n): row.append(column: column, kind: .dateTime, number: n)
            case .boolean(let b): row.append(column: column, kind: .boolean, number: b ? 1 : 0)
            case .empty: row.append(column: column, kind: .empty, number: 0)
            }
        }
        return row
    }

    @Test func dataStartingAtC5GivesEmptyLinesAndLeadingFields() throws {
        #expect(try render([row(5, [(3, .text("a")), (4, .number(1))])]) == "\n\n\n\n,,a,1\n")
    }

    @Test func gapsBetweenCellsAndRows() throws {
        #expect(
            try render([row(1, [(1, .number(1)), (4, .number(2))]), row(3, [(2, .boolean(false))])])
                == "1,,,2\n\n,FALSE\n")
    }

    @Test func quotingFollowsRFC4180() throws {
        #expect(
            try render([
                row(1, [(1, .text("a,b")), (2, .text("say \"hi\"")), (3, .text("two\nlines")), (4, .text("cr\r"))])
            ])
                == "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\"\n")
    }

    @Test(arguments: [
        (1.0, "1"), (-0.0, "0"), (0.1, "0.1"), (1e-7, "1e-07"), (1.5e16, "1.5e+16"), (123456789012.0, "123456789012"),
        (0.30000000000000004, "0.30000000000000004"), (9007199254740992.0, "9007199254740992.0"), (-2.5, "-2.5"),
    ])
    func numbersInShortestRoundTripForm(_ number: Double, _ text: String) throws {
        #expect(try render([row(1, [(1, .number(number))])]) == text + "\n")
    }

    @Test(arguments: [
        (45352.0, "2024-03-01"), (45352.5, "2024-03-01T12:00:00"), (0.75, "18:00:00"), (60.0, "1900-02-29"),
        (61.0, "1900-03-01"), (1.0 / 86_400 * 0.6, "00:00:01"), (-1.0, "-1"),
    ])
    func datesAndTimes(_ serial: Double, _ text: String) throws {
        #expect(try render([row(1, [(1, .dateTime(serial))])]) == text + "\n")
    }

    @Test func errorsAsExcelShowsThemAndEmptyTextIsBlank() throws {
        #expect(try render([row(1, [(1, .error("#N/A")), (2, .text(""))]), row(2, [(1, .text(""))])]) == "#N/A\n")
    }
}
