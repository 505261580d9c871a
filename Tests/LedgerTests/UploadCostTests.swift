import Foundation
import GRDB
import GRDBSQLite
import Testing
import Vocabulary

@testable import Ledger

/// What one upload asks of the ledger stays the same however long the
/// ledger's history: a department that sends its file for the 300th time
/// waits no longer than the first time. Measured in the steps of SQLite's
/// virtual machine (rows visited, as it were), which, unlike time, is the
/// same on every run and machine, and unlike pages read does not grow with
/// the depth of the B-trees (a logarithm no index avoids).
///
/// Three questions once read the history whole: the run summary's
/// uncorrected files (the whole ledger, in each round of uploads; 28,000
/// steps at the 4th upload here, 230,000 at the 301st), supersession's
/// counted versions of the submitter (every version of each of its paths),
/// and the cross-period checks' history when the latest month had one
/// version (every version's figure of the earlier months).
/// With 8 departments uploading one file each, the server's CPU per upload
/// went from 23 to 61 ms over 200 versions a path.
@Suite struct UploadCostTests {
    typealias F = LedgerFixture
    /// The 24 months of 2025 and 2026 the file reports.
    static let months = (0..<24).map { String(format: "%04d-%02d", 2025 + $0 / 12, $0 % 12 + 1) }

    @Test func anUploadTakesNoMoreStepsAfterThreeHundredVersionsOfItsFileThanAfterTen() throws {
        let fixture = try LedgerFixture()
        // Another file of the submitter still rejected, so the question of uncorrected files has rows;
        // and a later month sent once, as a night leaves a province's ledger before the uploads.
        _ = try fixture.ledger.record(
            F.version("退回.csv", seed: 1_000_000, periods: ["2025-01"]), observations: [],
            issues: [F.issue("type-error", .error)])
        _ = try fixture.ledger.record(
            F.version("2027-01.csv", seed: 1_000_001), observations: [F.observation("nev_stock", "2027-01", 9)],
            issues: [])
        for n in 1...9 { _ = try upload(n, to: fixture.ledger) }
        let early = try upload(10, to: fixture.ledger)
        for n in 11...300 { _ = try upload(n, to: fixture.ledger) }
        let late = try upload(301, to: fixture.ledger)
        #expect(early > 10_000, "an upload of 24 figures takes some work: \(early) steps")
        #expect(Double(late) <= 1.02 * Double(early), "steps for the 10th upload \(early), for the 301st \(late)")
    }

    /// The steps the ledger takes for the `n`th version of one
    /// records file: every question an upload's round asks, in its order
    /// (the fast path, the cross-period checks' history, the record, the
    /// receipt, the round's uncorrected files), on one connection.
    private func upload(_ n: Int, to ledger: LedgerDatabase) throws -> Int64 {
        let new = F.version("bench.csv", seed: n, periods: Self.months)
        let figures = Self.months.enumerated().map { index, month in
            F.observation("nev_stock", month, Double(10_000 + index + (index == 23 ? n : 0)), cell: "D\(index + 2)")
        }
        return try ledger.pool.write { db in
            try Self.vmSteps(db) {
                let reader = LedgerReader(db: db)
                _ = try reader.knownState(path: new.path)
                _ = try reader.hasSeen(sha256: new.sha256, path: new.path, submitter: new.submitter)
                _ = try reader.countedSeries(region: "371502", indicators: ["nev_stock"])
                let outcome = try LedgerTransaction(db: db).record(new, observations: figures, issues: [])
                let id = outcome.version.id
                _ = try reader.issues(versionId: id)
                for older in Set(try reader.replaced(by: id).map(\.olderVersionId)) {
                    _ = try reader.observations(versionId: older)
                }
                _ = try reader.replacements(of: id)
                _ = try reader.latestVersionId(path: new.path)
                _ = try reader.versionPaths(sha256: new.sha256, submitter: new.submitter, through: id)
                _ = try reader.observations(versionId: id)
                _ = try reader.version(path: new.path, sha256: new.sha256)
                _ = try reader.uncorrectedRejections(among: [new.path])
            }
        }
    }

    /// Counts the virtual-machine steps of every statement `db` runs while
    /// `body` does: the work of a query in rows visited, where the pages
    /// it reads also grow with the depth of the ledger's B-trees.
    private static func vmSteps(_ db: Database, _ body: () throws -> Void) rethrows -> Int64 {
        final class Count { var steps: Int64 = 0 }
        let count = Count()
        let context = Unmanaged.passUnretained(count).toOpaque()
        sqlite3_trace_v2(
            db.sqliteConnection, UInt32(SQLITE_TRACE_PROFILE),
            { _, context, statement, _ in
                let count = Unmanaged<Count>.fromOpaque(context!).takeUnretainedValue()
                count.steps += Int64(sqlite3_stmt_status(OpaquePointer(statement), SQLITE_STMTSTATUS_VM_STEP, 1))
                return 0
            }, context)
        defer { sqlite3_trace_v2(db.sqliteConnection, 0, nil, nil) }
        try withExtendedLifetime(count) { try body() }
        return count.steps
    }
}
