import Foundation
import GRDB

/// How a run ended. A run killed mid-way stays `running`, without a finish
/// time, which is how the next one can tell.
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
    public var counts: RunCounts
}

extension LedgerDatabase {
    /// Starts a run and returns its id, for `NewVersion.runId`.
    public func beginRun(at startedAt: Date = Date()) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO run (startedAt, status) VALUES (?, 'running')", arguments: [startedAt])
            return db.lastInsertedRowID
        }
    }

    /// Closes a run with what it did.
    public func finishRun(
        _ id: Int64, status: RunStatus = .completed, counts: RunCounts,
        at finishedAt: Date = Date()
    ) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE run SET finishedAt = ?, status = ?, filesSeen = ?, accepted = ?, rejected = ?,
                                   unchanged = ?, superseded = ?
                    WHERE id = ?
                    """,
                arguments: [
                    finishedAt, status, counts.filesSeen, counts.accepted, counts.rejected,
                    counts.unchanged, counts.superseded, id,
                ])
            if db.changesCount == 0 { throw LedgerError.unknownRun(id) }
        }
    }
}

extension LedgerReader {
    /// Every run, newest first.
    public func runs() throws -> [RunRecord] {
        try RunRecord.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC")
    }
}
