extension SheetError.Code {
    /// The workbook stream breaks [MS-XLS]: a record cut short, a missing BOF.
    public static let xlsCorrupt = Self("xls-corrupt")
}

/// The records of a BIFF substream, one after another: each a type and a
/// payload of at most 8,224 bytes, read from the workbook stream through a
/// reused buffer. A payload is valid until the next call to `next`.
final class BIFFRecordReader {
    private let stream: CompoundFileStream
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0, end = 0
    private(set) var type: UInt16 = 0
    private(set) var payload = BIFFBytes(UnsafeRawBufferPointer(start: nil, count: 0))
    /// Where the current record starts in the stream, for error messages.
    private(set) var offset: Int64 = 0

    static let maxPayload = 8224
    private static let bufferSize = 128 << 10

    /// Records from byte `offset` of `stream`.
    init(_ stream: CompoundFileStream, at offset: Int64) {
        self.stream = stream
        stream.seek(to: offset)
        self.offset = offset
        buffer = .allocate(byteCount: Self.bufferSize, alignment: 8)
    }

    deinit { buffer.deallocate() }

    /// Moves to the next record; false at the end of the stream.
    func next() throws -> Bool {
        offset = stream.position - Int64(end - start)
        guard try fill(4) else { return false }
        let length = Int(buffer.loadUnaligned(fromByteOffset: start + 2, as: UInt16.self).littleEndian)
        type = buffer.loadUnaligned(fromByteOffset: start, as: UInt16.self).littleEndian
        guard length <= Self.maxPayload, try fill(4 + length) else {
            throw SheetError(
                .xlsCorrupt,
                "record \(String(type, radix: 16)) at byte \(offset) of stream '\(stream.name)' is cut short or longer than 8224 bytes",
                file: nil)
        }
        payload = BIFFBytes(UnsafeRawBufferPointer(rebasing: buffer[(start + 4)..<(start + 4 + length)]))
        start += 4 + length
        return true
    }

    /// Makes `count` bytes available from `start`; false if the stream ends first.
    private func fill(_ count: Int) throws -> Bool {
        if end - start >= count { return true }
        if start > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: end - start)
            (end, start) = (end - start, 0)
        }
        while end < count {
            let got = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if got == 0 { return false }
            end += got
        }
        return true
    }
}

/// A record's payload with little-endian reads that never fault: bytes
/// past the end read as zero (a record's length is checked where it matters).
struct BIFFBytes {
    let raw: UnsafeRawBufferPointer
    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    var count: Int { raw.count }

    @inline(__always) func u8(_ at: Int) -> UInt8 { at < raw.count ? raw[at] : 0 }
    @inline(__always) func u16(_ at: Int) -> Int {
        at + 2 <= raw.count ? Int(raw.loadUnaligned(fromByteOffset: at, as: UInt16.self).littleEndian) : 0
    }
    @inline(__always) func u32(_ at: Int) -> UInt32 {
        at + 4 <= raw.count ? raw.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian : 0
    }
    @inline(__always) func f64(_ at: Int) -> Double {
        at + 8 <= raw.count
            ? Double(bitPattern: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian) : 0
    }

    /// The bytes from `at` to the end (empty past it).
    func suffix(from at: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: raw[min(at, raw.count)...])
    }

    /// An RK number ([MS-XLS] 2.5.217): a 30-bit integer or the high 30
    /// bits of a double, divided by 100 when its low bit says so.
    static func rk(_ value: UInt32) -> Double {
        let number =
            value & 2 != 0
            ? Double(Int32(bitPattern: value) >> 2)
            : Double(bitPattern: UInt64(value & 0xFFFF_FFFC) << 32)
        return value & 1 != 0 ? number / 100 : number
    }
}
