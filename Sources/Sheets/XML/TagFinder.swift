#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds one tag (`<x:row`, `</sheetData`) in raw XML bytes without parsing
/// them: where the bytes occur and the name ends there (a space, `>` or `/`
/// follows). A forward search runs `memchr` for the needle's rarest byte in
/// spreadsheet markup (`h` of `sheetData`, `b` of `Table`) and compares the
/// rest where it lands: a few landings per row instead of one per tag; where
/// that byte proves common, it passes over 32 positions at a time.
struct TagFinder {
    let needle: [UInt8]
    /// The needle's byte that `memchr` looks for, and its offset in the needle.
    private let anchor: UInt8
    private let anchorOffset: Int

    /// Bytes of sheet markup and data from the most to the least common; others are rarer still.
    private static let commonBytes = Array("<>/=\" :0123456789.cvrstalenRCDTSowyp-".utf8)

    init(_ needle: [UInt8]) {
        precondition(!needle.isEmpty)
        self.needle = needle
        let rarity = { (byte: UInt8) in Self.commonBytes.firstIndex(of: byte) ?? Self.commonBytes.count }
        anchorOffset = needle.indices.max { rarity(needle[$0]) < rarity(needle[$1]) }!
        anchor = needle[anchorOffset]
    }

    /// The first occurrence at or after `from`, or nil (also when the byte after it is not yet in `bytes`).
    ///
    /// `memchr` for the anchor while it is rare where it lands; once it has
    /// landed `maxLandings` times on less than `landingsSpan` bytes (the `b`
    /// of `</table:table` is in every ODS cell's tags, about 27 bytes apart:
    /// landing and comparing was 10% of an ODS read), the rest is searched
    /// in blocks of 32 positions (`firstInBlocks`).
    func first(in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let count = needle.count
        return needle.withUnsafeBufferPointer { needle in
            var position = from + anchorOffset
            var landings = 0
            var landingsStart = position
            while position + (count - anchorOffset) < bytes.count,
                let found = memchr(base + position, Int32(anchor), bytes.count - position)
            {
                let landed = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                let start = landed - anchorOffset
                guard start + count < bytes.count else { return nil }
                if Self.endsName(base[start + count]), memcmp(base + start, needle.baseAddress!, count) == 0 {
                    return start
                }
                position = landed + 1
                landings += 1
                if landings == Self.maxLandings {
                    if landed - landingsStart < Self.landingsSpan, count >= 2 {
                        return Self.firstInBlocks(base, bytes.count, needle, from: start + 1)
                    }
                    (landings, landingsStart) = (0, landed)
                }
            }
            return nil
        }
    }

    private static var maxLandings: Int { 64 }
    private static var landingsSpan: Int { 64 * 64 }

    /// `first(in:from:)` by blocks of 32 starting positions: a block is
    /// passed over unless one of its positions holds the needle's first two
    /// bytes with a name's end `count` bytes on; those few are compared.
    private static func firstInBlocks(
        _ base: UnsafePointer<UInt8>, _ byteCount: Int, _ needle: UnsafeBufferPointer<UInt8>, from: Int
    ) -> Int? {
        let count = needle.count
        let raw = UnsafeRawPointer(base)
        let (first, second) = (SIMD32<UInt8>(repeating: needle[0]), SIMD32<UInt8>(repeating: needle[1]))
        let (greater, space, slash) = (
            SIMD32<UInt8>(repeating: UInt8(ascii: ">")), SIMD32<UInt8>(repeating: UInt8(ascii: " ")),
            SIMD32<UInt8>(repeating: UInt8(ascii: "/"))
        )
        let (tab, lineFeed, carriageReturn) = (
            SIMD32<UInt8>(repeating: 0x09), SIMD32<UInt8>(repeating: 0x0A), SIMD32<UInt8>(repeating: 0x0D)
        )
        var start = from
        while start + count + 32 <= byteCount {
            let after = raw.loadUnaligned(fromByteOffset: start + count, as: SIMD32<UInt8>.self)
            let candidates =
                raw.loadUnaligned(fromByteOffset: start, as: SIMD32<UInt8>.self) .== first
                .& (raw.loadUnaligned(fromByteOffset: start + 1, as: SIMD32<UInt8>.self) .== second)
                .& (after .== greater .| after .== space .| after .== slash .| after .== tab
                    .| after .== lineFeed .| after .== carriageReturn)
            if any(candidates) {
                for lane in 0..<32 where candidates[lane] {
                    if memcmp(base + start + lane, needle.baseAddress!, count) == 0 { return start + lane }
                }
            }
            start += 32
        }
        // The last positions, one by one.
        while start + count < byteCount {
            if Self.endsName(base[start + count]), memcmp(base + start, needle.baseAddress!, count) == 0 {
                return start
            }
            start += 1
        }
        return nil
    }

    /// The last occurrence that starts at or after `lower` and whose name ends before `end`.
    func last(in bytes: UnsafeRawBufferPointer, from lower: Int, before end: Int) -> Int? {
        var position = min(end, bytes.count) - needle.count - 1
        while position >= lower {
            if bytes[position] == needle[0],
                needle.withUnsafeBytes({ memcmp(bytes.baseAddress! + position, $0.baseAddress!, needle.count) }) == 0,
                Self.endsName(bytes[position + needle.count])
            {
                return position
            }
            position -= 1
        }
        return nil
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ">"),
            UInt8(ascii: "/"):
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
            let isSpace =
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
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
