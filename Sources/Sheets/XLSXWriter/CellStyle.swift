/// How a cell looks: font, fill, border, alignment, number format and
/// whether a protected sheet keeps it locked. A plain value: equal styles
/// share one entry of `styles.xml`.
public struct CellStyle: Hashable, Sendable {
    public var bold = false
    public var italic = false
    /// Font size in points.
    public var fontSize = 11.0
    public var fontColor: Color?
    /// Solid background.
    public var fill: Color?
    public var border: Border?
    public var horizontal: HorizontalAlignment?
    public var vertical: VerticalAlignment?
    public var wrap = false
    public var numberFormat: NumberFormat = .general
    /// Whether the cell is locked when the sheet is protected; input cells
    /// of a template set it to false.
    public var locked = true

    public init(
        bold: Bool = false, italic: Bool = false, fontSize: Double = 11, fontColor: Color? = nil,
        fill: Color? = nil, border: Border? = nil, horizontal: HorizontalAlignment? = nil,
        vertical: VerticalAlignment? = nil, wrap: Bool = false, numberFormat: NumberFormat = .general,
        locked: Bool = true
    ) {
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.fill = fill
        self.border = border
        self.horizontal = horizontal
        self.vertical = vertical
        self.wrap = wrap
        self.numberFormat = numberFormat
        self.locked = locked
    }

    /// The look of a table header: bold, light grey fill, thin borders,
    /// centred and wrapped.
    public static let header = CellStyle(
        bold: true, fill: Color(rgb: 0xD9D9D9), border: .thin,
        horizontal: .center, vertical: .center, wrap: true)
}

/// An opaque RGB colour, e.g. `Color(rgb: 0xFFC7CE)`.
public struct Color: Hashable, Sendable {
    public var rgb: UInt32

    public init(rgb: UInt32) { self.rgb = rgb & 0xFF_FFFF }

    public static let black = Color(rgb: 0x000000)
    public static let red = Color(rgb: 0x9C0006)
    public static let lightRed = Color(rgb: 0xFFC7CE)
    public static let green = Color(rgb: 0x006100)
    public static let lightGreen = Color(rgb: 0xC6EFCE)
    public static let dataBarBlue = Color(rgb: 0x638EC6)

    /// `FF` + six hex digits, as `styles.xml` wants.
    var argb: String {
        let hex = String(rgb, radix: 16, uppercase: true)
        return "FF" + String(repeating: "0", count: 6 - hex.count) + hex
    }
}

/// The same line on all four sides of a cell.
public struct Border: Hashable, Sendable {
    public enum Line: String, Sendable {
        case thin, medium, thick, dashed, dotted, double, hair
    }

    public var line: Line
    public var color: Color?

    public init(_ line: Line, color: Color? = nil) {
        self.line = line
        self.color = color
    }

    public static let thin = Border(.thin)
}

public enum HorizontalAlignment: String, Sendable {
    case left, center, right, fill, justify, centerContinuous
}

public enum VerticalAlignment: String, Sendable {
    case top, center, bottom, justify
}

/// A number format code. The ones Excel builds in keep their ids (0–49);
/// others get ids from 164 in `styles.xml`.
public struct NumberFormat: Hashable, Sendable {
    public var code: String

    public init(_ code: String) { self.code = code }

    public static let general = NumberFormat("General")
    /// `1234`
    public static let integer = NumberFormat("0")
    /// `1,234`
    public static let thousands = NumberFormat("#,##0")
    /// `1,234.56`
    public static let thousandsTwoDecimals = NumberFormat("#,##0.00")
    /// `12.3%` (the cell holds 0.123)
    public static let percentOneDecimal = NumberFormat("0.0%")
    /// `2025-06-30`
    public static let isoDate = NumberFormat("yyyy-mm-dd")
    /// `255:10:10`: elapsed hours, minutes, seconds (built-in 46)
    public static let elapsedTime = NumberFormat("[h]:mm:ss")
    /// `2025-06-30 14:05:00`
    public static let isoDateTime = NumberFormat("yyyy-mm-dd hh:mm:ss")

    /// The id Excel gives this code without a `<numFmt>` entry, if any.
    var builtinID: Int? { Self.builtins[code] }

    private static let builtins: [String: Int] = [
        "General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4,
        "0%": 9, "0.00%": 10, "0.00E+00": 11, "# ?/?": 12, "# ??/??": 13,
        "h:mm": 20, "h:mm:ss": 21, "@": 49,
    ]
}

/// A style registered with a workbook; cells refer to it by this handle so
/// that the row loop never hashes a `CellStyle`.
public struct CellStyleID: Hashable, Sendable {
    /// Index into `cellXfs`.
    let index: Int

    /// The workbook's default look (General, 等线 11).
    public static let `default` = CellStyleID(index: 0)
}
