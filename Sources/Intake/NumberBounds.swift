/// The numbers a figure can be kept as written: at most 15 significant
/// digits (what a double holds exactly and what Excel keeps), and zero or a
/// magnitude from 1e-300 to 1e15 (no programme figure comes near 1e15 in any
/// unit). Past either bound a figure would be recorded as another number —
/// 32 digits rounded to 1e32, `1e-400` read as 0 — so it is an issue naming
/// its cell instead.
enum NumberBounds {
    static let maxSignificantDigits = 15
    static let largest = 1e15
    static let smallest = 1e-300

    enum Problem: Equatable {
        case tooManyDigits(Int)
        case tooLarge
        case tooSmall
    }

    /// What is wrong with `value`, read from the text `written` (empty for
    /// a number cell: magnitudes only), if anything.
    static func problem(_ value: Double, written: String) -> Problem? {
        problem(value, significantDigits: significantDigits(written))
    }

    /// `problem(_:written:)` for a text whose significant digits are counted already.
    static func problem(_ value: Double, significantDigits digits: Int) -> Problem? {
        if digits > maxSignificantDigits { return .tooManyDigits(digits) }
        if abs(value) > largest { return .tooLarge }
        if abs(value) < smallest, value != 0 || digits > 0 { return .tooSmall }
        return nil
    }

    /// The digits of the mantissa from its first non-zero digit to its last
    /// (`0.00120` 2, `1234567890123456789` 19), full-width digits included;
    /// 0 for a zero.
    static func significantDigits(_ text: String) -> Int {
        var digits: [UInt8] = []
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if (0xFF10...0xFF19).contains(value) { value -= 0xFEE0 }
            if value == 0x65 || value == 0x45 || value == 0xFF45 || value == 0xFF25 { break }  // e, E: the exponent
            if (0x30...0x39).contains(value) { digits.append(UInt8(value)) }
        }
        let zero = UInt8(ascii: "0")
        guard let first = digits.firstIndex(where: { $0 != zero }), let last = digits.lastIndex(where: { $0 != zero })
        else {
            return 0
        }
        return last - first + 1
    }
}
