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
        try stream.append(UInt8(ascii: "\""))
        try text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                try stream.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<index])))
                try escape(byte)
                start = index + 1
            }
            try stream.append(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start...])))
        }
        try stream.append(UInt8(ascii: "\""))
    }

    /// A number as JSONEncoder writes a Double: its shortest round-trip
    /// `description` without a trailing `.0` (`12`, `0.5`, `1e+16`, `-0`).
    /// Infinity and NaN throw, as there.
    public func number(_ value: Double) throws {
        // Whole numbers below 2^53 (counts, mostly) are their integer's digits
        // in `description`; written here without making the String.
        if value.rounded(.towardZero) == value, value.magnitude < Self.exactIntegers,
            !(value == 0 && value.sign == .minus)
        {
            return try stream.appendDecimal(Int(value))
        }
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "Unable to encode \(value) in JSON."))
        }
        var text = value.description
        try text.withUTF8 { bytes in
            let whole =
                bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: ".") && bytes.last == UInt8(ascii: "0")
            try stream.append(
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

    private func escape(_ byte: UInt8) throws {
        switch byte {
        case 0x22: try stream.append("\\\"")
        case 0x5C: try stream.append("\\\\")
        case 0x08: try stream.append("\\b")
        case 0x09: try stream.append("\\t")
        case 0x0A: try stream.append("\\n")
        case 0x0C: try stream.append("\\f")
        case 0x0D: try stream.append("\\r")
        default:
            let hex: StaticString = "0123456789abcdef"
            try stream.append("\\u00")
            try stream.append(hex.utf8Start[Int(byte >> 4)])
            try stream.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}
