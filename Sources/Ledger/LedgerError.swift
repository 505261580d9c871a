import Catalog
import Vocabulary

/// A request the ledger refuses; SQLite's own errors pass through as
/// GRDB's `DatabaseError`.
public enum LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A path already recorded for one submitter was given with another.
    case submitterMismatch(path: String, recorded: Submitter, given: Submitter)
    /// `finishRun` for a run `beginRun` never returned.
    case unknownRun(Int64)
    /// `addAccount` with a name already used (now or before).
    case accountExists(String)
    /// A counted figure whose period or file the ledger cannot give: the
    /// schema's checks forbid it, so the file was altered outside huanxin.
    case inconsistentFigure(versionId: Int64)

    /// Stable ASCII code, for logs.
    public var code: String {
        switch self {
        case .submitterMismatch: "ledger-submitter-mismatch"
        case .unknownRun: "ledger-unknown-run"
        case .accountExists: "ledger-account-exists"
        case .inconsistentFigure: "ledger-inconsistent-figure"
        }
    }

    public var description: String {
        switch self {
        case .submitterMismatch(let path, let recorded, let given):
            "\(code): 文件 \(path) 已记为 \(recorded.region)/\(recorded.department) 报送，不能改记为 \(given.region)/\(given.department)"
                + " (path already recorded for another submitter)"
        case .unknownRun(let id):
            "\(code): 台账中没有运行 \(id) (no such run in the ledger)"
        case .accountExists(let name):
            "\(code): 账号 \(name) 已存在或曾使用 (account name already used)"
        case .inconsistentFigure(let versionId):
            "\(code): 台账中版本 \(versionId) 的数据缺少期间或文件 (a counted figure without its period or file)"
        }
    }
}
