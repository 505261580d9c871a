/// How SpreadsheetML stores text: `_xHHHH_` escapes for characters XML
/// cannot carry (`_x000D_` is CR, `_x005F_` a literal underscore), and
/// leading and trailing whitespace dropped unless `xml:space="preserve"`.
enum XLSXText {
    /// Appends `text` to `output`, trimmed unless `preserve`, with its
    /// `_xHHHH_` escapes decoded (UTF-16 surrogate pairs joined; a lone
    /// surrogate becomes U+FFFD).
    static func append(_ text: UnsafeBufferPointer<UInt8>, preserve: Bool, to output: inout [UInt8]) {
        var start = 0
        var end = text.count
        if !preserve {
            while start < end, isSpace(text[start]) { start += 1 }
            while end > start, isSpace(text[end - 1]) { end -= 1 }
        }
        var i = start
        var copied = start
        while i < end {
            guard text[i] == UInt8(ascii: "_"), let unit = escapedUnit(text, at: i, end: end) else {
                i += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<i]))
            i += 7
            var scalar = UInt32(unit)
            if (0xD800..<0xDC00).contains(unit), let low = escapedUnit(text, at: i, end: end),
                (0xDC00..<0xE000).contains(low)
            {
                scalar = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
                i += 7
            }
            appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &output)
            copied = i
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<end]))
    }

    /// The code unit of an `_xHHHH_` escape starting at `i`, or nil.
    private static func escapedUnit(_ text: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> UInt16? {
        guard i + 7 <= end, text[i] == UInt8(ascii: "_"), text[i + 1] == UInt8(ascii: "x"),
            text[i + 6] == UInt8(ascii: "_")
        else { return nil }
        var unit: UInt16 = 0
        for j in i + 2..<i + 6 {
            guard let digit = hexValue(text[j]) else { return nil }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        var buffer: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var count = 0
            UTF8.encode(scalar) {
                raw[count] = $0
                count += 1
            }
            output.append(contentsOf: raw[..<count])
        }
    }
}
