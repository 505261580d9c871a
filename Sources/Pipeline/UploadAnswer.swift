import Foundation
import Reports
import Sheets

/// What the portal answers an upload with: the receipt (`ReceiptJSON`'s
/// fields, at the top level) and the upload's `status`; for a file queued
/// behind a running batch, only its name, path and the status.
public struct UploadAnswer: Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// 受理 (or recorded as a duplicate of another file's content, counted once).
        case accepted
        /// 退回: the receipt says why.
        case rejected
        /// 已收到: a batch run holds the lock; it, or the portal after it, records the file.
        case queued

        public var chinese: String {
            switch self {
            case .accepted: "受理"
            case .rejected: "退回"
            case .queued: "已收到，待处理"
            }
        }
    }

    /// Version of this answer's JSON form.
    public static let schemaVersion = 1

    public var status: Status
    /// Path under `Inbox/`.
    public var path: String
    /// The same content was already recorded at this path: nothing new counted.
    public var unchanged: Bool
    /// The ledger's version, for the receipt page; nil when queued.
    public var versionId: Int64?
    /// The receipt's document as the run wrote it (`ReceiptJSON`); nil when queued.
    public var receipt: Data?

    public static func queued(path: String) -> UploadAnswer {
        UploadAnswer(status: .queued, path: path, unchanged: false, versionId: nil, receipt: nil)
    }

    /// The upload was recorded but its receipt is not on disk (a receipt write failed).
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "回执未写出，下次运行补写 receipt not written yet: \(path)" }
    }

    /// The sentence for a queued file's page; a recorded one's is its
    /// receipt's summary (`message` in `json()`).
    public static let queuedMessage = "已收到，将于本次批处理中处理。"

    /// Before the receipt's summary, for content already recorded at the path.
    static let unchangedMessage = "与已报送的同名文件内容相同，未重复计入。"

    /// The JSON document: the receipt's fields, then `schemaVersion`,
    /// `status`, `statusChinese`, `unchanged`, `versionId`, `message`
    /// (`DocumentJSON`, compact, keys sorted among the receipt's). Made from
    /// the receipt's bytes as written (`DocumentMembers`), its summary
    /// spliced into `message`: decoding the receipt of a 100-month
    /// correction and encoding it again cost a tenth of an upload's work.
    public func json() throws -> Data {
        let receipt = try receipt.map(DocumentMembers.init(of:))
        var own: [(key: String, value: [UInt8])] = [
            ("schemaVersion", Array("\(Self.schemaVersion)".utf8)),
            ("status", try Self.string(status.rawValue)),
            ("statusChinese", try Self.string(status.chinese)),
            ("unchanged", Array((unchanged ? "true" : "false").utf8)),
        ]
        if let versionId { own.append(("versionId", Array("\(versionId)".utf8))) }
        if let receipt {
            // JSON escapes a text character by character, so the summary's
            // bytes after the unchanged sentence are the two texts' together.
            guard let summary = receipt.value(of: "summaryChinese"), summary.first == UInt8(ascii: "\"") else {
                throw Missing(path: path)
            }
            let message = unchanged ? try Self.string(Self.unchangedMessage).dropLast() + summary.dropFirst() : summary
            own.append(("message", Array(message)))
            return receipt.adding(own)
        }
        own += [
            ("fileName", try Self.string(InboxFile.fileName(of: path))), ("path", try Self.string(path)),
            ("message", try Self.string(Self.queuedMessage)),
        ]
        return try DocumentMembers(of: Data("{}".utf8)).adding(own)
    }

    /// A text as a JSON string, as DocumentJSON writes it.
    private static func string(_ text: String) throws -> [UInt8] {
        let sink = DataSink()
        let stream = ByteStream(sink: sink, capacity: 256)
        try DocumentJSONWriter(stream: stream).string(text)
        try stream.flush()
        return Array(sink.data)
    }
}
