/// Finds the encoding of a CSV file from its first bytes: a byte-order
/// mark, else the pattern of NUL bytes that UTF-16 and UTF-32 text leaves,
/// else UTF-8 when the bytes are valid UTF-8, else GB18030 when they are
/// valid GB18030 (GBK and GB2312 files are), else an error naming the first
/// bad byte.
enum TextEncodingDetector {
    struct Detection: Equatable {
        var encoding: TextEncoding
        /// Bytes of byte-order mark to skip.
        var bomLength: Int
    }

    /// Detects the encoding of `sample`, the file's first bytes;
    /// `isWholeFile` says whether a sequence cut at its end is an error.
    static func detect(_ sample: UnsafeRawBufferPointer, isWholeFile: Bool, file: String) throws -> Detection {
        if let marked = byteOrderMark(sample) { return marked }
        if let unmarked = nulPattern(sample) { return Detection(encoding: unmarked, bomLength: 0) }
        let utf8 = UTF8Validator.validate(sample)
        if utf8.invalidOffset == nil, !isWholeFile || utf8.completeEnd == sample.count {
            return Detection(encoding: .utf8, bomLength: 0)
        }
        if isGB18030(sample, isWholeFile: isWholeFile) {
            return Detection(encoding: .gb18030, bomLength: 0)
        }
        let offset = utf8.invalidOffset ?? utf8.completeEnd
        let byte = sample[offset]
        throw SheetError(
            .encodingError,
            "byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(offset) is neither UTF-8 nor GB18030; name the encoding (e.g. --encoding latin1)",
            file: file, line: CSVParser.lineBreaks(in: UnsafeRawBufferPointer(rebasing: sample[..<offset])) + 1)
    }

    private static func byteOrderMark(_ s: UnsafeRawBufferPointer) -> Detection? {
        func starts(_ mark: [UInt8]) -> Bool { s.count >= mark.count && s.prefix(mark.count).elementsEqual(mark) }
        // UTF-32LE's mark begins with UTF-16LE's: test it first.
        if starts([0xFF, 0xFE, 0, 0]) { return Detection(encoding: .utf32LE, bomLength: 4) }
        if starts([0, 0, 0xFE, 0xFF]) { return Detection(encoding: .utf32BE, bomLength: 4) }
        if starts([0xEF, 0xBB, 0xBF]) { return Detection(encoding: .utf8, bomLength: 3) }
        if starts([0xFF, 0xFE]) { return Detection(encoding: .utf16LE, bomLength: 2) }
        if starts([0xFE, 0xFF]) { return Detection(encoding: .utf16BE, bomLength: 2) }
        return nil
    }

    /// UTF-16 or UTF-32 without a mark, told by where the NUL bytes fall
    /// (text files have none otherwise). Looks at the first 4 KiB.
    private static func nulPattern(_ sample: UnsafeRawBufferPointer) -> TextEncoding? {
        let s = UnsafeRawBufferPointer(rebasing: sample.prefix(4096))
        var nulsAt = [0, 0, 0, 0]  // NUL bytes by offset modulo 4
        for (i, byte) in s.enumerated() where byte == 0 { nulsAt[i & 3] += 1 }
        guard nulsAt.reduce(0, +) > 0 else { return nil }
        let units = s.count / 4
        if units > 0 {
            // Each unit is a code point ≤ 0x10FFFF: the high byte is NUL, the next at most 0x10.
            if (0..<units).allSatisfy({ s[4 * $0 + 3] == 0 && s[4 * $0 + 2] <= 0x10 }) { return .utf32LE }
            if (0..<units).allSatisfy({ s[4 * $0] == 0 && s[4 * $0 + 1] <= 0x10 }) { return .utf32BE }
        }
        let even = nulsAt[0] + nulsAt[2]
        let odd = nulsAt[1] + nulsAt[3]
        if odd > 0, even * 10 <= odd { return .utf16LE }
        if even > 0, odd * 10 <= even { return .utf16BE }
        return nil
    }

    /// Whether the bytes follow GB18030's structure: ASCII, two-byte
    /// (81–FE then 40–7E/80–FE) and four-byte (81–FE 30–39 81–FE 30–39) sequences.
    private static func isGB18030(_ s: UnsafeRawBufferPointer, isWholeFile: Bool) -> Bool {
        var i = 0
        let n = s.count
        while i < n {
            let lead = s[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            guard (0x81...0xFE).contains(lead) else { return false }
            guard i + 1 < n else { return !isWholeFile }
            let second = s[i + 1]
            if (0x40...0x7E).contains(second) || (0x80...0xFE).contains(second) {
                i += 2
            } else if (0x30...0x39).contains(second) {
                guard i + 3 < n else { return !isWholeFile }
                guard (0x81...0xFE).contains(s[i + 2]), (0x30...0x39).contains(s[i + 3]) else { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }
}
