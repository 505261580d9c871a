/// Where each output lives under `Outbox/`. One place, so that the
/// pipeline, the reports and the README agree.
public struct OutboxLayout: Sendable {
    /// The `Outbox/` folder itself.
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// `rollups/<period>/<city-code>-<city-name>-<period>.xlsx`
    public func rollupWorkbook(period: String, regionCode: String, regionName: String) -> String {
        "\(root)/rollups/\(period)/\(regionCode)-\(regionName)-\(period).xlsx"
    }

    /// `rollups/<period>/<city-code>-<city-name>-<period>/`: the roll-up's tables as CSV, one file per sheet.
    public func rollupCSVFolder(period: String, regionCode: String, regionName: String) -> String {
        "\(root)/rollups/\(period)/\(regionCode)-\(regionName)-\(period)"
    }

    /// `rollups/<period>/<city-code>-<city-name>-<period>.json`: the roll-up as one JSON document.
    public func rollupJSON(period: String, regionCode: String, regionName: String) -> String {
        "\(root)/rollups/\(period)/\(regionCode)-\(regionName)-\(period).json"
    }

    /// `receipts/<region>/<department>/<file>.回执.xlsx` (and `.json`
    /// beside it, with `extension: "json"`); a name too long for the suffix
    /// is shortened with a hash (`ReceiptFileName`), here and below.
    public func receipt(region: String, department: String, fileName: String, extension ext: String = "xlsx") -> String
    {
        receiptFolder(region: region, department: department) + "/"
            + ReceiptFileName.name(for: fileName, suffix: ".回执.\(ext)")
    }

    /// `receipts/<region>/<department>`: a submitter's receipts.
    public func receiptFolder(region: String, department: String) -> String {
        "\(root)/receipts/\(region)/\(department)"
    }

    /// `receipts/<region>/<department>/<file>.<first 8 hex digits of sha256>.回执.json`:
    /// the receipt of one version, kept when a newer version at the same
    /// path takes over `<file>.回执.xlsx`/`.json`. Written last, so its
    /// presence says the version's receipts are complete.
    public func receiptHistory(region: String, department: String, fileName: String, sha256: String) -> String {
        receiptFolder(region: region, department: department) + "/"
            + Self.receiptHistoryName(fileName: fileName, sha256: sha256)
    }

    /// `receiptHistory`'s name in its folder.
    public static func receiptHistoryName(fileName: String, sha256: String) -> String {
        ReceiptFileName.name(for: fileName, suffix: ".\(sha256.prefix(8)).回执.json")
    }

    /// `receipts/_misplaced/<path under Inbox/>.回执.<ext>`: the receipt of a
    /// file dropped outside any `<region>/<department>/` folder. `_` cannot
    /// begin a region code, so the folder never meets a region's.
    public func misplacedReceipt(path: String, extension ext: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return "\(root)/receipts/_misplaced/\(path[..<slash])"
            + ReceiptFileName.name(for: String(path[slash...]), suffix: ".回执.\(ext)")
    }

    /// `runs/<timestamp>-<run id>.json`, e.g. `20261123T020000Z-000042.json`:
    /// the timestamp without colons so that names sort by time, the ledger's
    /// run id (zero-padded, so runs of one second sort too) so that two runs
    /// started in the same second keep both summaries.
    public func runSummary(timestamp: String, runId: Int64) -> String {
        let id = String(runId)
        return "\(root)/runs/\(timestamp)-\(String(repeating: "0", count: max(0, 6 - id.count)))\(id).json"
    }

    /// `runs/<day>-uploads.jsonl`, e.g. `20261123-uploads.jsonl`: the portal's
    /// upload runs of one day (the office's, `YYYYMMDD`), one summary a line;
    /// it sorts before that day's nightly summaries.
    public func uploadRuns(day: String) -> String {
        "\(root)/runs/\(day)-uploads.jsonl"
    }

    /// `archive/<first two hex digits>/<sha256>.<ext>`: accepted originals by content.
    public func archivedOriginal(sha256: String, extension ext: String) -> String {
        "\(root)/archive/\(sha256.prefix(2))/\(sha256).\(ext)"
    }

    /// `.huanxin.lock`: held by the run in progress (see `RunLock`; beside
    /// it `.huanxin.lock.waiting`, held by the processes waiting for it).
    public var lock: String { "\(root)/.huanxin.lock" }

    /// The ledger's default place.
    public var ledger: String { "\(root)/ledger.sqlite" }

    /// `backups/ledger-<timestamp>.sqlite`: the ledger after each successful night, the newest few kept.
    public var backups: String { "\(root)/backups" }
}
