import Foundation
import Sheets

/// DocumentJSON's pretty form (what `DocumentJSON.encode` writes by
/// default) written piece by piece into a `ByteStream`, for a document
/// written often (a receipt: two for each correction an upload makes).
/// The layout is JSONEncoder's: two spaces an indent, `"key" : value`, an
/// opening bracket on its line and the closing one on a line of its own, so
/// an empty array is `[`, a blank line and `]`. Strings and numbers are the
/// compact writer's (`DocumentJSONWriter`, the same as the encoder's); the
/// caller gives an object's keys in sorted order, as the encoder sorts them.
/// `ReceiptJSONTests` compares the two on real receipts.
public struct DocumentJSONPrettyWriter {
    public let json: DocumentJSONWriter

    public init(stream: ByteStream) {
        json = DocumentJSONWriter(stream: stream)
    }

    /// A top-level object whose members `body` writes, in sorted key order.
    public func object(_ body: (inout Members) throws -> Void) throws {
        try Members.write(json, depth: 0, body)
    }

    /// The members of one object: each on its own line, nil ones left out,
    /// as JSONEncoder leaves out a nil optional.
    public struct Members {
        private var level: Level

        fileprivate init(level: Level) {
            self.level = level
        }

        fileprivate static func write(_ json: DocumentJSONWriter, depth: Int, _ body: (inout Members) throws -> Void)
            throws
        {
            var members = Members(level: try Level.open("{", json: json, depth: depth))
            try body(&members)
            try members.level.close("}")
        }

        public mutating func field(_ key: StaticString, _ value: String?) throws {
            guard let value else { return }
            try self.key(key)
            try level.json.string(value)
        }

        public mutating func field(_ key: StaticString, _ value: Int?) throws {
            guard let value else { return }
            try self.key(key)
            try level.json.number(value)
        }

        public mutating func field(_ key: StaticString, _ value: Double?) throws {
            guard let value else { return }
            try self.key(key)
            try level.json.number(value)
        }

        public mutating func field(_ key: StaticString, _ value: Bool) throws {
            try self.key(key)
            try level.json.raw(value ? "true" : "false")
        }

        /// An object member of numbers under keys that are data (a
        /// `[String: Double]`'s), sorted with `<`: for keys of lower-case
        /// letters (stage names) the order of JSONEncoder's `sortedKeys`.
        public mutating func numbers(_ key: StaticString, _ values: [String: Double]) throws {
            try object(key) { members in
                for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                    try members.level.next()
                    try members.level.json.string(key)
                    try members.level.json.raw(" : ")
                    try members.level.json.number(value)
                }
            }
        }

        /// A time (`DocumentJSONWriter.date`).
        public mutating func date(_ key: StaticString, _ value: Date) throws {
            try self.key(key)
            try level.json.date(value)
        }

        public mutating func object(_ key: StaticString, _ body: (inout Members) throws -> Void) throws {
            try self.key(key)
            try Members.write(level.json, depth: level.depth + 1, body)
        }

        /// An array member whose elements `body` writes, even when empty (an
        /// empty Swift array is encoded, unlike nil).
        public mutating func array(_ key: StaticString, _ body: (inout Elements) throws -> Void) throws {
            try self.key(key)
            var elements = Elements(level: try Level.open("[", json: level.json, depth: level.depth + 1))
            try body(&elements)
            try elements.level.close("]")
        }

        /// `"key" : ` on a new line.
        private mutating func key(_ key: StaticString) throws {
            try level.next()
            let stream = level.json.stream
            try stream.append(UInt8(ascii: "\""))
            try stream.append(key)
            try stream.append("\" : ")
        }
    }

    /// The elements of one array, each on its own line.
    public struct Elements {
        fileprivate var level: Level

        public mutating func string(_ value: String) throws {
            try level.next()
            try level.json.string(value)
        }

        public mutating func object(_ body: (inout Members) throws -> Void) throws {
            try level.next()
            try Members.write(level.json, depth: level.depth + 1, body)
        }
    }

    /// One object's or array's lines: opened after its key (or at the
    /// start), each item on a new line one indent in, and closed on a line
    /// of its own at the opening line's indent.
    fileprivate struct Level {
        let json: DocumentJSONWriter
        /// The indents of the line that opens it.
        let depth: Int
        private var isFirst = true

        private init(json: DocumentJSONWriter, depth: Int) {
            self.json = json
            self.depth = depth
        }

        static func open(_ bracket: StaticString, json: DocumentJSONWriter, depth: Int) throws -> Level {
            try json.stream.append(bracket)
            try json.stream.append(UInt8(ascii: "\n"))
            return Level(json: json, depth: depth)
        }

        /// Before an item: the comma ending the last line, and the indent.
        mutating func next() throws {
            if !isFirst { try json.stream.append(",\n") }
            isFirst = false
            try indent(depth + 1)
        }

        func close(_ bracket: StaticString) throws {
            try json.stream.append(UInt8(ascii: "\n"))
            try indent(depth)
            try json.stream.append(bracket)
        }

        private func indent(_ depth: Int) throws {
            let spaces: StaticString = "                                "
            var left = 2 * depth
            while left > 0 {
                let count = min(left, spaces.utf8CodeUnitCount)
                try json.stream.append(UnsafeRawBufferPointer(start: spaces.utf8Start, count: count))
                left -= count
            }
        }
    }
}
