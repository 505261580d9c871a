/// A buffered byte writer: formatters append small pieces (tags, digits,
/// escaped text) into one fixed buffer, which goes to the sink in large
/// blocks. Doesn't use Swift arrays or Strings as an optimization: writers
/// call it several times per cell.
public final class ByteStream {
    /// Bytes held before a flush; one block for the sink.
    public static let defaultCapacity = 1 << 16

    private let sink: ByteSink
    private let storage: UnsafeMutablePointer<UInt8>
    /// The buffer's size: the most `withFreeSpace` can lend.
    public let capacity: Int
    @exclusivity(unchecked) private(set) var count = 0
    /// Bytes handed to the sink so far.
    @exclusivity(unchecked) private(set) var flushedCount: UInt64 = 0

    public init(sink: ByteSink, capacity: Int = ByteStream.defaultCapacity) {
        precondition(capacity >= 64, "a stream needs room for its longest fixed piece")
        self.sink = sink
        self.capacity = capacity
        self.storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Bytes written so far, flushed or not: the current offset in the output.
    public var position: UInt64 { flushedCount + UInt64(count) }

    /// Hands the buffered bytes to the sink.
    public func flush() throws {
        guard count > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: storage, count: count))
        flushedCount += UInt64(count)
        count = 0
    }

    /// Makes room for `n` more bytes; `n` must fit in the buffer.
    @inline(__always)
    func reserve(_ n: Int) throws {
        if count + n > capacity { try flush() }
    }

    @inline(__always)
    public func append(_ byte: UInt8) throws {
        if count == capacity { try flush() }
        storage[count] = byte
        count += 1
    }

    /// Appends bytes the caller already holds; large blocks bypass the buffer.
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        if count + bytes.count > capacity {
            try flush()
            if bytes.count > capacity / 2 {
                try sink.write(bytes)
                flushedCount += UInt64(bytes.count)
                return
            }
        }
        if let base = bytes.baseAddress {
            (storage + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            count += bytes.count
        }
    }

    @inline(__always)
    public func append(_ text: StaticString) throws {
        try append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    /// Appends a String's UTF-8 bytes as they are (no escaping).
    public func append(utf8 text: String) throws {
        var text = text
        try text.withUTF8 { try append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends the decimal digits of an integer.
    public func appendDecimal(_ value: Int) throws {
        try Self.decimalDigits(of: value) { try append($0) }
    }

    /// An integer's decimal digits (`-` first if negative), made on the
    /// stack and given to `body` in one piece: no String, for writers of
    /// millions of numbers (inlinable, so that it is specialized in theirs).
    @inlinable
    public static func decimalDigits<T>(of value: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch: 19 digits and a sign
        return try withUnsafeMutableBytes(of: &digits) { scratch in
            var start = scratch.count
            repeat {
                start -= 1
                scratch[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                scratch[start] = UInt8(ascii: "-")
            }
            return try body(UnsafeRawBufferPointer(rebasing: scratch[start...]))
        }
    }

    /// Appends a little-endian integer of `width` bytes (ZIP records).
    public func appendLittleEndian<T: FixedWidthInteger>(_ value: T) throws {
        var little = value.littleEndian
        try withUnsafeBytes(of: &little) { try append($0) }
    }

    /// Lends the free part of the buffer (at least `minimum` bytes, at most
    /// `capacity`) to a producer such as the deflater, or a writer that puts
    /// a record together in place, which returns how many bytes it wrote.
    public func withFreeSpace(minimum: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        precondition(minimum <= capacity)
        try reserve(minimum)
        let free = UnsafeMutableRawBufferPointer(start: storage + count, count: capacity - count)
        count += try body(free)
    }
}
