import Catalog
import Sheets
import Testing
import Vocabulary

@testable import Intake

/// The records reader's fast lane reads a row whose texts it has seen in
/// clean rows before; it must read it exactly as the full checks do. Each
/// case puts one row after clean rows that taught the lane its region,
/// indicator, month and unit (so the lane gets the row), and after clean
/// rows of other texts (so the full checks get it), at the same line, and
/// compares what the two readings say of it.
@Suite struct CleanRowLaneTests {
    /// Clean rows before line 4 that teach the lane `370829`, `scrapped_vehicles`, `2025-02` and `辆`.
    static let teaching = [
        "370829,scrapped_vehicles,2025-01,100,辆,",
        "370829001,scrapped_vehicles,2025-02,100,辆,",
    ]
    /// Clean rows of other texts, so that the row at line 4 is checked in full.
    static let other = [
        "370829001,used_car_trades,2025-01,100,,",
        "370829002,new_car_sales,2025-03,100,,",
    ]

    /// Value, unit and note cells of the row under test, after `370829,scrapped_vehicles,2025-02,`.
    static let cases = [
        "250,辆,", "250,,", "0,辆,", "12.5,辆,", "007,辆,", "-0,辆,", "-3,辆,", " 250,辆,", "250 ,辆,",
        "\"1,250\",辆,", "２５０,辆,", "25%,辆,", "1e3,辆,", ".5,辆,", "5.,辆,", "3.5,万辆,", "3.5,吨,",
        "250,台,", "1234567890123456,辆,", "2000000000000000,辆,", "0.000000000000001,辆,", "无,辆,", ",辆,",
        "250,辆,已核实", "250,辆,-", "250,辆, 已核实 ", "250,辆,\(String(repeating: "长", count: 501))",
        "250,辆,,extra", "250,-,", "250, 辆,",
    ]

    @Test(arguments: cases.indices)
    func aRowReadsTheSameInTheLaneAsInFull(index: Int) throws {
        let row = "370829,scrapped_vehicles,2025-02," + Self.cases[index]
        let lane = try reading(Self.teaching + [row])
        let full = try reading(Self.other + [row])
        #expect(lane.issues == full.issues, "\(row)")
        #expect(lane.observation == full.observation, "\(row)")
    }

    @Test func repeatedCleanRowsGiveTheirOwnCellsAndValues() throws {
        let path = try IntakeFixture.csv(
            [IntakeFixture.recordsHeader] + Self.teaching + [
                "370829,scrapped_vehicles,2025-02,7,辆,", "370829,scrapped_vehicles,2025-03,8.25,辆,",
            ])
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        #expect(result.isAccepted, "\(result.issues)")
        #expect(result.observations.map(\.value) == [100, 100, 7, 8.25])
        #expect(result.observations.map(\.writtenValue) == ["100", "100", "7", "8.25"])
        #expect(result.observations.map(\.source.cell) == ["D2", "D3", "D4", "D5"])
        #expect(result.periods.map(\.description) == ["2025-01", "2025-02", "2025-03"])
    }

    @Test func aRepeatedKeyIsADuplicateInTheLaneToo() throws {
        let path = try IntakeFixture.csv(
            [IntakeFixture.recordsHeader] + Self.teaching + ["370829,scrapped_vehicles,2025-01,7,辆,"])
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        let duplicate = try #require(result.issues("primary-key").first)
        #expect(duplicate.location.row == 4)
        #expect(duplicate.messageEn.hasPrefix("Row 4 repeats row 2:"), "\(duplicate.messageEn)")
        #expect(!result.isAccepted)
    }

    @Test func plainDecimalsAreCountedAndReadOnlyWhenPlain() {
        func decimal(_ text: String) -> (value: Double, digits: Int)? {
            Array(text.utf8).withUnsafeBufferPointer { CleanRowLane.plainDecimal($0) }
        }
        // As NumberBounds counts them: from the first non-zero digit to the last.
        for text in ["0", "00120", "-12.50", "0.0012", "1234567890123456", "100.001"] {
            #expect(decimal(text)?.digits == NumberBounds.significantDigits(text), "\(text)")
        }
        #expect(decimal("00120")?.digits == 2 && decimal("100.001")?.digits == 6)
        for text in ["", "-", ".5", "5.", "1.2.3", "1,234", "1e3", " 1", "+1", "--1", "１"] {
            #expect(decimal(text) == nil, "\(text)")
        }
    }

    /// The fast path's value is Double's own reading, bit for bit: on texts
    /// at its limits (2^53, 22 decimals), past them (left to `Double`), and
    /// on random decimals of every length the lane meets (a failure names its text).
    @Test func plainDecimalsReadAsDoubleReadsThem() {
        var texts = [
            "0", "-0", "0.1", "0.3", "-0.7", "9007199254740992", "9007199254740993", "90071992547409921",
            "1.0000000000000000000001", "0.0000000000000000000001", "0.00000000000000000000001",
            "123456789012345.6", "4.35", "2.675", "1",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let whole = String(UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63))
            let fraction = String(UInt64.random(in: 0...UInt64.max, using: &generator)).prefix(Int.random(in: 0...19))
            texts.append((Bool.random() ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction))
        }
        for text in texts {
            let read = Array(text.utf8).withUnsafeBufferPointer { CleanRowLane.plainDecimal($0) }
            #expect(read?.value.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    /// The issues and observation of line 4 of a records CSV of these rows.
    private func reading(_ rows: [String]) throws -> (issues: [Vocabulary.Issue], observation: Observation?) {
        let path = try IntakeFixture.csv([IntakeFixture.recordsHeader] + rows)
        let result = IntakeFixture.reader.read(path: path, submitter: IntakeFixture.commerce)
        let onLine = result.issues.filter { $0.location.row == 4 }
        #expect(result.issues.count == onLine.count, "the other rows are clean: \(result.issues)")
        return (onLine, result.observations.first { $0.source.row == 4 })
    }
}
