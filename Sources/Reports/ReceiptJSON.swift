import Foundation

/// A receipt as JSON, for programs: the `Receipt` fields under their own
/// names (times in ISO 8601 UTC), plus the Chinese result and summary the
/// workbook shows. Keys sorted, so the same receipt gives the same bytes.
public enum ReceiptJSON {
    public static func encode(_ receipt: Receipt) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ReceiptTime.iso(date))
        }
        return try encoder.encode(Document(receipt: receipt)) + Data("\n".utf8)
    }

    public static func decode(_ data: Data) throws -> Receipt {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Receipt.self, from: data)
    }

    /// Writes the receipt to `path`, whole or not at all.
    public static func write(_ receipt: Receipt, to path: String) throws {
        try AtomicFile.write(try encode(receipt), to: path)
    }

    /// The receipt's own fields and the texts derived from them.
    private struct Document: Encodable {
        var receipt: Receipt

        enum Derived: String, CodingKey {
            case outcomeChinese, summaryChinese, errors, warnings
        }

        func encode(to encoder: any Encoder) throws {
            try receipt.encode(to: encoder)
            var container = encoder.container(keyedBy: Derived.self)
            try container.encode(receipt.outcome.chinese, forKey: .outcomeChinese)
            try container.encode(receipt.summaryChinese, forKey: .summaryChinese)
            try container.encode(receipt.errorCount, forKey: .errors)
            try container.encode(receipt.warningCount, forKey: .warnings)
        }
    }
}
