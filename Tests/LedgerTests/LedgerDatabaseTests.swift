import Foundation
import GRDB
import Testing

@testable import Ledger

@Suite struct LedgerDatabaseTests {
    @Test func migratesAnEmptyFileToTheCurrentSchema() throws {
        let fixture = try LedgerFixture()
        #expect(
            try fixture.ledger.read { try $0.appliedMigrations() } == [
                "v1-ledger", "v2-figure-history", "v3-counted-observation",
                "v4-portal-accounts", "v5-run-failure", "v6-replaced-months", "v7-issue-confirmation",
                "v8-counted-versions-by-submission", "v9-run-clean-end",
            ])
        let tables = try fixture.ledger.pool.read {
            try String.fetchAll(
                $0,
                sql: """
                    SELECT name FROM sqlite_master
                    WHERE type = 'table' AND name NOT LIKE 'grdb%' AND name NOT LIKE 'sqlite%' ORDER BY name
                    """)
        }
        #expect(
            tables == [
                "account", "audit", "file_state", "issue", "login_attempt", "observation", "run", "session",
                "submission", "version", "version_period",
            ])
        // The rule of what counts now, written once, as views the queries read.
        let views = try fixture.ledger.pool.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")
        }
        #expect(views == ["counted_observation", "counted_period"])

        // Reopening applies nothing twice and keeps what was written.
        _ = try fixture.ledger.beginRun()
        let again = try LedgerDatabase(path: fixture.path)
        #expect(
            try again.read { try $0.appliedMigrations() } == [
                "v1-ledger", "v2-figure-history", "v3-counted-observation",
                "v4-portal-accounts", "v5-run-failure", "v6-replaced-months", "v7-issue-confirmation",
                "v8-counted-versions-by-submission", "v9-run-clean-end",
            ])
        #expect(try again.read { try $0.runs() }.count == 1)
    }

    @Test func theMonthsAVersionReplacedAreFoundByIndexNotByReadingEveryVersionsMonths() throws {
        let fixture = try LedgerFixture()
        let plan = try fixture.ledger.pool.read {
            try Row.fetchAll($0, sql: "EXPLAIN QUERY PLAN SELECT period FROM version_period WHERE supersededBy = 7")
                .map { $0["detail"] as String? ?? "" }
        }
        #expect(plan.contains { $0.contains("version_period_by_superseding_version") }, "\(plan)")
    }

    @Test func opensInWALModeWithForeignKeysOn() throws {
        let fixture = try LedgerFixture()
        let (mode, foreignKeys) = try fixture.ledger.pool.read {
            (try String.fetchOne($0, sql: "PRAGMA journal_mode"), try Bool.fetchOne($0, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == true)
        #expect(FileManager.default.fileExists(atPath: fixture.path + "-wal"))

        // A version of a submission that does not exist is refused.
        #expect(throws: DatabaseError.self) {
            try fixture.ledger.pool.write {
                try $0.execute(
                    sql: """
                        INSERT INTO version (submissionId, sha256, size, modified, receivedAt, status)
                        VALUES (42, ?, 1, 0, '2025-01-01', 'accepted')
                        """, arguments: [LedgerFixture.sha(1)])
            }
        }
    }

    /// The writer journals each recorded file's savepoint in memory; readers,
    /// whose sorts (the roll-up's) may be large, keep SQLite's temporary files.
    @Test func writerKeepsTemporariesInMemoryReadersOnDisk() throws {
        let fixture = try LedgerFixture()
        let writer = try fixture.ledger.pool.write { try Int.fetchOne($0, sql: "PRAGMA temp_store") }
        let reader = try fixture.ledger.pool.read { try Int.fetchOne($0, sql: "PRAGMA temp_store") }
        #expect(writer == 2)
        #expect(reader == 0)
    }

    @Test func schemaRefusesMalformedRows() throws {
        let fixture = try LedgerFixture()
        _ = try fixture.ledger.record(
            LedgerFixture.version("a.csv", seed: 1, periods: ["2025-03"]),
            observations: [], issues: [])
        let refused = [
            // Not a period.
            "INSERT INTO version_period (versionId, period) VALUES (1, '2025-3')",
            // An observation for a period its version does not cover.
            "INSERT INTO observation (versionId, region, indicator, period, value, writtenValue) VALUES (1, 'r', 'i', '2025-04', 1, '1')",
            // Superseded without saying by which version.
            "UPDATE version SET status = 'superseded' WHERE id = 1",
            "UPDATE version SET status = 'lost' WHERE id = 1",
        ]
        for sql in refused {
            #expect(throws: DatabaseError.self, "\(sql)") { try fixture.ledger.pool.write { try $0.execute(sql: sql) } }
        }
    }
}
