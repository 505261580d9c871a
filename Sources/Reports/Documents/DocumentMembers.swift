import Foundation

/// The top-level members of a JSON object, compacted (the whitespace
/// between tokens dropped, strings as they are), for a document that
/// carries another one's fields at its top level and is made from that
/// one's bytes without decoding it: the portal's upload answer, from the
/// receipt the run wrote.
public struct DocumentMembers {
    private var bytes: [UInt8] = []
    private var members: [(key: Range<Int>, value: Range<Int>)] = []

    /// A document is not an object, or not whole.
    public struct Malformed: Error, CustomStringConvertible {
        public var description: String { "JSON 文档不完整 not a whole JSON object" }
    }

    public init(of document: Data) throws {
        bytes.reserveCapacity(document.count)
        var depth = 0
        var (inString, escaped, readingKey, expectingKey) = (false, false, false, false)
        var (keyStart, keyEnd, valueStart) = (0, 0, 0)
        func endMember() throws {
            guard keyStart <= keyEnd, keyEnd < valueStart, valueStart < bytes.count else { throw Malformed() }
            members.append((keyStart..<keyEnd, valueStart..<bytes.count))
        }
        for byte in document {
            if inString {
                bytes.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if readingKey { (keyEnd, readingKey) = (bytes.count - 1, false) }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "\""):
                inString = true
                if depth == 1 && expectingKey { (keyStart, readingKey, expectingKey) = (bytes.count + 1, true, false) }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth > 0 || (byte == UInt8(ascii: "{") && bytes.isEmpty) else { throw Malformed() }
                depth += 1
                if depth == 1 { expectingKey = true }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                // An empty object has no member to end.
                if depth == 1 && !expectingKey { try endMember() }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 1 {
                    try endMember()
                    expectingKey = true
                }
            case UInt8(ascii: ":"):
                if depth == 1 { valueStart = bytes.count + 1 }
            default:
                break
            }
            guard depth >= 0 else { throw Malformed() }
            bytes.append(byte)
        }
        guard depth == 0, !inString, bytes.last == UInt8(ascii: "}") else { throw Malformed() }
    }

    /// The value's bytes (compact JSON) of the member named `key`, if any.
    public func value(of key: String) -> ArraySlice<UInt8>? {
        members.first { bytes[$0.key].elementsEqual(key.utf8) }.map { bytes[$0.value] }
    }

    /// The object compact, with `added` (key and compact value) among its
    /// members, replacing any of the same key, all in the order
    /// JSONEncoder's `sortedKeys` gives keys of ASCII letters and digits
    /// (as DocumentJSON's are): case-insensitive.
    public func adding(_ added: [(key: String, value: [UInt8])]) -> Data {
        let added = added.sorted { Self.precedes($0.key.utf8, $1.key.utf8) }
        var out = Data("{".utf8)
        out.reserveCapacity(bytes.count + added.reduce(0) { $0 + $1.key.utf8.count + $1.value.count + 4 })
        var (member, addition) = (0, 0)
        func write(key: some Sequence<UInt8>, value: some Sequence<UInt8>) {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: key)
            out.append(contentsOf: "\":".utf8)
            out.append(contentsOf: value)
        }
        while member < members.count || addition < added.count {
            let key = member < members.count ? bytes[members[member].key] : nil
            if addition < added.count, key == nil || !Self.precedes(key!, added[addition].key.utf8) {
                let (name, value) = added[addition]
                if let key, key.elementsEqual(name.utf8) { member += 1 }  // replaced
                write(key: name.utf8, value: value)
                addition += 1
            } else {
                write(key: key!, value: bytes[members[member].value])
                member += 1
            }
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Whether key `a` sorts before `b`: byte by byte, ASCII letters as lower case.
    static func precedes(_ a: some Sequence<UInt8>, _ b: some Sequence<UInt8>) -> Bool {
        func folded(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
        }
        return a.lazy.map(folded).lexicographicallyPrecedes(b.lazy.map(folded))
    }
}
