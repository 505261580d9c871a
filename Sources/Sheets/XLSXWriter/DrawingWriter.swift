/// A sheet's drawing part, `xl/drawings/drawingN.xml`: where each of its
/// charts sits, as two cell corners with offsets (libxlsxwriter's
/// `drawing.c`). Chart i of the sheet is relationship `rId<i>`.
enum DrawingWriter {
    /// A corner: 0-based column and row, and the offset into that cell in EMU.
    struct Corner: Equatable {
        var column: Int, columnOffset: Int, row: Int, rowOffset: Int
    }

    struct Anchor: Equatable {
        var from: Corner, to: Corner
    }

    /// English Metric Units per pixel at 96 dpi.
    static let emuPerPixel = 9525.0

    /// The corners of an object `width` × `height` pixels whose top left is
    /// `offset` pixels into `cell`, on columns and rows `columnPixels(c)` and
    /// `rowPixels(r)` wide and high (0-based), as Excel positions it.
    static func anchor(
        cell: CellReference, offset: (x: Int, y: Int) = (0, 0), width: Int, height: Int,
        columnPixels: (Int) -> Int, rowPixels: (Int) -> Int
    ) -> Anchor {
        // Offsets past a cell move the corner on; hidden columns (0 pixels) are passed over.
        func corners(start: Int, offset: Int, length: Int, size: (Int) -> Int) -> (Int, Int, Int, Int) {
            var start = start
            var offset = offset
            while offset >= size(start) {
                offset -= size(start)
                start += 1
            }
            var end = start
            var rest = length + offset
            while rest >= size(end) {
                rest -= size(end)
                end += 1
            }
            return (start, offset, end, rest)
        }
        let (column, x1, endColumn, x2) = corners(
            start: cell.column - 1, offset: offset.x, length: width, size: columnPixels)
        let (row, y1, endRow, y2) = corners(start: cell.row - 1, offset: offset.y, length: height, size: rowPixels)
        func emu(_ pixels: Int) -> Int { Int(Double(pixels) * emuPerPixel + 0.5) }
        return Anchor(
            from: Corner(column: column, columnOffset: emu(x1), row: row, rowOffset: emu(y1)),
            to: Corner(column: endColumn, columnOffset: emu(x2), row: endRow, rowOffset: emu(y2)))
    }

    static func write(_ anchors: [Anchor], to out: ByteStream) throws {
        try out.appendXMLDeclaration()
        try out.append(
            #"<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#
        )
        for (index, anchor) in anchors.enumerated() {
            try out.append("<xdr:twoCellAnchor>")
            try writeCorner("from", anchor.from, to: out)
            try writeCorner("to", anchor.to, to: out)
            // Shape id 1 is the drawing itself.
            try out.append(#"<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id=""#)
            try out.appendDecimal(index + 2)
            try out.append(#"" name="Chart "#)
            try out.appendDecimal(index + 1)
            try out.append(
                #""/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId"#
            )
            try out.appendDecimal(index + 1)
            try out.append(#""/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"#)
        }
        try out.append("</xdr:wsDr>")
        try out.flush()
    }

    private static func writeCorner(_ name: StaticString, _ corner: Corner, to out: ByteStream) throws {
        try out.append("<xdr:")
        try out.append(name)
        try out.append("><xdr:col>")
        try out.appendDecimal(corner.column)
        try out.append("</xdr:col><xdr:colOff>")
        try out.appendDecimal(corner.columnOffset)
        try out.append("</xdr:colOff><xdr:row>")
        try out.appendDecimal(corner.row)
        try out.append("</xdr:row><xdr:rowOff>")
        try out.appendDecimal(corner.rowOffset)
        try out.append("</xdr:rowOff></xdr:")
        try out.append(name)
        try out.append(">")
    }
}
