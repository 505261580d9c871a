import GRDB

/// The ledger's queries, each defined once: on a read-only snapshot
/// (`LedgerDatabase.read`), or inside a write transaction, where they see
/// the transaction's own writes (`LedgerTransaction.reader`).
///
/// Valid only inside the closure that received it, on that thread.
public struct LedgerReader {
    let db: Database
}

extension LedgerDatabase {
    /// Runs `body` on a read-only snapshot of the ledger: every query in
    /// it sees the same committed state, whatever a writer does meanwhile.
    public func read<T>(_ body: (LedgerReader) throws -> T) throws -> T {
        try pool.read { db in try body(LedgerReader(db: db)) }
    }
}
