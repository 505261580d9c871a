#if canImport(Glibc)
    import Glibc
#endif

extension SheetError.Code {
    /// Text that the output encoding cannot carry, or an encoding iconv lacks.
    public static let encodingFailed = Self("encoding-failed")
}

/// Converts UTF-8 blocks to another encoding (GB18030, say) with glibc's
/// iconv before they reach the next sink. A character split across two
/// blocks is carried over to the next one.
final class TranscodingSink: ByteSink {
    private let next: ByteSink
    private let converter: iconv_t
    private let encoding: String
    /// Bytes of a character cut off at the end of the previous block.
    private var carry: [UInt8] = []
    private var output = [UInt8](repeating: 0, count: 1 << 17)

    init(encoding: String, next: ByteSink) throws {
        guard let converter = iconv_open(encoding, "UTF-8"), converter != iconv_t(bitPattern: -1) else {
            throw SheetError(.encodingFailed, "iconv cannot convert UTF-8 to \(encoding)")
        }
        self.converter = converter
        self.encoding = encoding
        self.next = next
    }

    deinit { iconv_close(converter) }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if carry.isEmpty { return try convert(bytes) }
        let joined = carry + bytes
        carry.removeAll()
        try joined.withUnsafeBytes { try convert($0) }
    }

    /// Call after the last block: a character still cut off is an error.
    func finish() throws {
        guard carry.isEmpty else {
            throw SheetError(.encodingFailed, "the text ends inside a UTF-8 character")
        }
    }

    private func convert(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var input = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: CChar.self))
        var inputLeft = bytes.count
        while inputLeft > 0 {
            let (status, produced) = output.withUnsafeMutableBytes { out -> (Int32, Int) in
                var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outLeft = out.count
                var inPointer: UnsafeMutablePointer<CChar>? = input
                let status = iconv(converter, &inPointer, &inputLeft, &outPointer, &outLeft)
                input = inPointer!
                return (status == -1 ? errno : 0, out.count - outLeft)
            }
            try output.withUnsafeBytes { try next.write(UnsafeRawBufferPointer(rebasing: $0[..<produced])) }
            switch status {
            case 0, E2BIG:
                continue
            case EINVAL:  // an incomplete character at the end of the block
                carry = Array(UnsafeRawBufferPointer(start: input, count: inputLeft))
                return
            default:
                throw SheetError(.encodingFailed, "text cannot be written in \(encoding) (errno \(status))")
            }
        }
    }
}
