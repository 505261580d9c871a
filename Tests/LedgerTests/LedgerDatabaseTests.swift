import Foundation
import GRDB
import Testing
@testable import Ledger

@Suite struct LedgerDatabaseTests {
    @Test func opensInWALModeWithTheCurrentSchema() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ledger.sqlite").path

        let ledger = try LedgerDatabase(path: path)
        #expect(try ledger.appliedMigrations() == ["v1-submissions-observations"])
        let mode = try ledger.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let tables = try ledger.pool.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%' ORDER BY name")
        }
        #expect(tables == ["issue", "observation", "submission", "version"])

        // Reopening applies nothing twice.
        let again = try LedgerDatabase(path: path)
        #expect(try again.appliedMigrations().count == 1)
    }
}
