import Sheets

/// DocumentJSON's compact form written piece by piece into a `ByteStream`,
/// for a document too long to encode whole (`validate --json`'s
/// observations). Strings and numbers come out as JSONEncoder writes them
/// with DocumentJSON's options, so the bytes are the same and the two can
/// share one document; the caller gives an object's keys in sorted order,
/// as the encoder sorts them. `ValidateJSONTests` compares the two.
public struct DocumentJSONWriter {
    public let stream: ByteStream

    public init(stream: ByteStream) {
        self.stream = stream
    }

    /// Punctuation and keys as they are: `{"indicator":`.
    @inline(__always)
    public func raw(_ text: StaticString) throws {
        try stream.append(text)
    }

    /// A string in quotes: `"` and `\` escaped, `\b \t \n \f \r` for those
    /// control characters and `\u00xx` (lower case) for the others, `/` and
    /// everything else as it is.
    public func string(_ text: String) throws {
        var text = text
        try text.withUTF8 { try string(utf8: $0) }
    }

    /// `string(_:)` of the text whose UTF-8 bytes are `bytes`.
    public func string(utf8 bytes: UnsafeBufferPointer<UInt8>) throws {
        try Self.stringPieces(bytes) { try stream.append($0) }
    }

    /// A number as JSONEncoder writes a Double: its shortest round-trip
    /// `description` without a trailing `.0` (`12`, `0.5`, `1e+16`, `-0`).
    /// Infinity and NaN throw, as there.
    public func number(_ value: Double) throws {
        try Self.numberText(value) { try stream.append($0) }
    }

    /// The pieces of `text` in quotes, escaped, one rule for every writer:
    /// runs needing no escape as they are, each escape on its own.
    static func stringPieces(
        _ text: UnsafeBufferPointer<UInt8>, _ write: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        try write(bytes("\""))
        var start = 0
        for index in text.indices {
            let byte = text[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            try write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(text)[start..<index]))
            try escape(byte, write)
            start = index + 1
        }
        try write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(text)[start...]))
        try write(bytes("\""))
    }

    /// `number(_:)`'s text, given to `write` in one piece.
    static func numberText(_ value: Double, _ write: (UnsafeRawBufferPointer) throws -> Void) throws {
        // Whole numbers below 2^53 (counts, mostly) are their integer's digits
        // in `description`; the integer's, made on the stack, give them
        // without the Double's shortest-form search or a String.
        if value.rounded(.towardZero) == value, value.magnitude < exactIntegers, !(value == 0 && value.sign == .minus) {
            return try ByteStream.decimalDigits(of: Int(value), write)
        }
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "Unable to encode \(value) in JSON."))
        }
        var text = value.description
        try text.withUTF8 { bytes in
            let whole =
                bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: ".") && bytes.last == UInt8(ascii: "0")
            try write(
                UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<(whole ? bytes.count - 2 : bytes.count)]))
            )
        }
    }

    /// An integer's digits.
    public func number(_ value: Int) throws {
        try stream.appendDecimal(value)
    }

    /// An object whose fields `body` writes, in sorted key order.
    public func object(_ body: (inout Fields) throws -> Void) throws {
        try stream.append(UInt8(ascii: "{"))
        var fields = Fields(json: self)
        try body(&fields)
        try stream.append(UInt8(ascii: "}"))
    }

    /// The fields of one object: commas between them, nil ones left out,
    /// as JSONEncoder leaves out a nil optional.
    public struct Fields {
        let json: DocumentJSONWriter
        private var isFirst = true

        init(json: DocumentJSONWriter) {
            self.json = json
        }

        public mutating func field(_ key: StaticString, _ value: String?) throws {
            guard let value else { return }
            try self.key(key)
            try json.string(value)
        }

        public mutating func field(_ key: StaticString, _ value: Int?) throws {
            guard let value else { return }
            try self.key(key)
            try json.number(value)
        }

        public mutating func field(_ key: StaticString, _ value: Double) throws {
            try self.key(key)
            try json.number(value)
        }

        public mutating func object(_ key: StaticString, _ body: (inout Fields) throws -> Void) throws {
            try self.key(key)
            try json.object(body)
        }

        /// `"key":`, after a comma unless it is the first field.
        private mutating func key(_ key: StaticString) throws {
            if !isFirst { try json.stream.append(UInt8(ascii: ",")) }
            isFirst = false
            try json.stream.append(UInt8(ascii: "\""))
            try json.raw(key)
            try json.stream.append(UInt8(ascii: "\""))
            try json.stream.append(UInt8(ascii: ":"))
        }
    }

    /// 2^53: every whole Double below it `description` writes in full.
    private static let exactIntegers: Double = 9_007_199_254_740_992

    /// A static text's bytes, for the writers' closures.
    private static func bytes(_ text: StaticString) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    private static func escape(_ byte: UInt8, _ write: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        switch byte {
        case 0x22: try write(bytes("\\\""))
        case 0x5C: try write(bytes("\\\\"))
        case 0x08: try write(bytes("\\b"))
        case 0x09: try write(bytes("\\t"))
        case 0x0A: try write(bytes("\\n"))
        case 0x0C: try write(bytes("\\f"))
        case 0x0D: try write(bytes("\\r"))
        default:
            let hex: StaticString = "0123456789abcdef"
            var sequence: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
                UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 0xF)]
            )
            try withUnsafeBytes(of: &sequence) { try write($0) }
        }
    }
}
