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
        var longest = 0
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                longest = max(longest, current)
                current = 0
            } else {
                current += isWide(scalar) ? 2 : 1
            }
        }
        longest = max(longest, current)
        return min(maximum, max(standard, Double(longest) + 2))
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
