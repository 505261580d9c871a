/// The ISO 8601 texts of `t="d"` cells (`2024-03-01`, `2024-03-01T08:30:00`,
/// `2024-03-01T08:30:00.250Z`, `08:30:00`) as Excel serials. A zone
/// suffix is ignored: Excel has no time zones.
enum ISODateTime {
    static func serial(_ text: some Collection<UInt8>) -> Double? {
        var bytes = text.makeIterator()
        var pending = bytes.next()

        /// Reads `count` digits.
        func number(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let byte = pending, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                pending = bytes.next()
            }
            return value
        }
        func skip(_ separator: Character) -> Bool {
            guard pending == separator.asciiValue else { return false }
            pending = bytes.next()
            return true
        }

        var components = ExcelDate.Components(year: 1899, month: 12, day: 30)
        var hasDate = false
        if let first = number(2) {
            if skip(":") {
                components.hour = first  // a time alone
            } else {
                guard let rest = number(2), skip("-"), let month = number(2), skip("-"), let day = number(2),
                    (1...12).contains(month), (1...31).contains(day)
                else { return nil }
                (components.year, components.month, components.day) = (first * 100 + rest, month, day)
                hasDate = true
                guard skip("T") || skip(" ") else { return pending == nil ? ExcelDate.serial(components) : nil }
                guard let hour = number(2), skip(":") else { return nil }
                components.hour = hour
            }
        }
        guard let minute = number(2) else { return nil }
        components.minute = minute
        var fraction = 0.0
        if skip(":") {
            guard let second = number(2) else { return nil }
            components.second = second
            if skip(".") || skip(",") {
                var scale = 0.1
                while let byte = pending, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                    fraction += Double(byte - UInt8(ascii: "0")) * scale
                    scale /= 10
                    pending = bytes.next()
                }
            }
        }
        guard components.hour < 24, components.minute < 60, components.second < 61 else { return nil }
        let seconds = Double(components.hour * 3600 + components.minute * 60 + components.second) + fraction
        let day =
            hasDate
            ? ExcelDate.serial(
                ExcelDate.Components(year: components.year, month: components.month, day: components.day))
            : 0
        return day + seconds / 86_400
    }
}
