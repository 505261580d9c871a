/// The workbook's `xl/styles.xml`: every registered `CellStyle` becomes one
/// cell format (`xf`) made of deduplicated fonts, fills, borders and number
/// formats; conditional formats register differential formats (`dxf`).
/// Entries keep the order of first registration, so output is deterministic.
struct StyleSheet {
    private struct Font: Hashable {
        var bold: Bool, italic: Bool, size: Double, color: Color?
    }

    private var fonts = UniqueList<Font>()
    /// Solid fills; Excel requires `none` and `gray125` as fills 0 and 1.
    private var fills = UniqueList<Color>()
    /// Borders; border 0 is no border.
    private var borders = UniqueList<Border>()
    /// Custom number format codes, ids from 164.
    private var numberFormats = UniqueList<String>()
    private var cellFormats = UniqueList<CellStyle>()
    private var differentialFormats = UniqueList<CellStyle>()

    static let firstCustomNumberFormatID = 164

    /// Every font as Chinese Excel writes its default: the theme's minor
    /// font (`scheme="minor"`: Calibri for Latin text, 等线 for Chinese, see
    /// `Theme`), named 等线 (DengXian, shipped with Office and Windows 10 and
    /// later) with the GB2312 character set (134), which marks it as the East
    /// Asian font, so Chinese text does not depend on another machine's
    /// fallbacks. Applications without 等线 substitute a Chinese sans-serif
    /// (LibreOffice, WPS: 宋体 or Noto Sans CJK).
    static let fontFace: StaticString =
        #"<name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/>"#

    init() {
        _ = cellFormats.index(of: CellStyle())
        _ = fonts.index(of: Font(bold: false, italic: false, size: 11, color: nil))
    }

    /// The handle of a style, registering it on first use.
    mutating func register(_ style: CellStyle) -> CellStyleID {
        let index = cellFormats.index(of: style)
        if index == cellFormats.count - 1 {
            _ = fonts.index(of: font(of: style))
            if let fill = style.fill { _ = fills.index(of: fill) }
            if let border = style.border { _ = borders.index(of: border) }
            if style.numberFormat.builtinID == nil { _ = numberFormats.index(of: style.numberFormat.code) }
        }
        return CellStyleID(index: index)
    }

    /// The `dxfId` of a conditional format's look (font colour, bold, fill, border).
    mutating func registerDifferential(_ style: CellStyle) -> Int {
        differentialFormats.index(of: style)
    }

    private func font(of style: CellStyle) -> Font {
        Font(bold: style.bold, italic: style.italic, size: style.fontSize, color: style.fontColor)
    }

    private func numberFormatID(of format: NumberFormat) -> Int {
        format.builtinID ?? Self.firstCustomNumberFormatID + numberFormats.position(of: format.code)!
    }

    func write(to out: ByteStream) throws {
        try out.appendXMLDeclaration()
        try out.append(#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)
        if numberFormats.count > 0 {
            try out.append(#"<numFmts count=""#)
            try out.appendDecimal(numberFormats.count)
            try out.append(#"">"#)
            for (offset, code) in numberFormats.items.enumerated() {
                try out.append(#"<numFmt numFmtId=""#)
                try out.appendDecimal(Self.firstCustomNumberFormatID + offset)
                try out.append(#"" formatCode=""#)
                try out.appendEscapedAttribute(code)
                try out.append(#""/>"#)
            }
            try out.append("</numFmts>")
        }
        try writeCount("fonts", fonts.count, to: out)
        for font in fonts.items { try writeFont(font, to: out) }
        try out.append("</fonts>")
        try writeCount("fills", fills.count + 2, to: out)
        try out.append(
            #"<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#)
        for color in fills.items {
            try out.append(#"<fill><patternFill patternType="solid"><fgColor rgb=""#)
            try out.append(utf8: color.argb)
            try out.append(#""/><bgColor indexed="64"/></patternFill></fill>"#)
        }
        try out.append("</fills>")
        try writeCount("borders", borders.count + 1, to: out)
        try out.append("<border><left/><right/><top/><bottom/><diagonal/></border>")
        for border in borders.items { try writeBorder(border, to: out) }
        try out.append("</borders>")
        try out.append(#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#)
        try writeCount("cellXfs", cellFormats.count, to: out)
        for style in cellFormats.items { try writeCellFormat(style, to: out) }
        try out.append("</cellXfs>")
        try out.append(#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#)
        try writeCount("dxfs", differentialFormats.count, to: out)
        for style in differentialFormats.items { try writeDifferentialFormat(style, to: out) }
        try out.append("</dxfs>")
        try out.append(
            #"<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>"#)
        try out.append("</styleSheet>")
    }

    private func writeCount(_ element: StaticString, _ count: Int, to out: ByteStream) throws {
        try out.append("<")
        try out.append(element)
        try out.append(#" count=""#)
        try out.appendDecimal(count)
        try out.append(#"">"#)
    }

    private func writeFont(_ font: Font, to out: ByteStream) throws {
        try out.append("<font>")
        if font.bold { try out.append("<b/>") }
        if font.italic { try out.append("<i/>") }
        try out.append(#"<sz val=""#)
        try out.appendNumber(font.size)
        try out.append(#""/>"#)
        // Text without a colour of its own is the theme's dark text (`dk1`, black), as Excel writes it.
        if let color = font.color { try writeColor(color, to: out) } else { try out.append(#"<color theme="1"/>"#) }
        try out.append(Self.fontFace)
        try out.append("</font>")
    }

    private func writeColor(_ color: Color, element: StaticString = "color", to out: ByteStream) throws {
        try out.append("<")
        try out.append(element)
        try out.append(#" rgb=""#)
        try out.append(utf8: color.argb)
        try out.append(#""/>"#)
    }

    private func writeBorder(_ border: Border, to out: ByteStream) throws {
        try out.append("<border>")
        for side: StaticString in ["left", "right", "top", "bottom"] {
            try out.append("<")
            try out.append(side)
            try out.append(#" style=""#)
            try out.append(utf8: border.line.rawValue)
            try out.append(#"">"#)
            try writeColor(border.color ?? .black, to: out)
            try out.append("</")
            try out.append(side)
            try out.append(">")
        }
        try out.append("<diagonal/></border>")
    }

    private func writeCellFormat(_ style: CellStyle, to out: ByteStream) throws {
        try out.append(#"<xf numFmtId=""#)
        try out.appendDecimal(numberFormatID(of: style.numberFormat))
        try out.append(#"" fontId=""#)
        try out.appendDecimal(fonts.position(of: font(of: style))!)
        try out.append(#"" fillId=""#)
        try out.appendDecimal(style.fill.map { fills.position(of: $0)! + 2 } ?? 0)
        try out.append(#"" borderId=""#)
        try out.appendDecimal(style.border.map { borders.position(of: $0)! + 1 } ?? 0)
        try out.append(#"" xfId="0""#)
        if style.numberFormat != .general { try out.append(#" applyNumberFormat="1""#) }
        if font(of: style) != fonts.items[0] { try out.append(#" applyFont="1""#) }
        if style.fill != nil { try out.append(#" applyFill="1""#) }
        if style.border != nil { try out.append(#" applyBorder="1""#) }
        let aligned = style.horizontal != nil || style.vertical != nil || style.wrap
        if aligned { try out.append(#" applyAlignment="1""#) }
        if !style.locked { try out.append(#" applyProtection="1""#) }
        guard aligned || !style.locked else { return try out.append("/>") }
        try out.append(">")
        if aligned {
            try out.append("<alignment")
            if let horizontal = style.horizontal {
                try out.append(#" horizontal=""#)
                try out.append(utf8: horizontal.rawValue)
                try out.append(#"""#)
            }
            if let vertical = style.vertical {
                try out.append(#" vertical=""#)
                try out.append(utf8: vertical.rawValue)
                try out.append(#"""#)
            }
            if style.wrap { try out.append(#" wrapText="1""#) }
            try out.append("/>")
        }
        if !style.locked { try out.append(#"<protection locked="0"/>"#) }
        try out.append("</xf>")
    }

    private func writeDifferentialFormat(_ style: CellStyle, to out: ByteStream) throws {
        try out.append("<dxf>")
        if style.bold || style.italic || style.fontColor != nil {
            try out.append("<font>")
            if style.bold { try out.append("<b/>") }
            if style.italic { try out.append("<i/>") }
            if let color = style.fontColor { try writeColor(color, to: out) }
            try out.append("</font>")
        }
        if let fill = style.fill {
            // In a dxf the solid colour is the pattern's background.
            try out.append("<fill><patternFill>")
            try writeColor(fill, element: "bgColor", to: out)
            try out.append("</patternFill></fill>")
        }
        if let border = style.border { try writeBorder(border, to: out) }
        try out.append("</dxf>")
    }
}

/// Values in order of first appearance, each once, with their positions.
struct UniqueList<Element: Hashable> {
    private(set) var items: [Element] = []
    private var positions: [Element: Int] = [:]

    var count: Int { items.count }

    /// The item's position, appending it if new.
    mutating func index(of item: Element) -> Int {
        if let position = positions[item] { return position }
        positions[item] = items.count
        items.append(item)
        return items.count - 1
    }

    func position(of item: Element) -> Int? { positions[item] }
}
