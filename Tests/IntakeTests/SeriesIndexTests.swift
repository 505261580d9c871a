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
        func earlier(than figure: Int, months: Int) -> [Double] {
            var found: [(period: Period, value: Double)] = [(Period("2000-01")!, -1)]
            index.earlier(than: figure, months: months, into: &found)
            return found.map(\.value)
        }
        // 2025-02 twice: the later row (21) answers; 2024-11 lies outside three months.
        #expect(earlier(than: 0, months: 3) == [12, 10, 21])
        #expect(earlier(than: 0, months: 1) == [21])
        #expect(earlier(than: 7, months: 24).isEmpty)
        #expect(earlier(than: 8, months: 24) == [11, 12, 10, 21, 30])
        #expect(earlier(than: 2, months: 24).isEmpty && earlier(than: 3, months: 24).isEmpty)
    }

    /// On a file of many series, months and repeated rows in no order, every
    /// figure's key and earlier months are what a search of the whole table says.
    @Test func aShuffledFileAnswersAsASearchOfItsFigures() throws {
        var generator = SystemRandomNumberGenerator()
        let regions = ["370829", "370829001", "370830", "370831002"]
        let indicators = ["nev_stock", "new_buses", "scrapped_vehicles"]
        let months = (0..<30).map { Period(year: 2023, month: 1)!.advanced(by: $0) }
        let table = ObservationTable(
            (0..<600).map { number in
                observation(
                    regions.randomElement(using: &generator)!, indicators.randomElement(using: &generator)!,
                    months.randomElement(using: &generator)!.description, Double(number))
            })
        let index = SeriesIndex(table)
        var found: [(period: Period, value: Double)] = []
        for figure in table.indices {
            let key = table.key(at: figure)
            let same = table.indices.filter { table.key(at: $0) == key }
            #expect(index.figure(key) == same.last)
            let months = Int.random(in: 1...24, using: &generator)
            let period = table.period(at: figure)
            // Per month before, within the window, of the same series: its last figure in the file.
            var expected: [Period: Double] = [:]
            for other in table.indices
            where table.region(at: other) == table.region(at: figure)
                && table.indicator(at: other) == table.indicator(at: figure)
                && table.period(at: other) < period && table.period(at: other).months(to: period) <= months
            {
                expected[table.period(at: other)] = table.value(at: other)
            }
            index.earlier(than: figure, months: months, into: &found)
            #expect(found.map(\.period) == expected.keys.sorted(), "figure \(figure)")
            #expect(found.map(\.value) == expected.keys.sorted().map { expected[$0]! }, "figure \(figure)")
        }
    }
}
