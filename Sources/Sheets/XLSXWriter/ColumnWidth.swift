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
        let longest = lineWidths(text).max() ?? 0
        return min(maximum, max(standard, Double(longest) + 2))
    }

    /// The lines `text` takes wrapped in a column (or merged range) `width`
    /// units wide: what a row's height must allow where no application
    /// sizes it (merged cells).
    public static func lineCount(_ text: String, width: Double) -> Int {
        let perLine = max(1, Int(width) - 1)
        return lineWidths(text).reduce(0) { $0 + max(1, ($1 + perLine - 1) / perLine) }
    }

    /// Each line's width in units.
    private static func lineWidths(_ text: String) -> [Int] {
        var widths: [Int] = []
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                widths.append(current)
                current = 0
            } else {
                current += isWide(scalar) ? 2 : 1
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
