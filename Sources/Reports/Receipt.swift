import Foundation
import Vocabulary

/// What a department is told about one file version it dropped into the
/// inbox: received when, with what content, accepted or not, and every
/// issue with its cell. Written as `.xlsx` for people (`ReceiptWorkbook`)
/// and `.json` for programs (`ReceiptJSON`), with the same content.
public struct Receipt: Codable, Sendable, Equatable {
    /// What became of the file.
    public enum Outcome: String, Codable, Sendable {
        /// 受理: no error, its figures count.
        case accepted
        /// 退回: at least one error, nothing of it counts.
        case rejected
        /// 重复: the same content had already been received under another
        /// name; it is counted once.
        case duplicate
        /// 位置错误: not in an `Inbox/<region>/<department>/` folder, so not read.
        case misplaced
        /// 未读取: a link, FIFO or device, or a name that is not UTF-8; `advice` says which.
        case notRead = "not-read"

        public var chinese: String {
            switch self {
            case .accepted: "受理"
            case .rejected: "退回"
            case .duplicate: "重复"
            case .misplaced: "位置错误"
            case .notRead: "未读取"
            }
        }
    }

    /// A code and the name people know it by.
    public struct Named: Codable, Sendable, Equatable {
        public var code: String
        /// Nil when the catalog does not know the code.
        public var name: String?

        public init(code: String, name: String?) {
            self.code = code
            self.name = name
        }

        /// `嘉祥县（370829）`, or the bare code when unknown.
        public var chinese: String { name.map { "\($0)（\(code)）" } ?? code }
    }

    public var fileName: String
    /// Path under `Inbox/`.
    public var path: String
    public var region: Named?
    public var department: Named?
    /// When huanxin first saw this content; also the workbook's document
    /// date, so that the same receipt gives the same bytes.
    public var receivedAt: Date
    /// Lower-case hex; nil for misplaced files, which are not read.
    public var sha256: String?
    public var size: Int64
    public var outcome: Outcome
    /// The months the file reports on.
    public var periods: [String]
    /// Figures counted from this version.
    public var observations: Int
    /// For a duplicate: the path under `Inbox/` the content was first received at.
    public var duplicateOf: String?
    /// For a misplaced file: where it belongs; for one not read: why.
    public var advice: String?
    /// Every issue, in file order.
    public var issues: [Issue]

    public init(fileName: String, path: String, region: Named?, department: Named?, receivedAt: Date,
                sha256: String?, size: Int64, outcome: Outcome, periods: [String], observations: Int,
                duplicateOf: String? = nil, advice: String? = nil, issues: [Issue]) {
        self.fileName = fileName
        self.path = path
        self.region = region
        self.department = department
        self.receivedAt = receivedAt
        self.sha256 = sha256
        self.size = size
        self.outcome = outcome
        self.periods = periods
        self.observations = observations
        self.duplicateOf = duplicateOf
        self.advice = advice
        self.issues = issues
    }

    public var errorCount: Int { issues.filter { $0.severity == .error }.count }
    public var warningCount: Int { issues.filter { $0.severity == .warning }.count }

    /// One sentence for the department: what happened and what to do.
    public var summaryChinese: String {
        switch outcome {
        case .accepted:
            "已受理，计入数据 \(observations) 条" + (periods.isEmpty ? "" : "（\(periods.joined(separator: "、"))）")
                + (warningCount > 0 ? "；有 \(warningCount) 条提示，请核对" : "") + "。"
        case .rejected:
            "有 \(errorCount) 个错误，整份文件退回，数据均未计入。请按下表改正后重新报送。"
        case .duplicate:
            "与已收到的文件“\(duplicateOf ?? "")”内容相同，数据只计一次。"
        case .misplaced:
            "文件放错了位置，未读取。" + (advice ?? "")
        case .notRead:
            advice ?? "文件未读取。"
        }
    }
}
