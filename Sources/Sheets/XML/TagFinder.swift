#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds one tag (`<x:row`, `</sheetData`) in raw XML bytes without parsing
/// them: where the bytes occur and the name ends there (a space, `>` or `/`
/// follows). Forward searches skip ahead as Boyer–Moore–Horspool does, so a
/// long needle costs a fraction of a look per byte.
struct TagFinder {
    let needle: [UInt8]
    /// How far the search may move when the byte under the needle's last byte is `b`.
    private let shifts: [Int]

    init(_ needle: [UInt8]) {
        precondition(!needle.isEmpty)
        self.needle = needle
        var shifts = [Int](repeating: needle.count, count: 256)
        for (i, byte) in needle.dropLast().enumerated() { shifts[Int(byte)] = needle.count - 1 - i }
        self.shifts = shifts
    }

    /// The first occurrence at or after `from`, or nil (also when the byte after it is not yet in `bytes`).
    func first(in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let count = needle.count, lastByte = needle[count - 1]
        return needle.withUnsafeBufferPointer { needle in
            shifts.withUnsafeBufferPointer { shifts in
                var position = from
                while position + count < bytes.count {
                    let byte = base[position + count - 1]
                    if byte == lastByte, memcmp(base + position, needle.baseAddress!, count - 1) == 0,
                       Self.endsName(base[position + count]) {
                        return position
                    }
                    position += shifts[Int(byte)]
                }
                return nil
            }
        }
    }

    /// The last occurrence that starts at or after `lower` and whose name ends before `end`.
    func last(in bytes: UnsafeRawBufferPointer, from lower: Int, before end: Int) -> Int? {
        var position = min(end, bytes.count) - needle.count - 1
        while position >= lower {
            if bytes[position] == needle[0],
               needle.withUnsafeBytes({ memcmp(bytes.baseAddress! + position, $0.baseAddress!, needle.count) }) == 0,
               Self.endsName(bytes[position + needle.count]) {
                return position
            }
            position -= 1
        }
        return nil
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ">"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }

    /// The offset just past the `>` of a tag whose attributes begin at `from`, honouring quotes.
    static func tagEnd(in bytes: UnsafeRawBufferPointer, from: Int, before end: Int) -> Int? {
        var quote: UInt8 = 0
        for i in from..<end {
            let byte = bytes[i]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return i + 1
            }
        }
        return nil
    }

    /// Whether the attributes in `bytes[from..<end]` include one named `name` (one byte, no prefix).
    static func hasAttribute(_ name: UInt8, in bytes: UnsafeRawBufferPointer, _ from: Int, _ end: Int) -> Bool {
        var quote: UInt8 = 0
        var afterSpace = true
        for i in from..<end {
            let byte = bytes[i]
            if quote != 0 {
                if byte == quote { quote = 0 }
                afterSpace = false
                continue
            }
            let isSpace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == name, afterSpace {
                var j = i + 1
                while j < end, bytes[j] == UInt8(ascii: " ") { j += 1 }
                if j < end, bytes[j] == UInt8(ascii: "=") { return true }
            }
            afterSpace = isSpace
        }
        return false
    }
}
