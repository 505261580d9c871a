import Foundation

extension Double {
    /// The value × 10^`places`, by moving the decimal point of its shortest
    /// decimal form, so that 0.29 × 100 is 29 and not 28.999999999999996,
    /// 3.67 × 10,000 is 36,700 and 0.0442 万辆 is 442 辆, not
    /// 442.00000000000006: what the person typed, scaled, and nothing more.
    public func shiftedDecimal(by places: Int) -> Double {
        let text = "\(self)"
        let factor = pow(10, Double(places))
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }),
            let exponent = Int(text[text.index(after: e)...])
        {
            return Double("\(text[..<e])e\(exponent + places)") ?? self * factor
        }
        return Double(text + "e\(places)") ?? self * factor
    }
}
