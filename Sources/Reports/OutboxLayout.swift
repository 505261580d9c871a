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
    /// beside it, with `extension: "json"`).
    public func receipt(region: String, department: String, fileName: String, extension ext: String = "xlsx") -> String {
        "\(root)/receipts/\(region)/\(department)/\(fileName).回执.\(ext)"
    }

    /// `receipts/<region>/<department>/<file>.<first 8 hex digits of sha256>.回执.json`:
    /// the receipt of one version, kept when a newer version at the same
    /// path takes over `<file>.回执.xlsx`/`.json`. Written last, so its
    /// presence says the version's receipts are complete.
    public func receiptHistory(region: String, department: String, fileName: String, sha256: String) -> String {
        "\(root)/receipts/\(region)/\(department)/\(fileName).\(sha256.prefix(8)).回执.json"
    }

    /// `receipts/_misplaced/<path under Inbox/>.回执.<ext>`: the receipt of a
    /// file dropped outside any `<region>/<department>/` folder. `_` cannot
    /// begin a region code, so the folder never meets a region's.
    public func misplacedReceipt(path: String, extension ext: String) -> String {
        "\(root)/receipts/_misplaced/\(path).回执.\(ext)"
    }

    /// `runs/<timestamp>.json`, the timestamp as `20261123T020000Z` so that
    /// names sort by time and contain no colon.
    public func runSummary(timestamp: String) -> String {
        "\(root)/runs/\(timestamp).json"
    }

    /// `archive/<first two hex digits>/<sha256>.<ext>`: accepted originals by content.
    public func archivedOriginal(sha256: String, extension ext: String) -> String {
        "\(root)/archive/\(sha256.prefix(2))/\(sha256).\(ext)"
    }

    /// `.huanxin.lock`: held by the run in progress (see `RunLock`).
    public var lock: String { "\(root)/.huanxin.lock" }

    /// The ledger's default place.
    public var ledger: String { "\(root)/ledger.sqlite" }
}
