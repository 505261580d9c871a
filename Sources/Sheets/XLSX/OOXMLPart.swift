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
        let parser = XMLStreamParser(handler: handler, namespaces: OOXML.namespaces, file: path, part: name)
        try streamEntryInflatingAhead(name) { try parser.feed($0) }
        try parser.finish()
    }
}
