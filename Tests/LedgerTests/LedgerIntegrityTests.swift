import Foundation
import GRDB
import Testing

@testable import Ledger

/// The ledger refuses to lose history: an empty, foreign, truncated or
/// damaged file is refused with its path and the way back, never taken for
/// a new ledger or read from; backups are whole SQLite files, the newest kept.
@Suite struct LedgerIntegrityTests {
    /// A ledger with one run recorded, closed, and its bytes.
    static func ledgerBytes(in fixture: LedgerFixture) throws -> Data {
        _ = try fixture.ledger.beginRun()
        try fixture.ledger.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        return try Data(contentsOf: URL(fileURLWithPath: fixture.path))
    }

    static func refusal(_ path: String, _ access: LedgerDatabase.Access) -> LedgerRefusal? {
        do {
            _ = try LedgerDatabase.open(path: path, access: access)
            return nil
        } catch {
            return error as? LedgerRefusal
        }
    }

    @Test func anEmptyFileIsNotANewLedger() throws {
        let fixture = try LedgerFixture()
        let path = fixture.directory.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: path, contents: Data())
        for access in [LedgerDatabase.Access.readWrite(allowNew: true), .readOnly] {
            let refusal = try #require(Self.refusal(path, access))
            #expect(refusal.code == "ledger-empty")
            #expect(refusal.description.contains(path) && refusal.description.contains("Outbox/backups/"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty, "nothing was written into it")
    }

    @Test func aFileThatIsNotALedgerIsRefused() throws {
        let fixture = try LedgerFixture()
        let text = fixture.directory.appendingPathComponent("notes.sqlite").path
        try Data("地区代码,指标代码\n".utf8).write(to: URL(fileURLWithPath: text))
        #expect(Self.refusal(text, .readWrite(allowNew: true))?.code == "ledger-not-a-ledger")
        // Another program's SQLite database is not migrated into a ledger.
        let other = fixture.directory.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        #expect(Self.refusal(other, .readWrite(allowNew: true))?.code == "ledger-not-a-ledger")
        #expect(try DatabaseQueue(path: other).read { try $0.tableExists("run") } == false)
    }

    @Test func aTruncatedLedgerIsDamaged() throws {
        let fixture = try LedgerFixture()
        let bytes = try Self.ledgerBytes(in: fixture)
        let path = fixture.directory.appendingPathComponent("truncated.sqlite").path
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let refusal = try #require(Self.refusal(path, .readOnly))
        #expect(refusal.code == "ledger-damaged")
        #expect(refusal.description.contains(path))
        #expect(Self.refusal(path, .readWrite(allowNew: false))?.code == "ledger-damaged")
    }

    @Test func flippedBytesAreFoundByQuickCheck() throws {
        let fixture = try LedgerFixture()
        var bytes = try Self.ledgerBytes(in: fixture)
        // Every byte of every page after the first, flipped at a stride:
        // b-tree headers and cell pointers among them.
        for index in stride(from: 4096, to: bytes.count, by: 97) { bytes[index] ^= 0xFF }
        let path = fixture.directory.appendingPathComponent("flipped.sqlite").path
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(Self.refusal(path, .readOnly)?.code == "ledger-damaged")
    }

    /// A connection holding the file for a moment (as the last one closing
    /// checkpoints the WAL under an exclusive lock) is waited for: `status`
    /// during a run's end opens the ledger instead of calling it unreadable.
    @Test func aLedgerLockedForAMomentIsWaitedForNotRefused() throws {
        let fixture = try LedgerFixture()
        let path = fixture.directory.appendingPathComponent("held.sqlite").path
        _ = try LedgerDatabase(path: path).beginRun()  // and closed: the holder is the only connection
        let holder = try DatabaseQueue(path: path)
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM run")
            try db.execute(sql: "BEGIN EXCLUSIVE; COMMIT")
        }
        let released = DispatchSemaphore(value: 0)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
            try? holder.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA locking_mode = NORMAL")
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM run")
            }
            released.signal()
        }
        for access in [LedgerDatabase.Access.readOnly, .readWrite(allowNew: false)] {
            let ledger = try LedgerDatabase.open(path: path, access: access)
            #expect(try ledger.read { try $0.runs() }.count == 1)
        }
        released.wait()
    }

    @Test func aWholeLedgerOpensReadOnlyWithoutWriting() throws {
        let fixture = try LedgerFixture()
        let bytes = try Self.ledgerBytes(in: fixture)
        let path = fixture.directory.appendingPathComponent("copy.sqlite").path
        try bytes.write(to: URL(fileURLWithPath: path))
        let ledger = try LedgerDatabase.open(path: path, access: .readOnly)
        #expect(try ledger.read { try $0.runs() }.count == 1)
        #expect(throws: DatabaseError.self) { try ledger.beginRun() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aMissingLedgerIsCreatedOnlyWhenAllowed() throws {
        let fixture = try LedgerFixture()
        let path = fixture.directory.appendingPathComponent("new.sqlite").path
        #expect(Self.refusal(path, .readWrite(allowNew: false))?.code == "ledger-missing")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try LedgerDatabase.open(path: path, access: .readWrite(allowNew: true)).read { try $0.runs() }.isEmpty)
    }

    @Test func backupsAreWholeLedgersAndTheNewestAreKept() throws {
        let fixture = try LedgerFixture()
        let runId = try fixture.ledger.beginRun()
        let folder = fixture.directory.appendingPathComponent("backups").path
        for stamp in ["20261101T020000Z", "20261102T020000Z", "20261103T020000Z", "20261104T020000Z"] {
            try fixture.ledger.backUp(into: folder, stamp: stamp, keep: 3)
        }
        let kept = LedgerDatabase.backups(in: folder)
        #expect(
            kept.map { URL(fileURLWithPath: $0).lastPathComponent }
                == [
                    "ledger-20261102T020000Z.sqlite", "ledger-20261103T020000Z.sqlite",
                    "ledger-20261104T020000Z.sqlite",
                ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 3, "no temporary left")
        // One self-contained file (not WAL), a ledger that passes the check, with the run.
        let copy = try LedgerDatabase.open(path: kept.last!, access: .readOnly)
        #expect(try copy.read { try $0.runs() }.map(\.id) == [runId])
        #expect(try copy.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
    }
}
