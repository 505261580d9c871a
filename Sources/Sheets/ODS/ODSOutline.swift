/// The OpenDocument namespaces the reader matches, by URI, never by prefix.
enum ODSNamespace {
    /// `office:body`, `office:spreadsheet`, `office:value-type`, `office:annotation`, ...
    static let office = 0
    /// `table:table`, `table:table-row`, `table:table-cell`, their repeat and span attributes.
    static let table = 1
    /// `text:p`, `text:s`, `text:tab`, `text:line-break`.
    static let text = 2
    /// `style:style` and `style:table-properties` (a sheet's `table:display`).
    static let style = 3
    /// LibreOffice's extension: `calcext:value-type="error"`.
    static let calcext = 4

    static let namespaces: [(uri: String, index: Int)] = [
        ("urn:oasis:names:tc:opendocument:xmlns:office:1.0", office),
        ("urn:oasis:names:tc:opendocument:xmlns:table:1.0", table),
        ("urn:oasis:names:tc:opendocument:xmlns:text:1.0", text),
        ("urn:oasis:names:tc:opendocument:xmlns:style:1.0", style),
        ("urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0", calcext),
    ]
}

/// The sheets of `content.xml`: each top-level `table:table` of
/// `office:spreadsheet` with its name, hidden when its table style says
/// `table:display="false"`.
final class ODSOutline: XMLStreamHandler {
    private(set) var sheets: [SheetInfo] = []
    /// Table styles that hide their sheet, by `style:name`.
    private var hiddenStyles: Set<String> = []
    private var styleName: String?
    private var tableDepth = 0

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        switch name.namespace {
        case ODSNamespace.table where name.is("table"):
            tableDepth += 1
            guard tableDepth == 1 else { return }
            let style = attributes.string("style-name", namespace: ODSNamespace.table)
            let hidden = style.map(hiddenStyles.contains) ?? false
            sheets.append(
                SheetInfo(
                    name: Self.sheetName(attributes, index: sheets.count),
                    index: sheets.count, visibility: hidden ? .hidden : .visible))
        case ODSNamespace.style where name.is("style"):
            styleName =
                attributes.string("family", namespace: ODSNamespace.style) == "table"
                ? attributes.string("name", namespace: ODSNamespace.style) : nil
        case ODSNamespace.style where name.is("table-properties"):
            if let styleName, attributes.string("display", namespace: ODSNamespace.table) == "false" {
                hiddenStyles.insert(styleName)
            }
        default:
            break
        }
    }

    /// A sheet's name from its `table:table` start tag; a table without one is named by its place.
    static func sheetName(_ attributes: XMLAttributes, index: Int) -> String {
        attributes.string("name", namespace: ODSNamespace.table) ?? "Sheet\(index + 1)"
    }

    func endElement(_ name: XMLName) throws {
        if name.is("table", in: ODSNamespace.table) { tableDepth -= 1 }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
}
