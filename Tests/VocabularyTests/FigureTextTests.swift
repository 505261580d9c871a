import Foundation
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

    /// The short way (a value already within 12 digits) gives what
    /// `%.12g` gives, over integers, decimals, conversions' noise, tiny and
    /// huge values and their negatives.
    @Test func theShortWayAgreesWithTheFormat() {
        var values: [Double] = [
            0, 1, 12_000, 999_999_999_999, 1e12, 1_500_000_000_000, 1e15, 1e16, 1e-5, 1.5e-7, 1e300,
        ]
        var seed: UInt64 = 42
        for _ in 0..<20_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let mantissa = Double(seed >> 11) / Double(1 << 53)
            let scale = pow(10, Double(Int(seed % 19)) - 6)
            values += [mantissa * scale, (mantissa * scale * 100).rounded() / 100, mantissa * scale * 10_000 * 0.0442]
        }
        for value in values + values.map(-) {
            let byFormat = FigureText.shortest(Double(String(format: "%.12g", value)) ?? value)
            #expect(FigureText.twelveDigits(value) == byFormat, "\(value)")
        }
    }
}
