import Foundation

/// Small ZIP entries already deflated, by their bytes and compression
/// level, shared by every `ZipWriter` of the process.
///
/// A nightly run writes thousands of receipt workbooks whose theme, styles,
/// relationships and content types are the same bytes each time; deflating
/// them again was most of a receipt's cost. An entry's deflate stream
/// depends only on its bytes and the level, so a stored one gives the same
/// archive byte for byte.
///
/// Bounded: entries up to `largest` bytes, at most `capacity` of them; when
/// full it starts again empty, so parts that repeat come back at once and
/// one-off parts (a receipt's own sheet) cannot keep them out.
final class DeflatedParts: @unchecked Sendable {
    /// The largest entry kept, in bytes before compression.
    static let largest = 16 * 1024
    static let capacity = 256

    static let shared = DeflatedParts()

    /// Found by the entry's CRC-32 and size, which the writer has computed
    /// anyway (hashing the bytes cost more than a lookup saves), then
    /// compared byte for byte.
    private struct Key: Hashable {
        var level: Int32
        var crc: UInt32
        var size: Int
    }

    private let lock = NSLock()
    private var deflated: [Key: (bytes: [UInt8], deflated: [UInt8])] = [:]

    /// The deflate stream at `level` of `bytes`, whose CRC-32 is `crc`:
    /// stored, or made by `deflate` and kept.
    func deflated(_ bytes: [UInt8], crc: UInt32, level: Int32, _ deflate: ([UInt8]) throws -> [UInt8]) rethrows
        -> [UInt8]
    {
        let key = Key(level: level, crc: crc, size: bytes.count)
        if let known = lock.withLock({ deflated[key] }), known.bytes == bytes { return known.deflated }
        let made = try deflate(bytes)
        lock.withLock {
            if deflated.count >= Self.capacity { deflated.removeAll(keepingCapacity: true) }
            deflated[key] = (bytes, made)
        }
        return made
    }
}

/// A sink that keeps what it is given, for an entry deflated on its own.
final class CollectedBytes: ByteSink {
    private(set) var bytes: [UInt8] = []

    func write(_ chunk: UnsafeRawBufferPointer) throws {
        bytes.append(contentsOf: chunk)
    }
}
