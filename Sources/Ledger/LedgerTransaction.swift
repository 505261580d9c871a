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
