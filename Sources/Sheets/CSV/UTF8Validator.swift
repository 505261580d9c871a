/// Checks that bytes are well-formed UTF-8 (no overlong forms, surrogates
/// or code points past U+10FFFF): ASCII eight bytes at a time, and the
/// three-byte sequences of Chinese text in one test each.
enum UTF8Validator {
    /// Where validation of a span stopped.
    struct Outcome {
        /// Offset of the first byte that cannot start or continue a
        /// sequence, or nil when every complete sequence is valid.
        var invalidOffset: Int?
        /// End of the last complete sequence: bytes past it are the start of
        /// a sequence cut by the end of the span (at most three).
        var completeEnd: Int
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    static func validate(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return Outcome(invalidOffset: nil, completeEnd: 0) }
        var i = 0
        while i < count {
            let lead = base.load(fromByteOffset: i, as: UInt8.self)
            if lead < 0x80 {
                // ASCII runs are the common case, even in Chinese files (digits, delimiters).
                i += 1
                while i + 8 <= count {
                    let high = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & highBits
                    if high != 0 {
                        i += high.trailingZeroBitCount >> 3
                        break
                    }
                    i += 8
                }
                continue
            }
            // The usual CJK case first, in one test: lead E1–EC or EE–EF, two continuation bytes.
            if i + 4 <= count {
                let word = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                if word & 0x00C0_C0F0 == 0x0080_80E0, lead != 0xE0, lead != 0xED {
                    i += 3
                    continue
                }
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF  // range of the second byte
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return Outcome(invalidOffset: i, completeEnd: i)
            }
            for k in 1..<length {
                guard i + k < count else { return Outcome(invalidOffset: nil, completeEnd: i) }
                let byte = base.load(fromByteOffset: i + k, as: UInt8.self)
                let ok = k == 1 ? (low...high).contains(byte) : (0x80...0xBF).contains(byte)
                if !ok { return Outcome(invalidOffset: i, completeEnd: i) }
            }
            i += length
        }
        return Outcome(invalidOffset: nil, completeEnd: count)
    }
}
