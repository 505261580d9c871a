/// The first pass over an XML Spreadsheet 2003 file: the worksheets with
/// their names and visibility (`x:WorksheetOptions/x:Visible`), and the
/// styles whose number format shows dates or percentages.
final class XML2003Outline: XMLStreamHandler {
    private(set) var isWorkbook = false
    private(set) var sheets: [SheetInfo] = []
    /// Styles whose number format shows dates or percentages, by `ss:ID`.
    private(set) var numberStyles: [(id: [UInt8], shown: NumberFormat.Shown)] = []

    private var depth = 0
    private var styleID: [UInt8]?
    private var inWorksheetOptions = false
    private var inVisible = false
    private var text: [UInt8] = []

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
        depth += 1
        let ss = XML2003Namespace.spreadsheet
        let x = XML2003Namespace.excel
        if depth == 1 {
            isWorkbook = name.is("Workbook", in: ss)
        } else if name.is("Worksheet", in: ss) {
            let sheetName = attributes.string("Name", namespace: ss)
            sheets.append(SheetInfo(name: sheetName ?? "Sheet\(sheets.count + 1)", index: sheets.count))
        } else if name.is("Style", in: ss) {
            styleID = attributes.value("ID", namespace: ss).map(Array.init)
        } else if name.is("NumberFormat", in: ss), let styleID,
            let format = attributes.value("Format", namespace: ss)
        {
            let shown = XML2003NumberFormat.shown(format)
            if shown != .number { numberStyles.append((styleID, shown)) }
        } else if name.is("WorksheetOptions", in: x) {
            inWorksheetOptions = true
        } else if inWorksheetOptions, name.is("Visible", in: x) {
            inVisible = true
            text.removeAll(keepingCapacity: true)
        }
    }

    func endElement(_ name: XMLName) throws {
        depth -= 1
        if name.is("Style", in: XML2003Namespace.spreadsheet) {
            styleID = nil
        } else if name.is("WorksheetOptions", in: XML2003Namespace.excel) {
            inWorksheetOptions = false
        } else if inVisible {
            inVisible = false
            if !sheets.isEmpty {
                switch String(decoding: text, as: UTF8.self) {
                case "SheetHidden": sheets[sheets.count - 1].visibility = .hidden
                case "SheetVeryHidden": sheets[sheets.count - 1].visibility = .veryHidden
                default: break
                }
            }
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if inVisible { text.append(contentsOf: bytes) }
    }
}
