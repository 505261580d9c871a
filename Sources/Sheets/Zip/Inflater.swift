import CZlib

/// Raw-deflate decompression (zlib with no header, as ZIP stores it) from
/// one buffer into another, reused from entry to entry.
final class Inflater {
    private var stream = z_stream()
    private var isReady = false

    init() {}

    deinit {
        if isReady { inflateEnd(&stream) }
    }

    /// Readies the stream for a new entry.
    func reset() throws {
        if isReady {
            guard inflateReset(&stream) == Z_OK else { throw SheetError(.zipCorrupt, "inflateReset failed") }
            return
        }
        guard huanxin_inflateInit2(&stream, -15) == Z_OK else {
            throw SheetError(.zipCorrupt, "inflateInit2 failed")
        }
        isReady = true
    }

    /// What one `inflate` step did.
    struct Step {
        /// Input bytes consumed.
        var consumed: Int
        /// Output bytes written.
        var produced: Int
        /// The deflate stream's final block has been decoded.
        var finished: Bool
    }

    /// Decompresses as much of `input` into `output` as fits.
    func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Step {
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        let step = Step(
            consumed: input.count - Int(stream.avail_in),
            produced: output.count - Int(stream.avail_out),
            finished: status == Z_STREAM_END)
        switch status {
        case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
            return step
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
            throw SheetError(.zipCorrupt, "deflate data is damaged: \(message)")
        }
    }
}
