/// The namespaces of SpreadsheetML packages and how a part of the package
/// is parsed. Transitional and strict (ISO) URIs share an index: readers
/// match on the meaning, not on the spelling.
enum OOXML {
    /// SpreadsheetML elements: `worksheet`, `c`, `sst`, `workbook`, ...
    static let main = 0
    /// `r:id` attributes pointing into a part's relationships.
    static let officeRelationships = 1
    /// The `Relationship` elements of `.rels` parts.
    static let packageRelationships = 2
    /// `xml:space`.
    static let xml = 3

    static let namespaces: [(uri: String, index: Int)] = [
        ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", main),
        ("http://purl.oclc.org/ooxml/spreadsheetml/main", main),
        ("http://schemas.openxmlformats.org/officeDocument/2006/relationships", officeRelationships),
        ("http://purl.oclc.org/ooxml/officeDocument/relationships", officeRelationships),
        ("http://schemas.openxmlformats.org/package/2006/relationships", packageRelationships),
        ("http://www.w3.org/XML/1998/namespace", xml),
    ]
}

extension ZipArchive {
    /// Streams entry `name` through a hardened XML parser into `handler`
    /// (a large entry is inflated on a second thread as it is parsed).
    func parseXML(_ name: String, with handler: some XMLStreamHandler) throws {
        try parseXML(name, namespaces: OOXML.namespaces, with: handler, from: nil)
    }
}

/// What a parsed part is remembered by (`BytesMemo`): its name, which
/// relative targets resolve against, and its bytes' CRC-32 and size.
struct RememberedPart: Hashable {
    var name: String
    var crc: UInt32
    var size: Int
}

extension ZipArchive {
    /// `read`'s value of small entry `name`, which `read` makes by parsing it
    /// with the handlers it passes: or the value made before from the same
    /// bytes, from `memo`. The workbooks of one template repeat their
    /// relationships, workbook part and styles byte for byte, and parsing
    /// each anew cost some 6% of a night's first run; inflating the entry and
    /// comparing its bytes costs a fraction of that. The parse is the same
    /// as `parseXML(_:with:)`'s, errors included.
    func parseXML<Value>(
        _ name: String, remembering memo: BytesMemo<RememberedPart, Value>,
        _ read: (_ parse: (any XMLStreamHandler) throws -> Void) throws -> Value
    ) throws -> Value {
        guard let entry = entry(named: name), entry.uncompressedSize <= memo.largest else {
            return try read { try parseXML(name, with: $0) }
        }
        let bytes = try readEntry(name)
        return try memo.value(of: bytes, key: RememberedPart(name: name, crc: entry.crc32, size: bytes.count)) {
            bytes in try read { try parseXML(name, namespaces: OOXML.namespaces, with: $0, from: bytes) }
        }
    }
}

extension BytesMemo where Key == RememberedPart {
    /// A memo of parsed package parts: relationships, workbook parts and
    /// styles are a few KiB; 64 distinct ones is more templates than a city uses.
    convenience init() {
        self.init(largest: 16 * 1024, capacity: 64)
    }
}
