/// Reads a number that a person typed as text into a cell or a CSV field.
///
/// Departments write `1,234.5`, `１２３４` (full-width digits from Chinese
/// input methods), `35%` and `-12`; all of these are numbers. Anything
/// else (`约100`, `1 234`, `12万`, `1,2`) is not, and the caller reports it.
public enum NumberText {
    /// What a text cell held, once read as a number.
    public struct Reading: Equatable, Sendable {
        /// The number as written: `35%` reads as 35.
        public var value: Double
        /// Whether the text ended in a percent sign.
        public var isPercent: Bool
    }

    public static func parse(_ text: some StringProtocol) -> Reading? {
        var folded = text.unicodeScalars.map(fold)
        while folded.last == space { folded.removeLast() }
        guard let start = folded.firstIndex(where: { $0 != space }) else { return nil }
        folded.removeFirst(start)

        var isPercent = false
        if folded.last == UInt8(ascii: "%") {
            isPercent = true
            folded.removeLast()
        }
        guard isValidGrouping(folded) else { return nil }
        let plain = folded.filter { $0 != UInt8(ascii: ",") }
        guard plain.allSatisfy({ numberBytes.contains($0) }),
            plain.contains(where: { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let value = Double(String(decoding: plain, as: UTF8.self)), value.isFinite
        else { return nil }
        return Reading(value: value, isPercent: isPercent)
    }

    private static let space = UInt8(ascii: " ")
    private static let numberBytes = Set("0123456789.-+eE".utf8)

    /// Thousands separators only between groups of three digits before the
    /// decimal point: `1,234,567.8` yes, `1,23` and `,123` no.
    private static func isValidGrouping(_ bytes: [UInt8]) -> Bool {
        guard bytes.contains(UInt8(ascii: ",")) else { return true }
        let integerPart = bytes.prefix { $0 != UInt8(ascii: ".") }
        guard !bytes.drop(while: { $0 != UInt8(ascii: ".") }).contains(UInt8(ascii: ",")) else { return false }
        let unsigned = integerPart.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        let groups = unsigned.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// Folds full-width forms (U+FF10 `０` …, U+FF0C `，`, U+FF05 `％`) and
    /// spaces to ASCII; 0 for anything that cannot be part of a number.
    private static func fold(_ scalar: Unicode.Scalar) -> UInt8 {
        switch scalar.value {
        case 0xFF01...0xFF5E: return UInt8(scalar.value - 0xFEE0)
        case 0x3000, 0x00A0, 0x09: return space
        case 0x20...0x7E: return UInt8(scalar.value)
        default: return 0
        }
    }
}
