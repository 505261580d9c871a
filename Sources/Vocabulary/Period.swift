/// A reporting month, written `YYYY-MM` (e.g. `2025-03`): the period every
/// monthly submission and every roll-up is keyed by.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `2025-03`, and the forms people type into a cell: `2025-3`,
    /// `2025/03`, `2025.03`, `202503` and `2025年3月`; and a day of the
    /// month as Excel shows a typed month once it made it a date
    /// (`2025/3/1`, `2025-03-01`, `2025年3月1日`).
    public init?(_ text: some StringProtocol) {
        if let plain = text.utf8.withContiguousStorageIfAvailable(Self.plain) ?? nil {
            self = plain
            return
        }
        let trimmed = text.trimmingWhitespace()
        let digits = trimmed.unicodeScalars.filter { ("0"..."9").contains($0) }.count
        var year = 0
        var month = 0
        if digits == trimmed.unicodeScalars.count, digits == 6 {
            let value = Int(trimmed)!
            year = value / 100
            month = value % 100
        } else {
            var withoutSuffix = Substring(trimmed)
            if withoutSuffix.hasSuffix("月") || withoutSuffix.hasSuffix("日") { withoutSuffix = withoutSuffix.dropLast() }
            let parts = withoutSuffix.split(whereSeparator: { "-/.年月".contains($0) })
            guard
                parts.count == 2
                    || (parts.count == 3 && (1...2).contains(parts[2].count)
                        && Int(parts[2]).map { (1...31).contains($0) } == true),
                parts[0].count == 4, (1...2).contains(parts[1].count),
                let y = Int(parts[0]), let m = Int(parts[1])
            else { return nil }
            year = y
            month = m
        }
        self.init(year: year, month: month)
    }

    /// Exactly `YYYY-MM`, read off its bytes: how the ledger, the file-state
    /// cache and the templates write every month (the ledger's history of a
    /// file is thousands of them), which the parser above takes some
    /// microseconds for. nil: any other text, for the parser (a month out of
    /// range too, which it refuses the same).
    private static func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> Period? {
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var number = 0
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                number = number * 10 + Int(digit)
            }
            return number
        }
        guard let year = number(0..<4), let month = number(5..<7) else { return nil }
        return Period(year: year, month: month)
    }

    /// The month `count` months later (earlier when negative).
    public func advanced(by count: Int) -> Period {
        let index = year * 12 + (month - 1) + count
        return Period(year: index / 12, month: index % 12 + 1)!
    }

    /// Months from `self` to `other`: `2025-01` to `2025-03` is 2.
    public func months(to other: Period) -> Int {
        (other.year * 12 + other.month) - (year * 12 + month)
    }

    /// The same month of another year, for comparisons with a base year.
    public func sameMonth(inYear other: Int) -> Period { Period(year: other, month: month)! }

    /// `2025-03`.
    public var description: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : String(month)
        return "\(y)-\(m)"
    }

    public static func < (lhs: Period, rhs: Period) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = Period(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "not a period YYYY-MM: \(text)"))
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, including the
    /// full-width space U+3000 common in Chinese documents.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}
