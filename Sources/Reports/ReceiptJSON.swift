import Foundation
import Outbox
import Sheets
import Vocabulary

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

    /// The document, pretty (DocumentJSON's form, byte for byte), with a
    /// newline at the end. Written by hand (`write(_:to:)`): JSONEncoder
    /// cost a tenth of the portal's work per upload.
    public static func encode(_ receipt: Receipt) throws -> Data {
        let collected = DataSink()
        let stream = ByteStream(sink: collected, capacity: 1 << 14)
        try write(receipt, to: DocumentJSONPrettyWriter(stream: stream))
        try stream.append(UInt8(ascii: "\n"))
        try stream.flush()
        return collected.data
    }

    public static func decode(_ data: Data) throws -> Receipt {
        try DocumentJSON.decode(Receipt.self, from: data)
    }

    /// Writes the receipt to `path`, whole or not at all.
    public static func write(_ receipt: Receipt, to path: String) throws {
        try AtomicFile.write(try encode(receipt), to: path)
    }

    /// The receipt's own fields under their Codable names and the texts
    /// derived from them, keys in JSONEncoder's sorted order, nil ones left
    /// out: what `Receipt`'s synthesized Encodable gives (the decoder reads
    /// it back), plus the derived ones; `ReceiptJSONTests` holds the two together.
    static func write(_ receipt: Receipt, to json: DocumentJSONPrettyWriter) throws {
        try json.object { members in
            try members.field("advice", receipt.advice)
            try members.field("confirmed", receipt.confirmedCount)
            try members.array("corrects") { elements in
                for replacement in receipt.corrects { try elements.object { try write(replacement, to: &$0) } }
            }
            if let department = receipt.department {
                try members.object("department") { try write(department, to: &$0) }
            }
            try members.field("duplicateOf", receipt.duplicateOf)
            try members.field("errors", receipt.errorCount)
            try members.array("figures") { elements in
                for figure in receipt.figures { try elements.object { try write(figure, to: &$0) } }
            }
            try members.field("fileName", receipt.fileName)
            try members.array("issues") { elements in
                for issue in receipt.issues { try elements.object { try write(issue, to: &$0) } }
            }
            try members.field("observations", receipt.observations)
            try members.field("outcome", receipt.outcome.rawValue)
            try members.field("outcomeChinese", receipt.outcome.chinese)
            try members.field("path", receipt.path)
            try members.array("periods") { elements in
                for period in receipt.periods { try elements.string(period) }
            }
            try members.date("receivedAt", receipt.receivedAt)
            if let region = receipt.region { try members.object("region") { try write(region, to: &$0) } }
            try members.array("replacedBy") { elements in
                for replacement in receipt.replacedBy { try elements.object { try write(replacement, to: &$0) } }
            }
            try members.field("schemaVersion", schemaVersion)
            try members.field("sha256", receipt.sha256)
            try members.field("size", Int(receipt.size))
            try members.field("summaryChinese", receipt.summaryChinese)
            try members.field("warnings", receipt.warningCount)
        }
    }

    private static func write(_ named: Receipt.Named, to members: inout DocumentJSONPrettyWriter.Members) throws {
        try members.field("code", named.code)
        try members.field("name", named.name)
    }

    private static func write(_ replacement: Receipt.Replacement, to members: inout DocumentJSONPrettyWriter.Members)
        throws
    {
        try members.field("path", replacement.path)
        try members.field("period", replacement.period)
        try members.date("receivedAt", replacement.receivedAt)
    }

    private static func write(_ figure: Receipt.Figure, to members: inout DocumentJSONPrettyWriter.Members) throws {
        try members.field("cell", figure.cell)
        try members.field("change", figure.change.rawValue)
        try members.field("indicator", figure.indicator)
        try members.field("period", figure.period)
        try members.field("previous", figure.previous)
        try members.field("previousPath", figure.previousPath)
        try members.field("region", figure.region)
        try members.field("sheet", figure.sheet)
        try members.field("unit", figure.unit)
        try members.field("value", figure.value)
        try members.field("writtenUnit", figure.writtenUnit)
        try members.field("writtenValue", figure.writtenValue)
    }

    /// `Issue`'s and `IssueLocation`'s public coding keys.
    private static func write(_ issue: Issue, to members: inout DocumentJSONPrettyWriter.Members) throws {
        try members.field("code", issue.code)
        try members.field("confirmation", issue.confirmation)
        try members.object("location") { location in
            try location.field("cell", issue.location.cell)
            try location.field("column", issue.location.column)
            try location.field("row", issue.location.row)
            try location.field("sheet", issue.location.sheet)
        }
        try members.field("messageEn", issue.messageEn)
        try members.field("messageZh", issue.messageZh)
        try members.field("severity", issue.severity.rawValue)
    }
}
