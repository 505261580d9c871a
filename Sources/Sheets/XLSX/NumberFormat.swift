/// What a reader needs from number formats: whether a number shows as a
/// date or time (it becomes a date cell), as elapsed time (`[h]:mm:ss`, a
/// duration) or as a percentage (the cell keeps its value, 0.35, and says
/// it is shown as 35%).
extension NumberFormat {
    /// How a number format shows a cell's number, the one thing readers
    /// need from it.
    enum Shown: UInt8 { case number, date, duration, percent }

    /// How a format code shows numbers (elapsed time wins over dates, dates over percentages).
    static func shown(code: String) -> Shown {
        isDuration(code: code) ? .duration : isDate(code: code) ? .date : isPercent(code: code) ? .percent : .number
    }

    /// How built-in format `id` shows numbers (46 is `[h]:mm:ss`).
    static func shown(builtIn id: Int) -> Shown {
        id == 46 ? .duration : isDate(builtIn: id) ? .date : isPercent(builtIn: id) ? .percent : .number
    }

    /// Built-in formats (ids below 164) that show dates or times:
    /// 14–22 and 45–47 everywhere, 27–36 and 50–58 in the Chinese,
    /// Japanese and Korean locales (`yyyy"年"m"月"d"日"` and kin), which
    /// is what Excel and WPS on Chinese Windows write.
    static func isDate(builtIn id: Int) -> Bool {
        switch id {
        case 14...22, 27...36, 45...47, 50...58: true
        default: false
        }
    }

    /// Whether a custom format code shows a date or time. Only the first
    /// section counts (the one for positive numbers). Quoted text,
    /// backslash escapes, `_x` padding and `*x` fills are literal, and
    /// bracketed parts are colours, conditions or locales (`[Red]`,
    /// `[<=100]`, `[$-409]`) except the elapsed-time units `[h]`, `[mm]`,
    /// `[ss]`, which make it a time.
    static func isDate(code: String) -> Bool {
        scanFirstSection(
            of: code, bracket: isElapsedUnit,
            character: { byte in
                switch byte | 0x20 {
                case UInt8(ascii: "d"), UInt8(ascii: "m"), UInt8(ascii: "y"), UInt8(ascii: "h"), UInt8(ascii: "s"): true
                default: false
                }
            })
    }

    /// Whether a custom format code counts elapsed time: `[h]`, `[mm]`,
    /// `[ss]` in its first section (255 hours show as `255:10:10`, not as a date).
    static func isDuration(code: String) -> Bool {
        scanFirstSection(of: code, bracket: isElapsedUnit, character: { _ in false })
    }

    /// `h`, `hh`, `m`, `mm`, `s`, `ss`, ... (lowercased, without brackets).
    private static func isElapsedUnit(_ inside: [UInt8]) -> Bool {
        !inside.isEmpty && inside.allSatisfy { $0 == inside[0] }
            && [UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "s")].contains(inside[0])
    }

    /// Built-in formats that show a percentage: 9 (`0%`) and 10 (`0.00%`).
    static func isPercent(builtIn id: Int) -> Bool { id == 9 || id == 10 }

    /// Whether a custom format code shows its number as a percentage (a `%`
    /// outside quotes, escapes and brackets in the first section): the cell
    /// holds 0.35 where people typed and see 35%.
    static func isPercent(code: String) -> Bool {
        scanFirstSection(of: code, bracket: { _ in false }, character: { $0 == UInt8(ascii: "%") })
    }

    /// Walks the first section of a format code, skipping literal text, and
    /// answers true as soon as a bracketed part (lowercased, without its
    /// brackets) or a format character satisfies its test.
    private static func scanFirstSection(
        of code: String, bracket: ([UInt8]) -> Bool,
        character: (UInt8) -> Bool
    ) -> Bool {
        var bytes = code.utf8.makeIterator()
        var inQuotes = false
        while let byte = bytes.next() {
            if inQuotes {
                if byte == UInt8(ascii: "\"") { inQuotes = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inQuotes = true
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                _ = bytes.next()
            case UInt8(ascii: ";"):
                return false
            case UInt8(ascii: "["):
                var inside: [UInt8] = []
                while let next = bytes.next(), next != UInt8(ascii: "]") { inside.append(next | 0x20) }
                if bracket(inside) { return true }
            default:
                if character(byte) { return true }
            }
        }
        return false
    }
}

extension SheetRow {
    /// Appends a number as its format shows it: a date (converted to the
    /// 1900 system when the workbook counts from 1904), a duration in days,
    /// a percentage, or a plain number.
    @inline(__always)
    mutating func append(column: Int, number: Double, shown: NumberFormat.Shown, uses1904DateSystem: Bool) {
        switch shown {
        case .number: append(column: column, kind: .number, number: number)
        case .percent: append(column: column, kind: .number, number: number, isPercent: true)
        case .duration: cells.append(SheetCell(column: column, kind: .number, number: number, isDuration: true))
        case .date:
            append(
                column: column, kind: .dateTime,
                number: uses1904DateSystem ? ExcelDate.serial1900(from1904: number) : number)
        }
    }
}
