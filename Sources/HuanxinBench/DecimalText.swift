/// Decimal numbers from the bytes of a text cell, without a String: CSV
/// cells are text, and the sum reads one per row.
enum DecimalText {
    /// Powers of ten that a Double holds exactly.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }

    /// The value of `-?digits(.digits)?`, correctly rounded; other forms
    /// (exponents, more than 15 significant digits) go through the
    /// standard library's parser. Nil when the text is not a number.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte &- UInt8(ascii: "0") < 10 {
                mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return Double(String(decoding: bytes, as: UTF8.self))
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        // Both operands exact, so the one division rounds correctly (Clinger's fast path).
        guard digits <= 15, fractionDigits < powersOfTen.count else {
            return Double(String(decoding: bytes, as: UTF8.self))
        }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }
}
