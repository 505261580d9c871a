import Foundation
import Reports

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
    public var receipt: Receipt?

    public static func queued(path: String) -> UploadAnswer {
        UploadAnswer(status: .queued, path: path, unchanged: false, versionId: nil, receipt: nil)
    }

    /// The upload was recorded but its receipt is not on disk (a receipt write failed).
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "回执未写出，下次运行补写 receipt not written yet: \(path)" }
    }

    /// One sentence for the page.
    public var message: String {
        switch status {
        case .queued: "已收到，将于本次批处理中处理。"
        case .accepted, .rejected:
            (unchanged ? "与已报送的同名文件内容相同，未重复计入。" : "") + (receipt?.summaryChinese ?? "")
        }
    }

    /// The JSON document: the receipt's fields, then `schemaVersion`,
    /// `status`, `statusChinese`, `unchanged`, `versionId`, `message`
    /// (`DocumentJSON`, compact). Encoded in one pass: the receipt of a
    /// 100-month correction decoded and written again through
    /// JSONSerialization cost more than recording the file.
    public func json() throws -> Data {
        try DocumentJSON.encode(Document(answer: self), pretty: false)
    }

    private struct Document: Encodable {
        let answer: UploadAnswer

        enum Keys: String, CodingKey {
            case fileName, path, schemaVersion, status, statusChinese, unchanged, versionId, message
        }

        func encode(to encoder: any Encoder) throws {
            if let receipt = answer.receipt { try ReceiptJSON.encodeFields(of: receipt, to: encoder) }
            var container = encoder.container(keyedBy: Keys.self)
            if answer.receipt == nil {
                try container.encode(InboxFile.fileName(of: answer.path), forKey: .fileName)
                try container.encode(answer.path, forKey: .path)
            }
            try container.encode(UploadAnswer.schemaVersion, forKey: .schemaVersion)
            try container.encode(answer.status.rawValue, forKey: .status)
            try container.encode(answer.status.chinese, forKey: .statusChinese)
            try container.encode(answer.unchanged, forKey: .unchanged)
            try container.encodeIfPresent(answer.versionId, forKey: .versionId)
            try container.encode(answer.message, forKey: .message)
        }
    }
}
