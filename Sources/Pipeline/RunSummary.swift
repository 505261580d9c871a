import Foundation
import Ledger

/// What a run saw and did, written to `Outbox/runs/<timestamp>-<run id>.json`. Each
/// list holds paths under `Inbox/`, sorted.
public struct RunSummary: Codable, Sendable {
    /// The ledger's id of the run.
    public var runId: Int64
    public var startedAt: String
    public var finishedAt: String
    /// Settled files in submitters' folders.
    public var seen: Int
    /// New versions accepted.
    public var accepted: [String] = []
    /// New versions rejected.
    public var rejected: [String] = []
    /// New versions whose content had been received under another name
    /// (accepted or rejected, and also listed there).
    public var duplicates: [String] = []
    /// Files whose current content the ledger already held.
    public var unchanged: [String] = []
    /// Receipts written again from the ledger (lost to an interrupted run).
    public var receiptsRepaired: [String] = []
    /// Files left for the next run: they changed while being read, or could
    /// not be read at all (the reason is in the log and in `problems`).
    public var skipped: [String] = []
    /// Files changed within the settling interval.
    public var settling: [String] = []
    /// Files outside any `<region>/<department>/` folder (receipts in `receipts/_misplaced/`).
    public var misplaced: [String] = []
    /// Partial, lock and hidden files.
    public var ignored: [String] = []
    /// Entries not read, as `<path>: <reason>` (`link`, `fifo`, `device`,
    /// `socket`, `name-not-utf8`; such a name escaped): each has a receipt saying why.
    public var refused: [String] = []
    /// Receipts that could not be written, one line each naming the file:
    /// the run exits 1 (the next run writes them from the ledger).
    public var receiptsNotWritten: [String] = []
    /// Earlier versions' periods that new versions superseded.
    public var superseded: [SupersededPeriod] = []
    /// What went wrong with skipped files and failed stages, one line each.
    public var problems: [String] = []
    /// Why the run failed (the ledger marks it `failed` with the same
    /// words); absent when it completed.
    public var failure: String?
    /// Rejected files still waiting for their correction after this run,
    /// tonight's and earlier nights' (仍待更正), each with its first error.
    /// A run of uploaded files names only those among its own files: the
    /// province's whole list in every upload's line cost each upload a query
    /// over the whole ledger.
    public var uncorrected: [Uncorrected] = []
    /// Seconds spent in each stage, by stage name: `scan`, `hash`, `intake`,
    /// `archive`, `ledger`, `receipts`, then the later stages (`rollup`, …).
    /// Files are hashed and read ahead on one thread and receipts written on
    /// another while the run records, so the stages add up to more than the
    /// run's wall time.
    public var stageSeconds: [String: Double] = [:]

    public struct Uncorrected: Codable, Sendable, Hashable {
        public var path: String
        /// ISO 8601, UTC.
        public var receivedAt: String
        /// `type-error 单元格 D6：…`, the first error.
        public var reason: String?
        /// Rejected by this run (also in `rejected`).
        public var tonight: Bool
    }

    /// Uncorrected files rejected by earlier runs: 仍待更正.
    public var uncorrectedFromEarlier: [Uncorrected] { uncorrected.filter { !$0.tonight } }

    public struct SupersededPeriod: Codable, Sendable, Hashable {
        public var path: String
        public var period: String
        /// The new version's path.
        public var by: String
    }

    /// Adds what one batch of files did: its lists, supersessions, problems and seconds.
    mutating func add(_ batch: RunSummary) {
        for list in [
            \RunSummary.accepted, \.rejected, \.duplicates, \.unchanged, \.receiptsRepaired, \.skipped, \.problems,
        ] {
            self[keyPath: list] += batch[keyPath: list]
        }
        superseded += batch.superseded
        stageSeconds.merge(batch.stageSeconds, uniquingKeysWith: +)
    }

    /// The counts the ledger keeps with the run.
    var counts: RunCounts {
        RunCounts(
            filesSeen: seen, accepted: accepted.count, rejected: rejected.count, unchanged: unchanged.count,
            superseded: superseded.count)
    }
}
