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

    @Test(arguments: ["2025-13", "2025-00", "25-03", "2025", "2025-03-32", "2025/3/1/2", "March 2025", ""])
    func refusesWhatIsNotAMonth(text: String) {
        #expect(Period(text) == nil)
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
