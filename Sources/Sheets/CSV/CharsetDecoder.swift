#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where `CSVWorkbook` takes its text from: the file decoded to UTF-8,
/// chunk by chunk, on the calling thread (`CharsetDecoder`) or ahead of it
/// on a second one (`DecodingAhead`).
protocol UTF8TextSource: AnyObject {
    var encoding: TextEncoding { get }
    /// The next UTF-8 text, valid until the next call; nil at the end. Bad
    /// bytes end the text: the text before them comes first, the error with
    /// the next call.
    func next() throws -> UnsafeRawBufferPointer?
    /// Whether the next `next` is known to return nil: the text of the last is the last.
    var isExhausted: Bool { get }
}

/// Turns a text file's bytes into UTF-8, chunk by chunk, in constant memory.
///
/// UTF-8 files are read straight into the caller's buffer and only
/// validated; other encodings go through glibc's iconv. A multi-byte
/// sequence cut by a chunk boundary is carried over to the next chunk.
/// When bad bytes turn up, the text before them is delivered first and the
/// error comes with the next call, so the caller can name the line.
final class CharsetDecoder: UTF8TextSource {
    let encoding: TextEncoding
    private let file: InputFile
    /// iconv's converter; nil for UTF-8.
    private let converter: iconv_t?
    /// Undecoded bytes: the detection sample first, then file chunks for iconv.
    private var raw: [UInt8]
    private var rawStart = 0
    /// File offset of `raw[0]`, for error messages.
    private var rawFileOffset: Int
    private var atEndOfFile = false
    /// iconv stopped at a sequence cut by the end of `raw`.
    private var needsMoreInput = false
    /// File offset of the next UTF-8 byte to deliver (UTF-8 path).
    private var nextOffset: Int
    /// Error found after the text already delivered.
    private var pendingError: SheetError?
    /// Where `next` decodes to; allocated at its first call.
    private var output: UnsafeMutableRawBufferPointer?

    static let chunkSize = 256 << 10

    /// A decoder that first decodes `sample` (the file's first bytes,
    /// already read, with `skip` bytes of byte-order mark) and then the rest of `file`.
    init(file: InputFile, encoding: TextEncoding, sample: [UInt8], skip: Int) throws {
        self.file = file
        self.encoding = encoding
        raw = sample
        rawStart = skip
        rawFileOffset = 0
        nextOffset = skip
        atEndOfFile = sample.count < Self.chunkSize  // the sample was read with readFully
        if encoding == .utf8 {
            converter = nil
        } else {
            let handle = iconv_open("UTF-8", encoding.iconvName)
            guard let handle, handle != iconv_t(bitPattern: -1) else {
                throw SheetError(
                    .encodingUnknown, "iconv does not know the encoding '\(encoding.iconvName)'", file: file.path)
            }
            converter = handle
            raw.reserveCapacity(Self.chunkSize)
        }
    }

    deinit {
        if let converter { iconv_close(converter) }
        output?.deallocate()
    }

    func next() throws -> UnsafeRawBufferPointer? {
        let buffer = output ?? .allocate(byteCount: Self.chunkSize, alignment: 16)
        output = buffer
        let count = try decode(into: buffer)
        return count == 0 ? nil : UnsafeRawBufferPointer(rebasing: buffer[..<count])
    }

    var isExhausted: Bool {
        pendingError == nil && atEndOfFile && rawStart == raw.count
    }

    /// Writes the next UTF-8 text into `output` (at least 8 bytes) and
    /// returns its length; 0 at the end. Bad bytes end the text: the text
    /// before them comes first, the error with the next call.
    func decode(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        if let pendingError { throw pendingError }
        return try converter == nil ? passUTF8(into: output) : convert(into: output)
    }

    /// The UTF-8 path: copy or read, then validate in place.
    private func passUTF8(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        // The rest of the sample, or a sequence carried from the last call, comes first.
        let carried = min(raw.count - rawStart, output.count)
        raw.withUnsafeBytes { source in
            output.baseAddress!.copyMemory(from: source.baseAddress! + rawStart, byteCount: carried)
        }
        rawStart += carried
        var filled = carried
        if rawStart == raw.count, filled < output.count, !atEndOfFile {
            let read = try file.readFully(into: UnsafeMutableRawBufferPointer(rebasing: output[filled...]))
            if read < output.count - filled { atEndOfFile = true }
            filled += read
        }
        let outcome = UTF8Validator.validate(UnsafeRawBufferPointer(rebasing: output[..<filled]))
        var delivered = outcome.completeEnd
        if let bad = outcome.invalidOffset {
            pendingError = badBytes(at: nextOffset + bad, byte: output[bad])
            delivered = bad
        } else if delivered < filled {
            if atEndOfFile, rawStart == raw.count {
                pendingError = badBytes(at: nextOffset + delivered, byte: output[delivered], cut: true)
            } else {
                raw = Array(output[delivered..<filled]) + raw[rawStart...]
                rawStart = 0
            }
        }
        nextOffset += delivered
        if delivered == 0, let pendingError { throw pendingError }
        return delivered
    }

    /// The iconv path.
    private func convert(into output: UnsafeMutableRawBufferPointer) throws -> Int {
        var produced = 0
        while produced < output.count {
            if rawStart == raw.count || needsMoreInput {
                if atEndOfFile {
                    if rawStart < raw.count {
                        let error = badBytes(at: rawFileOffset + rawStart, byte: raw[rawStart], cut: true)
                        if produced == 0 { throw error }
                        pendingError = error
                    }
                    return produced
                }
                try refill()
                needsMoreInput = false
                continue
            }
            let inputLeft = raw.count - rawStart
            var outLeft = output.count - produced
            let result: Int = raw.withUnsafeMutableBytes { source in
                var inPointer: UnsafeMutablePointer<CChar>? = (source.baseAddress! + rawStart).assumingMemoryBound(
                    to: CChar.self)
                var inLeft = inputLeft
                var outPointer: UnsafeMutablePointer<CChar>? = (output.baseAddress! + produced).assumingMemoryBound(
                    to: CChar.self)
                let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                rawStart += inputLeft - inLeft
                return status == -1 ? Int(errno) : 0
            }
            produced = output.count - outLeft
            switch result {
            case 0: continue
            case Int(E2BIG): return produced
            case Int(EINVAL): needsMoreInput = true  // a sequence cut by the chunk's end
            default:
                let error = badBytes(at: rawFileOffset + rawStart, byte: raw[rawStart])
                if produced == 0 { throw error }
                pendingError = error
                return produced
            }
        }
        return produced
    }

    /// Moves undecoded bytes to the front of `raw` and reads the next chunk after them.
    private func refill() throws {
        raw.removeSubrange(0..<rawStart)
        rawFileOffset += rawStart
        rawStart = 0
        let kept = raw.count
        raw.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        let read = try raw.withUnsafeMutableBytes { buffer in
            try file.readFully(into: UnsafeMutableRawBufferPointer(rebasing: buffer[kept...]))
        }
        raw.removeLast(Self.chunkSize - read)
        if read < Self.chunkSize { atEndOfFile = true }
    }

    private func badBytes(at offset: Int, byte: UInt8, cut: Bool = false) -> SheetError {
        let what = cut ? "a sequence cut by the end of the file" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        return SheetError(
            .encodingError, "\(what) at offset \(offset) is not valid \(encoding.iconvName)", file: file.path)
    }
}
