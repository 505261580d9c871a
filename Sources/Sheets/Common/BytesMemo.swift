import Foundation

/// Values made from small byte strings, remembered for the whole process by
/// the bytes they were made from, so that the parts every file repeats are
/// worked on once: the deflate streams of the theme, styles and
/// relationships every receipt writes (`ZipWriter.deflatedParts`), the
/// relationships, workbook and styles every workbook made from one template
/// reads (`ZipArchive.parseXML(_:remembering:_:)`).
///
/// Found by a key the caller has at hand (a ZIP entry's CRC-32 and size,
/// computed anyway: hashing the bytes cost more than a lookup saves), then
/// compared byte for byte: a value is given only for the very bytes it was
/// made from. A `make` that throws leaves nothing behind.
///
/// Bounded: byte strings up to `largest` bytes, at most `capacity` of them;
/// when full it starts again empty, so values that repeat come back at once
/// and one-off ones (a receipt's own sheet) cannot keep them out.
final class BytesMemo<Key: Hashable, Value>: @unchecked Sendable {
    let largest: Int
    private let capacity: Int
    private let lock = NSLock()
    private var values: [Key: (bytes: [UInt8], value: Value)] = [:]

    init(largest: Int, capacity: Int) {
        (self.largest, self.capacity) = (largest, capacity)
    }

    /// The value made from `bytes`, found under `key`: remembered, or made
    /// by `make` (and remembered if the bytes are no longer than `largest`).
    func value(of bytes: [UInt8], key: Key, _ make: ([UInt8]) throws -> Value) rethrows -> Value {
        guard bytes.count <= largest else { return try make(bytes) }
        if let known = lock.withLock({ values[key] }), known.bytes == bytes { return known.value }
        let made = try make(bytes)
        lock.withLock {
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[key] = (bytes, made)
        }
        return made
    }
}
