import CZlib
import Foundation

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
    let level: Int32

    /// `level` 0–9; 6 is zlib's default and libxlsxwriter's.
    init(level: Int32 = 6) throws {
        self.level = level
        let status = huanxin_deflateInit2(&stream, level, -15, 8, Z_DEFAULT_STRATEGY)
        guard status == Z_OK else {
            throw SheetError(.deflateFailed, "deflateInit2 failed with status \(status)")
        }
    }

    deinit { deflateEnd(&stream) }

    /// Readies the deflater for a new stream, as a new one would be (`deflateReset`).
    func reset() {
        deflateReset(&stream)
        compressedCount = 0
    }

    /// Compresses `input` into `output`.
    func compress(_ input: UnsafeRawBufferPointer, into output: ByteStream) throws {
        guard let base = input.baseAddress, input.count > 0 else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        while stream.avail_in > 0 {
            try run(flush: Z_NO_FLUSH, into: output)
        }
    }

    /// `bytes` as one deflate stream, on its own.
    func deflated(_ bytes: [UInt8]) throws -> [UInt8] {
        let collected = CollectedBytes()
        let stream = ByteStream(sink: collected)
        try bytes.withUnsafeBytes { try compress($0, into: stream) }
        _ = try finish(into: stream)
        try stream.flush()
        return collected.bytes
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

/// Deflaters lent to one `ZipWriter` after another, by level. Making one
/// (`deflateInit2`: some 270 KB to allocate and clear, and free again)
/// cost more than deflating a receipt's sheet, and a nightly run writes a
/// receipt workbook per file. A reset deflater writes what a new one would.
final class DeflaterPool: @unchecked Sendable {
    static let shared = DeflaterPool()
    /// Idle deflaters kept per level: one per thread that writes workbooks at once is plenty.
    static let kept = 4

    private let lock = NSLock()
    private var idle: [Int32: [Deflater]] = [:]

    /// An idle deflater at `level`, or a new one.
    func take(level: Int32) throws -> Deflater {
        try lock.withLock { idle[level]?.popLast() } ?? Deflater(level: level)
    }

    /// Takes `deflater` back, reset, unless enough are idle.
    func giveBack(_ deflater: Deflater) {
        deflater.reset()
        lock.withLock {
            if idle[deflater.level, default: []].count < Self.kept {
                idle[deflater.level, default: []].append(deflater)
            }
        }
    }
}
