import Testing

@testable import Intake

@Suite struct NumberTextTests {
    @Test func readsWhatDepartmentsType() {
        #expect(NumberText.parse("1234")?.value == 1234)
        #expect(NumberText.parse("1,234.5")?.value == 1234.5)
        #expect(NumberText.parse("-12")?.value == -12)
        #expect(NumberText.parse(" 12 ")?.value == 12)
        #expect(NumberText.parse("１２３４")?.value == 1234)
        #expect(NumberText.parse("１，２３４．５")?.value == 1234.5)
        #expect(NumberText.parse("\u{3000}7\u{3000}")?.value == 7)
        #expect(NumberText.parse("1e3")?.value == 1000)
    }

    @Test func readsPercentages() {
        #expect(NumberText.parse("35%") == .init(value: 35, isPercent: true))
        #expect(NumberText.parse("３５％") == .init(value: 35, isPercent: true))
        #expect(NumberText.parse("35")?.isPercent == false)
    }

    @Test(arguments: [
        "", " ", "约100", "12万", "1 234", "1,23", ",123", "1.2.3", "%", "35%%", "1,234.5,6", "--1", "NaN", "inf",
    ])
    func refusesWhatIsNotANumber(text: String) {
        #expect(NumberText.parse(text) == nil)
    }
}
