import Foundation

/// How a figure is printed in a message (receipts, issues, the console): in
/// its shortest form, without the noise of binary arithmetic. 4.42 万辆 is
/// 44,200.000000000007 辆 in a `Double`; a message says 44200.
public enum FigureText {
    /// `value` rounded to `decimals` places (the indicator's, as the roll-up
    /// shows it: `Catalog.figureText(_:of:)`), or without them to 12
    /// significant digits, which drops a conversion's noise and nothing a
    /// person types; then `3.5`, `12000`, `0.125`.
    public static func of(_ value: Double, decimals: Int? = nil) -> String {
        guard value.isFinite else { return String(value) }
        guard let decimals else { return twelveDigits(value) }
        let shift = pow(10, Double(decimals))
        return shortest((value * shift).rounded() / shift)
    }

    /// `value` to 12 significant digits, in its shortest form. A value whose
    /// shortest form has no more digits is that form already: the 12-digit
    /// decimal nearest to it is no farther from it than that form, so it reads
    /// back as the same `Double`. Only the others pay for `String(format:)`,
    /// which was most of writing a receipt's figures.
    static func twelveDigits(_ value: Double) -> String {
        let text = shortest(value)
        var digits = 0
        var leading = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if byte != UInt8(ascii: "0") { leading = false }
                if !leading { digits += 1 }
            case UInt8(ascii: "-"), UInt8(ascii: "."): continue
            default: digits = .max  // an exponent: let the format decide
            }
            if digits > 12 { return shortest(Double(String(format: "%.12g", value)) ?? value) }
        }
        return text
    }

    /// `12000`, not `12000.0`; otherwise Swift's shortest round-trip form.
    public static func shortest(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
