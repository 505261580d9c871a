/// Column widths in Excel's unit, the width of one `0` of the default font.
public enum ColumnWidth {
    /// Excel's width of a column nobody sized.
    public static let standard = 8.43
    /// Widest column `fitting` suggests; longer text wraps or spills.
    public static let maximum = 60.0

    /// A width that shows `text` whole: East Asian wide characters (汉字,
    /// full-width forms, kana, hangul) count two units, others one, plus a
    /// little padding; the longest line counts for multi-line text.
    public static func fitting(_ text: String) -> Double {
        let longest = lineWidths(text, wide: 2).max() ?? 0
        return min(maximum, max(standard, longest.rounded(.up) + 2))
    }

    /// Units a wide character takes on screen: 15 pixels of 11-point 等线 over
    /// its 8-pixel digit in Excel (LibreOffice's substitute fonts take about 1.6).
    static let wideCharacterUnits = 1.875

    /// The lines `text` takes wrapped in a column (or merged range) `width`
    /// units wide, as Excel breaks it: what a row's height must allow, since
    /// neither Excel nor LibreOffice sizes a written row to its wrapped text.
    public static func lineCount(_ text: String, width: Double) -> Int {
        let perLine = max(1, width.rounded(.down) - 1)
        return lineWidths(text, wide: wideCharacterUnits).reduce(0) {
            $0 + max(1, Int(($1 / perLine).rounded(.up)))
        }
    }

    /// Points a line of 11-point text takes in a row.
    public static let lineHeight = 14.5

    /// The height of a row whose cells hold `texts` wrapped in columns of
    /// their widths, or nil when every text takes one line (the default height).
    public static func rowHeight(_ texts: [(text: String, width: Double)]) -> Double? {
        let lines = texts.map { lineCount($0.text, width: $0.width) }.max() ?? 1
        return lines > 1 ? Double(lines) * lineHeight : nil
    }

    /// Each line's width in units, a wide character counting `wide`.
    private static func lineWidths(_ text: String, wide: Double) -> [Double] {
        var widths: [Double] = []
        var current = 0.0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                widths.append(current)
                current = 0
            } else {
                current += isWide(scalar) ? wide : 1
            }
        }
        widths.append(current)
        return widths
    }

    /// Wide in East Asian typesetting (Unicode East_Asian_Width W or F, main blocks).
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
