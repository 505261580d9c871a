#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text of BIFF records turned into UTF-8: BIFF8's Unicode strings
/// (UTF-16LE, or only its low bytes when every character is below U+0100)
/// and BIFF5's 8-bit strings in the workbook's code page (`CODEPAGE`:
/// GBK on Chinese Windows).
final class XLSText {
    /// iconv's converter from the code page; nil when it is Latin-1 or unknown to iconv.
    private let converter: iconv_t?

    /// Text in Windows code page `codepage` (BIFF5); BIFF8 needs none.
    init(codepage: Int) {
        let name: String? =
            switch codepage {
            case 936: "GB18030"
            case 950: "BIG5"
            case 932: "SHIFT_JIS"
            case 949: "CP949"
            case 874, 1250...1258: "WINDOWS-\(codepage)"
            case 437, 850, 852, 855, 857, 860...866, 869: "CP\(codepage)"
            case 10000, 32768: "MACINTOSH"
            default: nil  // 367 (ASCII), 1252 as Latin-1 is close, 1200 (UTF-16) and 65001 have no 8-bit text
            }
        let handle = name.map { iconv_open("UTF-8", $0) }
        converter = handle.flatMap { $0 == iconv_t(bitPattern: -1) ? nil : $0 }
    }

    deinit {
        if let converter { iconv_close(converter) }
    }

    /// Appends 8-bit code-page text; bytes iconv refuses become U+FFFD.
    func appendCodepage(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        guard let converter else { return Self.appendLatin1(bytes, to: &output) }
        var input = bytes
        var scratch = [UInt8](repeating: 0, count: 4 * bytes.count + 8)
        while !input.isEmpty {
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(
                mutating: input.baseAddress!.assumingMemoryBound(to: CChar.self))
            var inLeft = input.count
            let produced = scratch.withUnsafeMutableBytes { out -> Int in
                var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outLeft = out.count
                _ = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return out.count - outLeft
            }
            output += scratch[..<produced]
            let consumed = input.count - inLeft
            input = UnsafeRawBufferPointer(rebasing: input[consumed...])
            if !input.isEmpty {
                output += [0xEF, 0xBF, 0xBD]  // a byte not in the code page
                input = UnsafeRawBufferPointer(rebasing: input[1...])
            }
        }
        _ = iconv(converter, nil, nil, nil, nil)
    }

    /// Appends characters U+0000–U+00FF given by their code (BIFF8's compressed strings).
    static func appendLatin1(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                output.append(0xC0 | byte >> 6)
                output.append(0x80 | byte & 0x3F)
            }
        }
    }

    /// Appends UTF-16LE code units; `pendingHigh` carries a high surrogate
    /// over a cut between records. Lone surrogates become U+FFFD.
    static func appendUTF16(_ bytes: UnsafeRawBufferPointer, pendingHigh: inout UInt32, to output: inout [UInt8]) {
        var i = 0
        while i + 1 < bytes.count {
            let unit = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8
            i += 2
            var scalar = unit
            if pendingHigh != 0 {
                let high = pendingHigh
                pendingHigh = 0
                if (0xDC00...0xDFFF).contains(unit) {
                    scalar = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                } else {
                    appendScalar(0xFFFD, to: &output)
                }
            } else if (0xD800...0xDBFF).contains(unit) {
                pendingHigh = unit
                continue
            } else if (0xDC00...0xDFFF).contains(unit) {
                scalar = 0xFFFD
            }
            appendScalar(scalar, to: &output)
        }
    }

    private static func appendScalar(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

/// Reads BIFF strings from record payloads that may go on in `CONTINUE`
/// records: the shared-string table (`SST`) and long `STRING` results. A
/// string's characters may be cut at a record boundary, where the next
/// record starts with a fresh option byte saying whether the rest is
/// compressed; rich-text runs and phonetic (`ExtRst`) blocks are skipped
/// across boundaries without one.
struct ContinuedRecords {
    /// The payloads, one after another.
    private(set) var bytes: [UInt8] = []
    /// Where each payload after the first starts in `bytes`.
    private var boundaries: [Int] = []
    private var position = 0
    private var nextBoundary = 0

    init() {}

    /// Adds the next record's payload (the first, or a `CONTINUE`).
    mutating func append(_ payload: UnsafeRawBufferPointer) {
        if !bytes.isEmpty { boundaries.append(bytes.count) }
        bytes.append(contentsOf: payload)
    }

    var isAtEnd: Bool { position >= bytes.count }

    /// Skips `count` bytes (a record header's fixed fields).
    mutating func skip(_ count: Int) {
        position += count
    }

    private mutating func u8() -> Int {
        defer { position += 1 }
        return position < bytes.count ? Int(bytes[position]) : 0
    }

    private mutating func u16() -> Int { u8() | u8() << 8 }

    /// Reads an XLUnicodeRichExtendedString (its count of characters in
    /// `countBytes` bytes: 2 in `SST` and `STRING`) and appends its text
    /// as UTF-8; false if the payloads end inside it.
    mutating func readString(countBytes: Int = 2, to output: inout [UInt8]) -> Bool {
        guard position + countBytes + 1 <= bytes.count else { return false }
        var remaining = countBytes == 2 ? u16() : u8()
        var options = u8()
        let runs = options & 0x08 != 0 ? u16() : 0
        let extended = options & 0x04 != 0 ? u16() | u16() << 16 : 0
        var pendingHigh: UInt32 = 0
        while remaining > 0 {
            while nextBoundary < boundaries.count, boundaries[nextBoundary] < position { nextBoundary += 1 }
            if nextBoundary < boundaries.count, boundaries[nextBoundary] == position {
                options = u8()  // the characters go on in the next record
                nextBoundary += 1
            }
            let end = nextBoundary < boundaries.count ? boundaries[nextBoundary] : bytes.count
            let width = options & 0x01 != 0 ? 2 : 1
            let count = min(remaining, (end - position) / width)
            guard count > 0 else { return false }
            bytes.withUnsafeBytes { all in
                let piece = UnsafeRawBufferPointer(rebasing: all[position..<position + count * width])
                if width == 2 {
                    XLSText.appendUTF16(piece, pendingHigh: &pendingHigh, to: &output)
                } else {
                    XLSText.appendLatin1(piece, to: &output)
                }
            }
            position += count * width
            remaining -= count
        }
        position += 4 * runs + extended
        return position <= bytes.count
    }
}
