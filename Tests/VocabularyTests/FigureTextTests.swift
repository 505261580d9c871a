import Testing

@testable import Vocabulary

/// Figures in messages: the indicator's decimals, never a conversion's float noise.
@Suite struct FigureTextTests {
    @Test func conversionNoiseIsDropped() {
        // 0.0442 万辆 and 2.03 万辆 in 辆, as the unit conversion computes them.
        #expect(0.0442 * 10_000 == 442.00000000000006)
        #expect(FigureText.of(0.0442 * 10_000) == "442")
        #expect(FigureText.of(2.03 * 10_000) == "20300")
        #expect(FigureText.of(0.1 + 0.2) == "0.3")
        #expect(FigureText.of(0.0442 * 10_000, decimals: 0) == "442")
        #expect(FigureText.of(0.1 + 0.2, decimals: 2) == "0.3")
    }

    @Test func decimalsRoundAsTheRollupShows() {
        #expect(FigureText.of(1234.5678, decimals: 2) == "1234.57")
        #expect(FigureText.of(1234.5678, decimals: 0) == "1235")
        #expect(FigureText.of(0.12345, decimals: 4) == "0.1235")
        #expect(FigureText.of(12_000, decimals: 2) == "12000")
    }

    @Test func whatAPersonTypesIsKept() {
        #expect(FigureText.of(3.5) == "3.5")
        #expect(FigureText.of(36_310) == "36310")
        #expect(FigureText.of(0.125) == "0.125")
        #expect(FigureText.of(123_456_789.123) == "123456789.123")
        #expect(FigureText.of(-16.5) == "-16.5")
    }
}
