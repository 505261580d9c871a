import Catalog
import Foundation

/// A number typed together with a unit or a 万/亿 multiplier in one cell:
/// `3.67万`, `3.5万辆`, `120辆`.
///
/// Such a cell is not read as a figure: the row's unit column is the one
/// place for a unit (`3.67万` beside 单位 万辆 would mean two scalings), and
/// `3.67万` is usually a rounded figure copied from a report where the
/// ledger wants the count. The department is told what to type instead
/// (ARCHITECTURE.md, "A number with 万 in it").
struct NumberWithUnit {
    /// The number as written before the suffix (3.67).
    let number: Double
    /// What follows it (万, 万辆, 辆).
    let suffix: String

    init?(_ text: String) {
        guard let start = text.firstIndex(where: { !Self.numberCharacters.contains($0) }), start > text.startIndex,
            let reading = NumberText.parse(text[..<start]), !reading.isPercent
        else { return nil }
        let suffix = text[start...].trimmingCharacters(in: .whitespaces)
        // Digits after the unit are no number with a unit (万 itself is a number to Unicode).
        guard !suffix.isEmpty, !suffix.contains(where: { ("0"..."9").contains($0) || ("０"..."９").contains($0) })
        else { return nil }
        number = reading.value
        self.suffix = suffix
    }

    /// What to type for `indicator` instead, in Chinese and English; nil
    /// when the suffix is neither a multiplier nor a unit that fits it.
    func advice(for indicator: Indicator, catalog: Catalog) -> (zh: String, en: String)? {
        let unit = indicator.unit
        let written = CellReading.format(number)
        if let places = Self.multipliers[suffix] {
            // 3.67万 in 万元 is 3.67 万元, 1.2亿 is 12,000 万元 (or 1.2 亿元); in 辆, 3.67万 is 36,700 辆.
            let inWan = unit.hasPrefix("万")
            let plain = CellReading.format(number.shiftedDecimal(by: inWan ? places - 4 : places))
            let spelled = suffix + (inWan ? String(unit.dropFirst()) : unit)
            guard spelled != unit, catalog.conversion(from: spelled)?.to == unit else {
                return (
                    "本指标“\(indicator.name)”的单位是\(unit)，请填 \(plain)。",
                    "the unit of \(indicator.code) is \(unit): write \(plain)."
                )
            }
            return (
                "本指标“\(indicator.name)”的单位是\(unit)，请填 \(plain)；或填 \(written) 并在“单位”列填“\(spelled)”。",
                "the unit of \(indicator.code) is \(unit): write \(plain), or \(written) with unit \(spelled)."
            )
        }
        guard let conversion = catalog.conversion(from: suffix), conversion.to == unit else { return nil }
        guard suffix != unit else {
            return ("请只填数字 \(written)（单位已是\(unit)）。", "write the number \(written) alone (the unit is \(unit)).")
        }
        let plain = CellReading.format(conversion.apply(number))
        return (
            "请填 \(written) 并在“单位”列填“\(suffix)”；或直接填 \(plain)（单位\(unit)）。",
            "write \(written) with unit \(suffix) in the unit column, or \(plain) (\(unit))."
        )
    }

    /// 万 and 亿 as powers of ten.
    private static let multipliers = ["万": 4, "亿": 8]
    /// What a number typed by a person is made of: digits, signs, separators
    /// and spaces, half- and full-width.
    private static let numberCharacters = Set("0123456789.,+-eE ０１２３４５６７８９．，＋－\u{3000}")
}
