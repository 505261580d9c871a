import Sheets

/// DocumentJSON's compact pieces written straight into memory the caller
/// has made room for (`ByteStream.withFreeSpace`), with
/// `DocumentJSONWriter`'s rules for strings and numbers: for a writer that
/// puts a million records together in place, with no bounds check or
/// buffer of its own per piece. The caller reserves the room it needs
/// (`room(forStringOf:)`, `roomForNumber`, the length of its raw pieces).
public struct DocumentJSONCursor {
    @usableFromInline var next: UnsafeMutableRawPointer
    private let start: UnsafeMutableRawPointer

    public init(_ memory: UnsafeMutableRawPointer) {
        next = memory
        start = memory
    }

    /// Bytes written so far.
    public var count: Int { next - start }

    /// The most `string(utf8:)` writes for a text of `count` UTF-8 bytes:
    /// its quotes and each byte escaped as `\u00xx`.
    public static func room(forStringOf count: Int) -> Int { 2 + 6 * count }

    /// The most `number(_:)` or `integer(_:)` writes: the longest Double
    /// description is 24 bytes (`-2.2250738585072014e-308`), an Int's 20.
    public static let roomForNumber = 32

    /// Bytes as they are: punctuation, keys, JSON made before.
    @inlinable
    public mutating func raw(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        next.copyMemory(from: base, byteCount: bytes.count)
        next += bytes.count
    }

    @inlinable
    public mutating func raw(_ text: StaticString) {
        raw(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `DocumentJSONWriter.string(utf8:)`'s bytes.
    public mutating func string(utf8 text: UnsafeBufferPointer<UInt8>) {
        DocumentJSONWriter.stringPieces(text) { raw($0) }
    }

    /// `DocumentJSONWriter.number(_:)`'s bytes (Infinity and NaN throw).
    public mutating func number(_ value: Double) throws {
        try DocumentJSONWriter.numberText(value) { raw($0) }
    }

    /// An integer's digits, as JSONEncoder writes an Int.
    public mutating func integer(_ value: Int) {
        ByteStream.decimalDigits(of: value) { raw($0) }
    }
}
