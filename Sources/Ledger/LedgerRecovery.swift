import Foundation
import GRDB

/// `huanxin ledger recover`: a damaged, empty or lost ledger replaced by the
/// newest whole backup, or, with none, by what can still be read of it.
/// The damaged file is never changed or deleted: it is renamed aside first
/// (`ledger.damaged-<stamp>.sqlite`, with its `-wal` and `-shm`), and the
/// new ledger appears under the ledger's name whole or not at all.
public enum LedgerRecovery {
    /// Where the new ledger came from.
    public enum Source: Sendable, Equatable {
        /// A backup (or `--from` file) that passed `quick_check`, copied whole.
        case backup(String)
        /// No usable backup: the rows SQLite could still read of the damaged file.
        case salvage(Salvage)
    }

    /// What a salvage kept and what it could not.
    public struct Salvage: Sendable, Equatable {
        /// Rows copied, by table.
        public var rows: [String: Int] = [:]
        /// Rows or ranges that could not be read, one line each (`observation: rowid 120…183`).
        public var unreadable: [String] = []
        /// Versions dropped whole because some of their rows (periods,
        /// issues, figures) were unreadable or their parent was: the next
        /// run reads their files again.
        public var droppedVersions = 0
        /// Rows left out because what they belong to was lost.
        public var orphans: [String: Int] = [:]
    }

    public struct Outcome: Sendable {
        /// The files renamed aside (the ledger, its `-wal`, `-shm`), as renamed.
        public var movedAside: [String]
        public var source: Source
        /// Newer backups passed over, with why.
        public var unusableBackups: [String]
    }

    /// Neither a backup nor anything readable: the ledger is left as it was.
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var detail: String

        public var description: String {
            "ledger-recover-failed: 台账无法恢复 the ledger cannot be recovered: \(path) (\(detail))"
        }
    }

    /// Replaces the ledger at `path` (refused on open: see `LedgerRefusal`)
    /// by `from` or the newest usable backup in `backups`, else by a
    /// salvage of the file itself. The caller holds the run lock.
    public static func recover(ledger path: String, backups: String, from: String?, stamp: String) throws -> Outcome {
        var unusable: [String] = []
        var chosen: String?
        for candidate in from.map({ [$0] }) ?? LedgerDatabase.backups(in: backups).reversed() {
            do {
                _ = try LedgerDatabase.open(path: candidate, access: .readOnly)
                chosen = candidate
                break
            } catch {
                unusable.append("\(candidate): \(error)".split(separator: "\n").first.map(String.init) ?? candidate)
            }
        }
        if from != nil, chosen == nil {
            throw Failure(path: from!, detail: unusable.first ?? "unusable")
        }
        let movedAside = try moveAside(path, stamp: stamp)
        let damaged = movedAside.first { $0.hasSuffix(".sqlite") }
        do {
            if let chosen {
                try LedgerDatabase.open(path: chosen, access: .readOnly).copy(to: path)
                return Outcome(movedAside: movedAside, source: .backup(chosen), unusableBackups: unusable)
            }
            guard let damaged else { throw Failure(path: path, detail: "no ledger and no usable backup") }
            var salvage = Salvage()
            try LedgerDatabase.publishChecked(at: path) { temporary in
                salvage = try salvageRows(from: damaged, into: temporary)
            }
            return Outcome(movedAside: movedAside, source: .salvage(salvage), unusableBackups: unusable)
        } catch {
            // Nothing took the ledger's place: the damaged file goes back under its name.
            for moved in movedAside.reversed() { rename(moved, original(of: moved, path)) }
            throw error
        }
    }

    /// Renames the ledger and its `-wal`, `-shm` to `<name>.damaged-<stamp>.sqlite…`; returns the new names.
    private static func moveAside(_ path: String, stamp: String) throws -> [String] {
        let aside = Self.aside(path, stamp: stamp)
        var moved: [String] = []
        for suffix in ["", "-wal", "-shm"] where access(path + suffix, F_OK) == 0 {
            guard rename(path + suffix, aside + suffix) == 0 else {
                let detail = String(cString: strerror(errno))
                for done in moved.reversed() { rename(done, original(of: done, path)) }
                throw Failure(path: path + suffix, detail: "cannot move it aside to \(aside + suffix): \(detail)")
            }
            moved.append(aside + suffix)
        }
        return moved
    }

    /// `…/ledger.sqlite` → `…/ledger.damaged-<stamp>.sqlite`.
    static func aside(_ path: String, stamp: String) -> String {
        let stem = path.hasSuffix(".sqlite") ? String(path.dropLast(".sqlite".count)) : path
        return "\(stem).damaged-\(stamp).sqlite"
    }

    private static func original(of moved: String, _ path: String) -> String {
        for suffix in ["-wal", "-shm"] where moved.hasSuffix(suffix) { return path + suffix }
        return path
    }

    // MARK: Salvage

    /// The tables a salvage copies, parents first. `file_state` is a cache
    /// and is left out: without it the next run hashes every inbox file and
    /// records again whatever version was lost.
    static let salvagedTables = [
        "run", "submission", "version", "version_period", "issue", "observation",
        "account", "session", "login_attempt", "audit",
    ]
    /// Tables whose rows belong to a version: a version missing any of them is dropped whole.
    static let versionParts = ["version_period", "issue", "observation"]

    /// Copies every row SQLite can still read, table by table in rowid
    /// order, stepping over damaged pages (as SQLite's `.recover` reads
    /// what is left), into a new ledger at `temporary`; then drops versions
    /// that lost a part and rows whose parent is gone.
    static func salvageRows(from damaged: String, into temporary: String) throws -> Salvage {
        var configuration = Configuration()
        configuration.readonly = true
        let source: DatabaseQueue
        do {
            source = try DatabaseQueue(path: damaged, configuration: configuration)
            _ = try source.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
        } catch {
            throw Failure(path: damaged, detail: "its schema cannot be read, nothing can be salvaged: \(error)")
        }
        let target = try LedgerDatabase(path: temporary)
        var salvage = Salvage()
        var suspectVersions = Set<Int64>()
        try target.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.inTransaction {
                for table in salvagedTables {
                    let lost = try copyTable(table, from: source, into: db, &salvage)
                    if versionParts.contains(table) {
                        suspectVersions.formUnion(try versions(around: lost, in: table, db))
                    }
                }
                salvage.droppedVersions = try dropVersions(suspectVersions, db)
                salvage.orphans = try dropOrphans(db)
                return .commit
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        try target.pool.close()
        return salvage
    }

    /// Copies the table's readable rows; returns the rowid ranges it could not read.
    private static func copyTable(
        _ table: String, from source: DatabaseQueue, into db: Database, _ salvage: inout Salvage
    ) throws -> [ClosedRange<Int64>] {
        let columns = try db.columns(in: table).map(\.name)
        guard let present = try? source.read({ try $0.columns(in: table).map(\.name) }), !present.isEmpty else {
            salvage.unreadable.append("\(table): 整表无法读取 the whole table is unreadable")
            salvage.rows[table] = 0
            return [Int64.min...Int64.max]
        }
        let shared = columns.filter(present.contains)
        let list = shared.map { "\"\($0)\"" }.joined(separator: ", ")
        // A table with an `id` primary key keeps its rowids through it; another gets them written as such.
        let keepsRowid = try db.primaryKey(table).rowIDColumn != nil
        let insert = try db.makeStatement(
            sql: "INSERT OR IGNORE INTO \(table) (\(keepsRowid ? "" : "rowid, ")\(list)) VALUES ("
                + Array(repeating: "?", count: shared.count + (keepsRowid ? 0 : 1)).joined(separator: ", ") + ")")
        let select = "SELECT rowid, \(list) FROM \(table) WHERE rowid >= ? ORDER BY rowid LIMIT ?"
        // Rows are read 256 at a time, one at a time once a read failed, up to the damage.
        var limit = 256
        let last = (try? source.read { try Int64.fetchOne($0, sql: "SELECT max(rowid) FROM \(table)") }) ?? nil
        var next = Int64.min
        var lost: [ClosedRange<Int64>] = []
        var copied = 0
        while true {
            if let rows = try? source.read({ try Row.fetchAll($0, sql: select, arguments: [next, limit]) }) {
                guard let end: Int64 = rows.last?[0] else { break }
                for row in rows {
                    let values = Array(row.databaseValues)
                    try insert.execute(arguments: StatementArguments(keepsRowid ? Array(values.dropFirst()) : values))
                    copied += db.changesCount
                }
                guard end != .max else { break }
                next = end + 1
                continue
            }
            guard limit == 1 else {
                limit = 1
                continue
            }
            limit = 256
            // A damaged page: step over rowids, twice as far each time, to the next readable row.
            var step: Int64 = 1
            var resumed: Int64?
            var atEnd = false
            while resumed == nil, !atEnd, step < 1 << 40 {
                let probe = next.addingReportingOverflow(step).partialValue
                if let last, probe > last { break }
                let first = Result {
                    try source.read {
                        try Int64.fetchOne(
                            $0, sql: "SELECT rowid FROM \(table) WHERE rowid >= ? ORDER BY rowid LIMIT 1",
                            arguments: [probe])
                    }
                }
                // Read: the next row, or none past the probe (the damage ran to the end).
                if case .success(let row) = first {
                    if let row { resumed = row } else { atEnd = true }
                }
                step *= 2
            }
            let upTo = resumed.map { $0 - 1 } ?? .max
            lost.append(next...upTo)
            salvage.unreadable.append(
                "\(table): rowid \(next == .min ? "…" : "\(next)")–\(upTo == .max ? "…" : "\(upTo)") 无法读取 unreadable")
            guard let resumed else { break }
            next = resumed
        }
        salvage.rows[table] = copied
        return lost
    }

    /// Versions whose rows in `table` may lie in the lost ranges: those of
    /// the readable rows on either side (rows are written version by version).
    private static func versions(around lost: [ClosedRange<Int64>], in table: String, _ db: Database) throws -> [Int64]
    {
        var ids: [Int64] = []
        for range in lost {
            let before = try Int64.fetchOne(
                db, sql: "SELECT versionId FROM \(table) WHERE rowid < ? ORDER BY rowid DESC LIMIT 1",
                arguments: [range.lowerBound])
            let after = try Int64.fetchOne(
                db, sql: "SELECT versionId FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT 1",
                arguments: [range.upperBound])
            let low = before ?? 0
            let high = try after ?? (Int64.fetchOne(db, sql: "SELECT max(id) FROM version") ?? 0)
            ids += try Int64.fetchAll(
                db, sql: "SELECT id FROM version WHERE id BETWEEN ? AND ?", arguments: [low, high])
        }
        return ids
    }

    /// Removes the versions and their parts; versions they superseded count
    /// again only if nothing else did: their supersession marks go with them.
    private static func dropVersions(_ ids: Set<Int64>, _ db: Database) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let list = ids.sorted().map(String.init).joined(separator: ",")
        try db.execute(
            sql: """
                UPDATE version_period SET supersededBy = NULL WHERE supersededBy IN (\(list));
                UPDATE version SET status = 'accepted', supersededBy = NULL WHERE supersededBy IN (\(list));
                DELETE FROM observation WHERE versionId IN (\(list));
                DELETE FROM issue WHERE versionId IN (\(list));
                DELETE FROM version_period WHERE versionId IN (\(list));
                DELETE FROM version WHERE id IN (\(list));
                """)
        return ids.count
    }

    /// Deletes rows whose parent row was lost, until none is left; returns the counts by table.
    private static func dropOrphans(_ db: Database) throws -> [String: Int] {
        var dropped: [String: Int] = [:]
        while true {
            let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            guard !rows.isEmpty else { return dropped }
            for row in rows {
                let table: String = row[0]
                let rowid: Int64 = row[1]
                try db.execute(sql: "DELETE FROM \(table) WHERE rowid = ?", arguments: [rowid])
                dropped[table, default: 0] += 1
            }
        }
    }
}
