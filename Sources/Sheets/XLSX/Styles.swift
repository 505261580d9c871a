/// `xl/styles.xml`, reduced to what reading needs: for each cell style
/// (`cellXfs`, which cells name with `s="N"`), whether its number format is
/// a date or time.
struct Styles {
    /// `dateStyles[s]` is true when style `s` formats numbers as dates.
    private(set) var dateStyles: [Bool] = []

    /// Whether style index `s` shows dates; unknown indexes do not.
    @inline(__always)
    func isDate(_ style: Int) -> Bool {
        style >= 0 && style < dateStyles.count && dateStyles[style]
    }

    static func read(_ part: String, in archive: ZipArchive) throws -> Styles {
        let reader = Reader()
        try archive.parseXML(part, with: reader)
        return Styles(dateStyles: reader.formatIDs.map { id in
            reader.customCodes[id].map(NumberFormat.isDate(code:)) ?? NumberFormat.isDate(builtIn: id)
        })
    }

    private final class Reader: XMLStreamHandler {
        /// Custom format codes by id; they may redefine built-in ids.
        var customCodes: [Int: String] = [:]
        /// The number-format id of each `cellXfs` entry, in order.
        var formatIDs: [Int] = []
        var inCellFormats = false

        func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
            guard name.namespace == OOXML.main else { return }
            if name.is("numFmt"), let id = attributes.string("numFmtId").flatMap({ Int($0) }) {
                customCodes[id] = attributes.string("formatCode") ?? ""
            } else if name.is("cellXfs") {
                inCellFormats = true
            } else if name.is("xf"), inCellFormats {
                formatIDs.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
            }
        }

        func endElement(_ name: XMLName) throws {
            if name.is("cellXfs", in: OOXML.main) { inCellFormats = false }
        }

        func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
    }
}
