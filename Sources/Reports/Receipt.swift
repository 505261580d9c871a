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
        /// 已被替换: accepted once, every month since replaced by later files.
        case superseded
        /// 未读取: a link, FIFO or device, or a name that is not UTF-8; `advice` says which.
        case notRead = "not-read"

        public var chinese: String {
            switch self {
            case .accepted: "受理"
            case .rejected: "退回"
            case .duplicate: "重复"
            case .misplaced: "位置错误"
            case .superseded: "已被替换"
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

    /// One figure this version counts, beside what it replaced: the import
    /// summary of an accepted file (new, changed or unchanged).
    public struct Figure: Codable, Sendable, Equatable {
        public enum Change: String, Codable, Sendable {
            /// No earlier file counted this region × indicator × month.
            case new
            /// Replaces a different value of an earlier file.
            case changed
            /// Replaces the same value.
            case unchanged
        }

        public var period: String
        public var region: String
        public var indicator: String
        /// In the indicator's canonical unit, `unit`.
        public var value: Double
        public var unit: String?
        /// Where it was read: the sheet (nil for CSV) and cell, the text and unit as written.
        public var sheet: String?
        public var cell: String?
        public var writtenValue: String?
        public var writtenUnit: String?
        /// The value it replaced, and the file (under `Inbox/`) it came from.
        public var previous: Double?
        public var previousPath: String?
        public var change: Change

        public init(
            period: String, region: String, indicator: String, value: Double, unit: String? = nil,
            sheet: String? = nil, cell: String? = nil, writtenValue: String? = nil, writtenUnit: String? = nil,
            previous: Double?, previousPath: String?, change: Change
        ) {
            self.period = period
            self.region = region
            self.indicator = indicator
            self.value = value
            self.unit = unit
            self.sheet = sheet
            self.cell = cell
            self.writtenValue = writtenValue
            self.writtenUnit = writtenUnit
            self.previous = previous
            self.previousPath = previousPath
            self.change = change
        }
    }

    /// A month replaced: by this version (`path` the earlier file), or of
    /// this version by a later one (`path` the later file).
    public struct Replacement: Codable, Sendable, Equatable {
        public var period: String
        public var path: String
        public var receivedAt: Date

        public init(period: String, path: String, receivedAt: Date) {
            self.period = period
            self.path = path
            self.receivedAt = receivedAt
        }
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
    /// Accepted: every figure counted, with what it replaced.
    public var figures: [Figure]
    /// Months of earlier files this version replaced (a correction), with those files.
    public var corrects: [Replacement]
    /// Months of this version later files replaced, with those files.
    public var replacedBy: [Replacement]

    public init(
        fileName: String, path: String, region: Named?, department: Named?, receivedAt: Date,
        sha256: String?, size: Int64, outcome: Outcome, periods: [String], observations: Int,
        duplicateOf: String? = nil, advice: String? = nil, issues: [Issue], figures: [Figure] = [],
        corrects: [Replacement] = [], replacedBy: [Replacement] = []
    ) {
        self.figures = figures
        self.corrects = corrects
        self.replacedBy = replacedBy
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
    /// Warnings still open: those no 数据属实说明 has answered.
    public var warningCount: Int { issues.filter(\.isOpenWarning).count }
    /// Warnings the department confirmed in the figure's row (数据属实说明).
    public var confirmedCount: Int { issues.filter { $0.confirmation != nil }.count }

    /// One sentence for the department: what happened and what to do.
    public var summaryChinese: String {
        switch outcome {
        case .accepted:
            "已受理，计入数据 \(observations) 条" + (periods.isEmpty ? "" : "（\(periods.joined(separator: "、"))）")
                + (warningCount > 0 ? "；有 \(warningCount) 条提示，请核对" : "")
                + (confirmedCount > 0 ? "；\(confirmedCount) 条提示已有数据属实说明" : "") + "。" + correctionChinese
                + replacedChinese
        case .superseded:
            "曾受理；" + replacedSentence + "，不再计入。"
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

    /// `这是更正：替换了 2026-Q4.xlsx 的 2026-10 数据；数值改变 1 条（nev_stock 2026-10：36310 → 99999），未变 11 条，新增 0 条。`
    var correctionChinese: String {
        guard !corrects.isEmpty else { return "" }
        let byFile = Dictionary(grouping: corrects, by: \.path).sorted { $0.key < $1.key }
            .map { path, months in "\(Self.fileName(path)) 的 \(months.map(\.period).joined(separator: "、"))" }
        let changed = figures.filter { $0.change == .changed }
        let examples = changed.prefix(3).map { figure in
            "\(figure.indicator) \(figure.period)：\(Self.number(figure.previous ?? 0)) → \(Self.number(figure.value))"
        }
        return "这是更正：替换了 \(byFile.joined(separator: "；")) 数据；数值改变 \(changed.count) 条"
            + (examples.isEmpty ? "" : "（\(examples.joined(separator: "；"))\(changed.count > 3 ? "；…" : "")）")
            + "，未变 \(figures.filter { $0.change == .unchanged }.count) 条，新增 \(figures.filter { $0.change == .new }.count) 条。"
    }

    /// `其中 2026-10 已被 2026-11(1).xlsx（2026-11-20 收到）替换，不再计入。`
    var replacedChinese: String {
        replacedBy.isEmpty ? "" : "其中 " + replacedSentence + "，不再计入。"
    }

    /// `2026-10 已被 2026-11(1).xlsx（2026-11-20 收到）替换`, per later file.
    private var replacedSentence: String {
        Dictionary(grouping: replacedBy, by: \.path).sorted { $0.key < $1.key }.map { path, months in
            "\(months.map(\.period).joined(separator: "、")) 已被 \(Self.fileName(path))（\(ProgrammeCalendar.dayText(months[0].receivedAt)) 收到）替换"
        }.joined(separator: "；")
    }

    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// `36310`, `0.35`: a figure as plain digits.
    static func number(_ value: Double) -> String { FigureText.of(value) }
}
