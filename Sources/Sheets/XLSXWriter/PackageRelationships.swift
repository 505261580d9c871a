/// The `.rels` parts that link the package: the root's (workbook and
/// properties), the workbook's (sheets, theme, styles, shared strings), a
/// sheet's (its drawing) and a drawing's (its charts).
enum PackageRelationships {
    private static let header: StaticString =
        #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    private static let officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    /// `_rels/.rels`
    static func writeRoot(to out: ByteStream) throws {
        try out.appendXMLDeclaration()
        try out.append(header)
        try writeRelationship(1, type: officeDocument + "officeDocument", target: "xl/workbook.xml", to: out)
        try writeRelationship(
            2, type: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            target: "docProps/core.xml", to: out)
        try writeRelationship(3, type: officeDocument + "extended-properties", target: "docProps/app.xml", to: out)
        try out.append("</Relationships>")
    }

    /// `xl/_rels/workbook.xml.rels`: sheet i is `rId<i>`, then the theme, styles and shared strings, as Excel numbers them.
    static func writeWorkbook(sheetCount: Int, hasSharedStrings: Bool, to out: ByteStream) throws {
        try out.appendXMLDeclaration()
        try out.append(header)
        for number in 1...sheetCount {
            try writeRelationship(
                number, type: officeDocument + "worksheet",
                target: "worksheets/sheet\(number).xml", to: out)
        }
        try writeRelationship(sheetCount + 1, type: officeDocument + "theme", target: "theme/theme1.xml", to: out)
        try writeRelationship(sheetCount + 2, type: officeDocument + "styles", target: "styles.xml", to: out)
        if hasSharedStrings {
            try writeRelationship(
                sheetCount + 3, type: officeDocument + "sharedStrings", target: "sharedStrings.xml", to: out)
        }
        try out.append("</Relationships>")
    }

    /// `xl/worksheets/_rels/sheetN.xml.rels`: the sheet's drawing is `rId1`.
    static func writeSheet(drawing: Int, to out: ByteStream) throws {
        try out.appendXMLDeclaration()
        try out.append(header)
        try writeRelationship(1, type: officeDocument + "drawing", target: "../drawings/drawing\(drawing).xml", to: out)
        try out.append("</Relationships>")
    }

    /// `xl/drawings/_rels/drawingN.xml.rels`: the drawing's i-th chart is `rId<i>`.
    static func writeDrawing(charts: ClosedRange<Int>, to out: ByteStream) throws {
        try out.appendXMLDeclaration()
        try out.append(header)
        for (offset, chart) in charts.enumerated() {
            try writeRelationship(
                offset + 1, type: officeDocument + "chart", target: "../charts/chart\(chart).xml", to: out)
        }
        try out.append("</Relationships>")
    }

    private static func writeRelationship(_ id: Int, type: String, target: String, to out: ByteStream) throws {
        try out.append(#"<Relationship Id="rId"#)
        try out.appendDecimal(id)
        try out.append(#"" Type=""#)
        try out.append(utf8: type)
        try out.append(#"" Target=""#)
        try out.append(utf8: target)
        try out.append(#""/>"#)
    }
}
