import Foundation
import Ledger

/// `huanxin ledger check` and `huanxin ledger backup`: the ledger's health
/// and its copies in `Outbox/backups/` (the nightly run makes one after
/// each night that completes). A ledger that is not whole is `LedgerRefusal`.
public enum LedgerJob {
    /// Checks the deployment's ledger read-only (`PRAGMA quick_check`, its
    /// migrations) and says so in a line.
    public static func check(_ deployment: Deployment) throws -> String {
        let runs = try LedgerDatabase.open(path: deployment.ledger, access: .readOnly).read { try $0.runs() }
        return "台账完好 ledger whole: \(deployment.ledger) — 运行 runs \(runs.count)，最近 latest "
            + (runs.first.map { "\($0.id) \($0.status.rawValue)" } ?? "-")
    }

    /// Backs the ledger up into `Outbox/backups/`, the newest `keep` kept;
    /// returns the backup's path.
    public static func backUp(_ deployment: Deployment, keep: Int, now: Date) throws -> String {
        try LedgerDatabase.open(path: deployment.ledger, access: .readOnly)
            .backUp(into: deployment.outbox.backups, stamp: NightlyRun.fileTimestamp(now), keep: keep)
    }
}
