/// How an `ss:NumberFormat` shows numbers, and how `ss:Type="DateTime"`
/// values are written.
enum XML2003NumberFormat {
    /// Excel's named formats that are not plain numbers; other names
    /// (`General`, `Fixed`, `Standard`, `Currency`, ...) show plain numbers.
    private static let named: [String: NumberFormat.Shown] = [
        "General Date": .date, "Long Date": .date, "Medium Date": .date, "Short Date": .date,
        "Long Time": .date, "Medium Time": .date, "Short Time": .date, "Percent": .percent,
    ]

    /// How `format` (a named format or a format code, read as in XLSX)
    /// shows numbers.
    static func shown(_ format: UnsafeBufferPointer<UInt8>) -> NumberFormat.Shown {
        let text = String(decoding: format, as: UTF8.self)
        if let shown = named[text] { return shown }
        if text.allSatisfy({ $0.isLetter || $0 == " " || $0 == "/" }) { return .number }  // other named formats
        return NumberFormat.shown(code: text)
    }

    /// The serial of `2024-01-15T08:30:00.000` (seconds and fraction optional),
    /// or nil when the text is not such a date.
    static func serial(ofDateTime text: some Collection<UInt8>) -> Double? {
        var numbers: [Int] = []
        var fraction = 0.0
        var scale = 1.0
        var current = 0
        var digits = 0
        var inFraction = false
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
        guard (1...12).contains(numbers[1]), (1...31).contains(numbers[2]), numbers[3] < 24, numbers[4] < 60,
            numbers[5] < 60
        else {
            return nil
        }
        let components = ExcelDate.Components(
            year: numbers[0], month: numbers[1], day: numbers[2],
            hour: numbers[3], minute: numbers[4], second: numbers[5])
        return ExcelDate.serial(components) + fraction / 86_400
    }
}
