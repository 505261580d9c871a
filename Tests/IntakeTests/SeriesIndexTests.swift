import Testing
import Vocabulary

@testable import Intake

/// The consistency checks find a file's other figures through
/// `SeriesIndex`: by key, and the months before a figure in its series.
@Suite struct SeriesIndexTests {
    private func observation(_ region: String, _ indicator: String, _ month: String, _ value: Double) -> Observation {
        Observation(
            region: region, indicator: indicator, period: Period(month)!, value: value,
            writtenValue: CellReading.format(value), source: IssueLocation())
    }

    @Test func aKeyFindsItsFigureAndARepeatedKeyTheLaterOne() throws {
        let table = ObservationTable([
            observation("370829", "nev_stock", "2025-03", 1),
            observation("370829", "new_buses", "2025-03", 2),
            observation("370829001", "nev_stock", "2025-03", 3),
            observation("370829", "nev_stock", "2025-03", 4),
        ])
        let index = SeriesIndex(table)
        #expect(index.figure(table.key(at: 0)) == 3)
        #expect(index.figure(table.key(at: 1)) == 1 && index.figure(table.key(at: 2)) == 2)
        var absent = table.key(at: 1)
        absent.period -= 1
        #expect(index.figure(absent) == nil)
    }

    @Test func theMonthsBeforeAFigureAreItsSeriesWithinTheWindowOldestFirst() throws {
        let table = ObservationTable([
            observation("370829", "nev_stock", "2025-03", 30),
            observation("370829", "nev_stock", "2024-12", 12),
            observation("370829", "scrapped_vehicles", "2025-02", 99),
            observation("370829001", "nev_stock", "2025-02", 98),
            observation("370829", "nev_stock", "2025-02", 20),
            observation("370829", "nev_stock", "2025-01", 10),
            observation("370829", "nev_stock", "2025-02", 21),
            observation("370829", "nev_stock", "2024-11", 11),
            observation("370829", "nev_stock", "2025-04", 40),
        ])
        let index = SeriesIndex(table)
        // 2025-02 twice: the later row (21) answers; 2024-11 lies outside three months.
        #expect(index.earlier(than: 0, months: 3).map(table.value(at:)) == [12, 10, 21])
        #expect(index.earlier(than: 0, months: 1).map(table.value(at:)) == [21])
        #expect(index.earlier(than: 7, months: 24).isEmpty)
        #expect(index.earlier(than: 8, months: 24).map(table.value(at:)) == [11, 12, 10, 21, 30])
        #expect(index.earlier(than: 2, months: 24).isEmpty && index.earlier(than: 3, months: 24).isEmpty)
    }
}
