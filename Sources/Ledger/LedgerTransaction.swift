import GRDB

/// The ledger inside one write transaction: its reads see its own writes.
///
/// The nightly run records a batch of files in one (`inTransaction`), and
/// commits it only once the archive copies the batch names are on disk;
/// intake's cross-period checks read through it, so a file sees the
/// figures of the files recorded before it in the same batch.
///
/// Valid only inside the closure that received it, on that thread.
public struct LedgerTransaction {
    let db: Database

    /// The ledger's queries, seeing this transaction's writes.
    public var reader: LedgerReader { LedgerReader(db: db) }
}

extension LedgerDatabase {
    /// Runs `body` in one immediate write transaction: committed (and, with
    /// `synchronous = FULL`, on disk) when `body` returns, rolled back when
    /// it throws.
    public func inTransaction<T>(_ body: (LedgerTransaction) throws -> T) throws -> T {
        try pool.write { db in try body(LedgerTransaction(db: db)) }
    }
}

/// The ledger as one commit left it, to read on another thread while later
/// transactions go on (WAL's snapshot isolation): what the run builds a
/// batch's receipts from, outside the transaction that recorded it.
///
/// Valid only inside the `afterCommit` closure that received it.
public struct LedgerSnapshot {
    let pool: DatabasePool

    /// Calls `body` on a reader's thread with the ledger as of the commit;
    /// returns once the snapshot is taken (later writes are invisible to it).
    public func read(_ body: @escaping @Sendable (Result<LedgerReader, any Error>) -> Void) {
        pool.asyncConcurrentRead { db in body(db.map { LedgerReader(db: $0) }) }
    }
}

extension LedgerDatabase {
    /// `inTransaction`, then `afterCommit` with the result and a snapshot of
    /// the ledger at that commit, before any later transaction can write.
    @discardableResult
    public func inTransaction<T>(
        _ body: (LedgerTransaction) throws -> T, afterCommit: (T, LedgerSnapshot) -> Void
    ) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction {
                result = try body(LedgerTransaction(db: db))
                return .commit
            }
            afterCommit(result!, LedgerSnapshot(pool: pool))
            return result!
        }
    }
}
