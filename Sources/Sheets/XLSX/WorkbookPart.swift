/// `xl/workbook.xml`: the sheets in tab order with their visibility and
/// relationship ids, the date system, and the defined names.
struct WorkbookPart {
    struct Sheet {
        var name: String
        var relationshipID: String
        var visibility: SheetVisibility
    }

    var sheets: [Sheet] = []
    /// Serials count from 1904-01-01 (old Mac workbooks).
    var uses1904DateSystem = false
    var definedNames: [DefinedName] = []

    static func read(_ part: String, in archive: ZipArchive) throws -> WorkbookPart {
        try archive.parseXML(part, remembering: remembered) { parse in
            let reader = Reader()
            try parse(reader)
            return reader.workbook
        }
    }

    private static let remembered = BytesMemo<RememberedPart, WorkbookPart>()

    private final class Reader: XMLStreamHandler {
        var workbook = WorkbookPart()
        /// The defined name being read; its formula is the element's text.
        var name: DefinedName?

        func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
            guard name.namespace == OOXML.main else { return }
            if name.is("sheet") {
                let state = attributes.string("state")
                workbook.sheets.append(
                    Sheet(
                        name: attributes.string("name") ?? "",
                        relationshipID: attributes.string("id", namespace: OOXML.officeRelationships) ?? "",
                        visibility: state == "hidden" ? .hidden : state == "veryHidden" ? .veryHidden : .visible))
            } else if name.is("workbookPr") {
                let value = attributes.string("date1904")
                workbook.uses1904DateSystem = value == "1" || value == "true"
            } else if name.is("definedName") {
                self.name = DefinedName(
                    name: attributes.string("name") ?? "", formula: "",
                    sheetIndex: attributes.string("localSheetId").flatMap { Int($0) },
                    isHidden: attributes.string("hidden") == "1" || attributes.string("hidden") == "true")
            }
        }

        func endElement(_ name: XMLName) throws {
            if name.is("definedName", in: OOXML.main), let defined = self.name {
                workbook.definedNames.append(defined)
                self.name = nil
            }
        }

        func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
            name?.formula += String(decoding: text, as: UTF8.self)
        }
    }
}

/// A workbook's named range or formula, e.g. `_xlnm.Print_Area` or `地区`.
public struct DefinedName: Sendable, Equatable {
    public var name: String
    /// What the name refers to, e.g. `Sheet1!$A$1:$C$9`.
    public var formula: String
    /// The 0-based sheet a local name belongs to; nil for workbook-wide names.
    public var sheetIndex: Int?
    public var isHidden: Bool
}
