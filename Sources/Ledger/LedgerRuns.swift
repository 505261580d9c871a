import Foundation
import GRDB

/// How a run ended. A run that threw is `failed` with its reason; one
/// killed mid-way (or that could not record its end, on a full disk) stays
/// `running`, without a finish time, until the next run finds it and marks
/// it `failed` as interrupted.
public enum RunStatus: String, Sendable, Codable {
    case running, completed, failed
}

/// What a run did with the inbox's files.
public struct RunCounts: Hashable, Sendable, Codable {
    /// Settled files in submitters' folders.
    public var filesSeen = 0
    /// New versions accepted.
    public var accepted = 0
    /// New versions rejected.
    public var rejected = 0
    /// Files whose content the ledger already held.
    public var unchanged = 0
    /// Periods of earlier versions superseded.
    public var superseded = 0

    public init(filesSeen: Int = 0, accepted: Int = 0, rejected: Int = 0, unchanged: Int = 0, superseded: Int = 0) {
        self.filesSeen = filesSeen
        self.accepted = accepted
        self.rejected = rejected
        self.unchanged = unchanged
        self.superseded = superseded
    }
}

/// A nightly batch as the ledger remembers it.
public struct RunRecord: Hashable, Sendable, Codable {
    public var id: Int64
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: RunStatus
    /// Why a `failed` run failed: the error it threw, or `RunRecord.interrupted`.
    public var failure: String?
    public var counts: RunCounts

    /// The reason given to a run found still `running` by a later one.
    public static let interrupted =
        "interrupted: 运行中断，未记录结束（被终止、断电，或台账无法写入）"
        + " the run ended without recording its end (killed, power cut, or the ledger could not be written)"
}

extension LedgerDatabase {
    /// Starts a run and returns its id, for `NewVersion.runId`.
    public func beginRun(at startedAt: Date = Date()) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO run (startedAt, status) VALUES (?, 'running')", arguments: [startedAt])
            return db.lastInsertedRowID
        }
    }

    /// Closes a run with what it did: `completed`, or `failed` with `failure`.
    public func finishRun(
        _ id: Int64, status: RunStatus = .completed, failure: String? = nil, counts: RunCounts,
        at finishedAt: Date = Date()
    ) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE run SET finishedAt = ?, status = ?, failure = ?, filesSeen = ?, accepted = ?, rejected = ?,
                                   unchanged = ?, superseded = ?
                    WHERE id = ?
                    """,
                arguments: [
                    finishedAt, status, failure, counts.filesSeen, counts.accepted, counts.rejected,
                    counts.unchanged, counts.superseded, id,
                ])
            if db.changesCount == 0 { throw LedgerError.unknownRun(id) }
        }
    }

    /// Records that the night `id` ended clean: it completed, and every
    /// file it wrote into the Outbox's receipts and archive is in place, so
    /// it left no temporary there. Set last, under the run lock; any run
    /// after it (an upload's, a killed night) is a newer row without it.
    public func markCleanEnd(_ id: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE run SET cleanEnd = 1 WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw LedgerError.unknownRun(id) }
        }
    }

    /// Marks `failed` (`RunRecord.interrupted`, no finish time) the runs
    /// before `id` still `running`: called under the run lock, so none of
    /// them is. Returns their ids.
    @discardableResult
    public func closeInterruptedRuns(before id: Int64) throws -> [Int64] {
        try pool.write { db in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM run WHERE status = 'running' AND id < ?", arguments: [id])
            try db.execute(
                sql: "UPDATE run SET status = 'failed', failure = ? WHERE status = 'running' AND id < ?",
                arguments: [RunRecord.interrupted, id])
            return ids
        }
    }
}

extension LedgerReader {
    /// Every run, newest first.
    public func runs() throws -> [RunRecord] {
        try RunRecord.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC")
    }

    /// The newest run, if any.
    public func latestRun() throws -> RunRecord? {
        try RunRecord.fetchOne(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT 1")
    }

    /// Whether the newest run is a night that ended clean (`markCleanEnd`):
    /// false with no run, or after a run killed, failed or of uploads.
    public func latestRunEndedClean() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT cleanEnd FROM run ORDER BY id DESC LIMIT 1") ?? false
    }
}
