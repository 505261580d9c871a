import Foundation
import Testing

@testable import Intake

/// A cell's text is trimmed of what `CharacterSet.whitespacesAndNewlines`
/// holds, whose ASCII members `CellReading.isSpace` answers without it.
@Suite struct CellReadingTests {
    @Test func theSpaceIsFoundationsWhitespaceAndNewlines() {
        let foundation = CharacterSet.whitespacesAndNewlines
        for value in UInt32(0)..<0x80 {
            let scalar = Unicode.Scalar(value)!
            #expect(CellReading.isSpace(scalar) == foundation.contains(scalar), "U+\(String(value, radix: 16))")
        }
        for value: UInt32 in [0x85, 0xA0, 0x1680, 0x2000, 0x2028, 0x2029, 0x202F, 0x3000, 0xFEFF, 0x4E00] {
            let scalar = Unicode.Scalar(value)!
            #expect(CellReading.isSpace(scalar) == foundation.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test func aTextLosesTheSpaceAtItsEndsOnly() {
        #expect(CellReading.trimmed(" 370829\t") == "370829")
        #expect(CellReading.trimmed("\u{3000}辆\r\n") == "辆")
        #expect(CellReading.trimmed("万 辆") == "万 辆")
        #expect(CellReading.trimmed("\u{1F}1") == "\u{1F}1")
        #expect(CellReading.trimmed("") == "")
    }
}
