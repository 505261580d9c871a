import Foundation
import GRDB

/// The inbox fast path: the scanner asks what it last saw at a path, and
/// reads and hashes a file again only when its size or modification time
/// changed. `record` remembers the state of every file it records, in the
/// same transaction; `rememberState` is for the files it does not record
/// (content already in the ledger).
extension LedgerReader {
    /// What was last seen at `path` under `Inbox/`, if anything.
    public func knownState(path: String) throws -> FileState? {
        try FileState.fetchOne(db.cachedStatement(sql: "SELECT * FROM file_state WHERE path = ?"), arguments: [path])
    }

    /// Everything the cache holds, by path: a run's fast path reads it in one
    /// query rather than one per inbox file. Its rows are read by column, not
    /// through Codable: decoding a province's 90,600 was a sixth of a quiet
    /// night's CPU. The time is read as `Date`'s decoding reads it, seconds since 1970.
    public func knownStates() throws -> [String: FileState] {
        var states: [String: FileState] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT path, size, modified, sha256 FROM file_state")
        while let row = try rows.next() {
            let state = FileState(
                path: row[0], size: row[1], modified: Date(timeIntervalSince1970: row[2]), sha256: row[3])
            states[state.path] = state
        }
        return states
    }
}

extension LedgerTransaction {
    /// Remembers (or replaces) what was seen at a path.
    public func rememberState(_ state: FileState) throws {
        try state.save(in: db)
    }
}

extension FileState {
    /// Stores the state, replacing what the path held before. The
    /// modification time as seconds since 1970 (`REAL`), compared exactly.
    func save(in db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO file_state (path, size, modified, sha256) VALUES (?, ?, ?, ?)
                ON CONFLICT (path) DO UPDATE SET size = excluded.size, modified = excluded.modified, sha256 = excluded.sha256
                """
        ).execute(arguments: [path, size, modified.timeIntervalSince1970, sha256])
    }
}
