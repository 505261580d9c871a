/// Which `ss:NumberFormat` formats show a number as a date or time, and
/// how `ss:Type="DateTime"` values are written.
enum XML2003NumberFormat {
    /// Excel's named formats that are dates or times.
    private static let namedDates: Set<String> = [
        "General Date", "Long Date", "Medium Date", "Short Date", "Long Time", "Medium Time", "Short Time",
    ]

    /// Whether `format` (a named format or a format code) shows a date or time:
    /// a named date format, or a code with y, d, h or s outside quoted text,
    /// escapes and `[...]` sections (colours, locales; elapsed `[h]` counts).
    static func isDate(_ format: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = String(decoding: format, as: UTF8.self)
        if namedDates.contains(text) { return true }
        if text.allSatisfy({ $0.isLetter || $0 == " " || $0 == "/" }) { return false }  // other named formats
        var inQuotes = false, inBrackets = false, escaped = false
        for character in text {
            if escaped { escaped = false; continue }
            switch character {
            case "\"": inQuotes.toggle()
            case "\\" where !inQuotes: escaped = true
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            case "y", "Y", "d", "D", "h", "H", "s", "S":
                if !inQuotes, !inBrackets || "hHsS".contains(character) { return true }
            default: break
            }
        }
        return false
    }

    /// The serial of `2024-01-15T08:30:00.000` (seconds and fraction optional),
    /// or nil when the text is not such a date.
    static func serial(ofDateTime text: some Collection<UInt8>) -> Double? {
        var numbers: [Int] = []
        var fraction = 0.0, scale = 1.0
        var current = 0, digits = 0, inFraction = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inFraction {
                    scale /= 10
                    fraction += Double(byte - UInt8(ascii: "0")) * scale
                } else {
                    current = current * 10 + Int(byte - UInt8(ascii: "0"))
                    digits += 1
                    if digits > 4 { return nil }
                }
            case UInt8(ascii: "-"), UInt8(ascii: "T"), UInt8(ascii: ":"), UInt8(ascii: "."):
                guard !inFraction, digits > 0 else { return nil }
                numbers.append(current)
                current = 0
                digits = 0
                inFraction = byte == UInt8(ascii: ".") && numbers.count == 6
                if byte == UInt8(ascii: "."), !inFraction { return nil }
            case UInt8(ascii: "Z"): break
            default: return nil
            }
        }
        if digits > 0 { numbers.append(current) }
        guard numbers.count >= 3, numbers.count <= 6 else { return nil }
        while numbers.count < 6 { numbers.append(0) }
        guard (1...12).contains(numbers[1]), (1...31).contains(numbers[2]), numbers[3] < 24, numbers[4] < 60, numbers[5] < 60 else {
            return nil
        }
        let components = ExcelDate.Components(year: numbers[0], month: numbers[1], day: numbers[2],
                                              hour: numbers[3], minute: numbers[4], second: numbers[5])
        return ExcelDate.serial(components) + fraction / 86_400
    }
}
