/// A part's relationships (`xl/_rels/workbook.xml.rels` for
/// `xl/workbook.xml`): which other parts it points to, by id and type.
struct Relationships {
    struct Relationship {
        var id: String
        /// The type URI; its last segment says what the target is
        /// (`worksheet`, `sharedStrings`, `styles`, `officeDocument`).
        var type: String
        /// The target as a part name in the archive, resolved against the
        /// source part (absolute targets start at the package root).
        var target: String
    }

    var all: [Relationship] = []

    /// The target of the relationship with `id`.
    func target(id: String) -> String? {
        all.first { $0.id == id }?.target
    }

    /// The target of the first relationship whose type ends in `/kind`.
    func target(kind: String) -> String? {
        all.first { $0.type.hasSuffix("/" + kind) }?.target
    }

    /// Reads the relationships of `part` (`""` for the package itself);
    /// a part without a relationships part has none.
    static func read(of part: String, in archive: ZipArchive) throws -> Relationships {
        let name = relationshipsPartName(of: part)
        guard archive.entry(named: name) != nil else { return Relationships() }
        return try archive.parseXML(name, remembering: remembered) { parse in
            let reader = Reader(source: part)
            try parse(reader)
            return reader.relationships
        }
    }

    /// Keyed by the relationships part's name, which names the source part
    /// its targets resolve against.
    private static let remembered = BytesMemo<RememberedPart, Relationships>()

    /// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; `""` → `_rels/.rels`.
    static func relationshipsPartName(of part: String) -> String {
        let (folder, file) = split(part)
        return folder + "_rels/" + file + ".rels"
    }

    /// Resolves `target` against the folder of `source`: `/xl/a.xml` is
    /// absolute, `worksheets/sheet1.xml` and `../x.xml` are relative.
    static func resolve(_ target: String, from source: String) -> String {
        let joined = target.hasPrefix("/") ? target : split(source).folder + target
        if isNormal(joined) { return joined }
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// Whether `path` has nothing to resolve: no empty segment and none that
    /// starts with a dot (so no `.` or `..`). Most targets are so, and
    /// splitting and joining each cost 0.3% of a night.
    private static func isNormal(_ path: String) -> Bool {
        var previous = UInt8(ascii: "/")
        for byte in path.utf8 {
            if previous == UInt8(ascii: "/"), byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") { return false }
            previous = byte
        }
        return previous != UInt8(ascii: "/")
    }

    /// The folder (with its trailing `/`, or empty) and the file name of a part.
    private static func split(_ part: String) -> (folder: String, file: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[...slash]), String(part[part.index(after: slash)...]))
    }

    private final class Reader: XMLStreamHandler {
        let source: String
        var relationships = Relationships()

        init(source: String) { self.source = source }

        func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
            guard name.is("Relationship", in: OOXML.packageRelationships),
                attributes.string("TargetMode") != "External",
                let id = attributes.string("Id"), let target = attributes.string("Target")
            else { return }
            relationships.all.append(
                Relationship(
                    id: id, type: attributes.string("Type") ?? "", target: Relationships.resolve(target, from: source)))
        }

        func endElement(_ name: XMLName) throws {}
        func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
    }
}
