import CZlib

extension SheetError.Code {
    /// zlib refused to compress (out of memory, bad level).
    static let deflateFailed = Self("deflate-failed")
}

/// Raw deflate (no zlib header, as ZIP wants) streamed into a `ByteStream`:
/// input is compressed as it comes, so nothing holds a whole entry.
final class Deflater {
    private var stream = z_stream()
    /// Compressed bytes produced for the current entry.
    private var compressedCount: UInt64 = 0

    /// `level` 0–9; 6 is zlib's default and libxlsxwriter's.
    init(level: Int32 = 6) throws {
        let status = huanxin_deflateInit2(&stream, level, -15, 8, Z_DEFAULT_STRATEGY)
        guard status == Z_OK else {
            throw SheetError(.deflateFailed, "deflateInit2 failed with status \(status)")
        }
    }

    deinit { deflateEnd(&stream) }

    /// Compresses `input` into `output`.
    func compress(_ input: UnsafeRawBufferPointer, into output: ByteStream) throws {
        guard let base = input.baseAddress, input.count > 0 else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        while stream.avail_in > 0 {
            try run(flush: Z_NO_FLUSH, into: output)
        }
    }

    /// Ends the current deflate stream, readies the deflater for the next
    /// entry and returns the stream's compressed size.
    func finish(into output: ByteStream) throws -> UInt64 {
        stream.next_in = nil
        stream.avail_in = 0
        while try run(flush: Z_FINISH, into: output) != Z_STREAM_END {}
        deflateReset(&stream)
        defer { compressedCount = 0 }
        return compressedCount
    }

    /// One `deflate` call writing straight into the stream's free space.
    @discardableResult
    private func run(flush: Int32, into output: ByteStream) throws -> Int32 {
        var status = Z_OK
        try output.withFreeSpace(minimum: 4096) { free in
            stream.next_out = free.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(free.count)
            status = deflate(&stream, flush)
            let produced = free.count - Int(stream.avail_out)
            compressedCount += UInt64(produced)
            return produced
        }
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
            throw SheetError(.deflateFailed, "deflate failed with status \(status)")
        }
        return status
    }
}
