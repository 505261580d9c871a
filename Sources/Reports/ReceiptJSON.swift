import Foundation
import Outbox

/// A receipt as JSON, for programs: the `Receipt` fields under their own
/// names (times in ISO 8601 UTC), plus `schemaVersion` and the Chinese
/// result and summary the workbook shows (`DocumentJSON`'s rules).
public enum ReceiptJSON {
    /// The shape of the receipt document; a golden file in the tests pins it.
    /// 2: `figures` (what each counted figure replaced), `corrects`,
    /// `replacedBy`, the outcome `superseded`; since added beside them (a reader
    /// of 2 may ignore them): each figure's `unit`, `sheet`, `cell`, `writtenValue`, `writtenUnit`;
    /// an issue's `confirmation` (数据属实说明) and the count `confirmed` of such
    /// warnings, which `warnings` (the open ones) no longer counts.
    public static let schemaVersion = 2

    public static func encode(_ receipt: Receipt) throws -> Data {
        try DocumentJSON.encode(Document(receipt: receipt)) + Data("\n".utf8)
    }

    /// Encodes the document's fields into `encoder`: for a document that
    /// carries a receipt's fields at its top level (the portal's upload
    /// answer), whose own fields, encoded after, replace any of the same name.
    public static func encodeFields(of receipt: Receipt, to encoder: any Encoder) throws {
        try Document(receipt: receipt).encode(to: encoder)
    }

    public static func decode(_ data: Data) throws -> Receipt {
        try DocumentJSON.decode(Receipt.self, from: data)
    }

    /// Writes the receipt to `path`, whole or not at all.
    public static func write(_ receipt: Receipt, to path: String) throws {
        try AtomicFile.write(try encode(receipt), to: path)
    }

    /// The receipt's own fields and the texts derived from them.
    private struct Document: Encodable {
        var receipt: Receipt

        enum Derived: String, CodingKey {
            case schemaVersion, outcomeChinese, summaryChinese, errors, warnings, confirmed
        }

        func encode(to encoder: any Encoder) throws {
            try receipt.encode(to: encoder)
            var container = encoder.container(keyedBy: Derived.self)
            try container.encode(ReceiptJSON.schemaVersion, forKey: .schemaVersion)
            try container.encode(receipt.outcome.chinese, forKey: .outcomeChinese)
            try container.encode(receipt.summaryChinese, forKey: .summaryChinese)
            try container.encode(receipt.errorCount, forKey: .errors)
            try container.encode(receipt.warningCount, forKey: .warnings)
            try container.encode(receipt.confirmedCount, forKey: .confirmed)
        }
    }
}
