import Testing
import Vocabulary

@testable import Intake

/// A file's observations are kept column by column and made again when
/// read: every field must come back as it went in, nil and empty included.
@Suite struct ObservationTableTests {
    static let observations = [
        Observation(
            region: "370829001", indicator: "nev_stock", period: Period("2025-03")!, value: 35_000,
            writtenValue: "3.5", writtenUnit: "万辆", source: IssueLocation(sheet: "明细", a1: "D3", row: 3, column: 4),
            note: "按月报送"),
        Observation(
            region: "370829", indicator: "scrapped_vehicles", period: Period("1900-01")!, value: 0, writtenValue: "",
            source: IssueLocation()),
        Observation(
            region: "370829", indicator: "nev_stock", period: Period("9999-12")!, value: -0.5, writtenValue: "-0.5",
            writtenUnit: "", source: IssueLocation(sheet: nil, a1: "", row: 1_048_576, column: nil), note: ""),
        Observation(
            region: "370829001", indicator: "nev_stock", period: Period("2025-04")!, value: 1e15,
            writtenValue: "1000000000000000", source: IssueLocation(sheet: "表1", a1: "XFD9", row: 9, column: 16_384)),
    ]

    @Test func everyFieldComesBackAsItWentIn() {
        let table = ObservationTable(Self.observations)
        #expect(table.count == Self.observations.count)
        #expect(Array(table) == Self.observations)
        #expect(table[2].source.cell == "" && table[2].writtenUnit == "" && table[2].note == "")
        #expect(table[1].source.cell == nil && table[1].writtenUnit == nil && table[1].note == nil)
    }

    @Test func tablesOfTheSameObservationsAreEqual() {
        var grown = ObservationTable()
        for observation in Self.observations { grown.append(observation) }
        #expect(grown == ObservationTable(Self.observations))
        #expect(grown != ObservationTable(Self.observations.dropLast()))
        #expect(ObservationTable().isEmpty && ObservationTable() == [])
    }
}
