import Testing
import Vocabulary

@Suite struct PeriodTests {
    @Test(arguments: [
        "2025-03", "2025-3", "2025/03", "2025.03", "202503", "2025年3月", " 2025-03\u{3000}",
        // What Excel shows of a typed month it made a date.
        "2025/3/1", "2025-03-01", "2025年3月1日",
    ])
    func parsesTheFormsPeopleType(text: String) {
        #expect(Period(text) == Period(year: 2025, month: 3))
        #expect(Period(text)?.description == "2025-03")
    }

    @Test(arguments: [
        "2025-13", "2025-00", "25-03", "2025", "2025-03-32", "2025/3/1/2", "March 2025", "",
        // Seven bytes, as `YYYY-MM`, read off the bytes: refused as the parser refuses them.
        "1899-12", "2025+03", "2025-1a", "20x5-03", "-025-03", "２０２５-03",
    ])
    func refusesWhatIsNotAMonth(text: String) {
        #expect(Period(text) == nil)
    }

    @Test func theFirstAndLastMonthsAreRead() {
        #expect(Period("1900-01") == Period(year: 1900, month: 1))
        #expect(Period("9999-12") == Period(year: 9999, month: 12))
        #expect(Period("2025-10"[...]) == Period(year: 2025, month: 10))
    }

    @Test func monthArithmeticCrossesYears() {
        let november = Period(year: 2024, month: 11)!
        #expect(november.advanced(by: 3).description == "2025-02")
        #expect(november.advanced(by: -11).description == "2023-12")
        #expect(november.months(to: Period(year: 2025, month: 2)!) == 3)
        #expect(november.sameMonth(inYear: 2023).description == "2023-11")
        #expect(Period(year: 2023, month: 12)! < november)
    }
}
