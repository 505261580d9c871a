/// `xl/styles.xml`, reduced to what reading needs: for each cell style
/// (`cellXfs`, which cells name with `s="N"`), whether its number format
/// shows a date or time, a percentage, or a plain number.
struct Styles {
    /// `shown[s]`: how style `s` shows numbers.
    private(set) var shown: [NumberFormat.Shown] = []

    /// How style index `s` shows numbers; unknown indexes as plain numbers.
    @inline(__always)
    func shown(_ style: Int) -> NumberFormat.Shown {
        style >= 0 && style < shown.count ? shown[style] : .number
    }

    static func read(_ part: String, in archive: ZipArchive) throws -> Styles {
        try archive.parseXML(part, remembering: remembered) { parse in
            let reader = Reader()
            try parse(reader)
            return Styles(
                shown: reader.formatIDs.map { id in
                    reader.customCodes[id].map(NumberFormat.shown(code:)) ?? NumberFormat.shown(builtIn: id)
                })
        }
    }

    private static let remembered = BytesMemo<RememberedPart, Styles>()

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
