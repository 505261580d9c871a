import Testing

@testable import Sheets

@Suite struct UTF8ValidatorTests {
    func outcome(_ bytes: [UInt8]) -> (invalid: Int?, completeEnd: Int) {
        let result = bytes.withUnsafeBytes { UTF8Validator.validate($0) }
        return (result.invalidOffset, result.completeEnd)
    }

    @Test func chineseAndASCIIMixedAreValid() {
        let text = Array("370523,广饶县,交通运输局,electric_buses,2025-07,2701,辆,含以旧换新补贴车辆 é ß 𝄞\r\n".utf8)
        #expect(outcome(text) == (nil, text.count))
        // Every offset of a multi-byte character at the end of the span.
        for end in 0...text.count {
            let result = outcome(Array(text[..<end]))
            #expect(result.invalid == nil)
            #expect(String(decoding: text[..<result.completeEnd], as: UTF8.self).utf8.count == result.completeEnd)
            #expect(end - result.completeEnd < 4)
        }
    }

    @Test(
        arguments: [
            ([0xED, 0xA0, 0x80, 0x41], 0),  // a surrogate
            ([0xE0, 0x80, 0x80, 0x41], 0),  // an overlong three-byte form
            ([0xE4, 0xB8, 0x41, 0x41], 0),  // a three-byte sequence cut by ASCII
            ([0xE4, 0x41, 0xB8, 0x41], 0),
            ([0x41, 0xC0, 0x80, 0x41], 1),  // an overlong two-byte form
            ([0xF4, 0x90, 0x80, 0x80], 0),  // past U+10FFFF
            ([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0xFF], 8),  // after a whole ASCII word
        ] as [([UInt8], Int)])
    func malformedSequencesAreFoundWhereTheyStart(bytes: [UInt8], offset: Int) {
        #expect(outcome(bytes).invalid == offset)
        #expect(outcome(Array("中文".utf8) + bytes).invalid == 6 + offset)
    }
}
