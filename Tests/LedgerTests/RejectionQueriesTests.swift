import Foundation
import Testing
import Vocabulary

@testable import Ledger

/// The rejected files status places by name and the run summary still
/// counts as waiting for a correction.
@Suite struct RejectionQueriesTests {
    typealias F = LedgerFixture

    @Test func aRejectionIsCorrectedByALaterFileForItsMonthsUnderAnyName() throws {
        let fixture = try LedgerFixture()
        let ledger = fixture.ledger
        try Self.recordCorrections(in: ledger)
        let waiting = try ledger.read { try $0.uncorrectedRejections() }
        #expect(
            waiting.map(\.file.path) == [
                "371502/commerce/2026-09-补报.csv", "371502/commerce/2026-11-补报.csv", "371502/commerce/报表.ods",
            ])
        #expect(waiting.first?.firstError?.code == "type-error")
        #expect(
            try ledger.read { try $0.unplacedRejections() }.map(\.path) == [
                "371502/commerce/报表.ods", "371502/transport/2026-10.xls",
            ])
    }

    /// A round of uploads asks only of its own files, by another query:
    /// each path alone, and all together, gives what the whole list says of it.
    @Test func askedOfSomePathsTheAnswerIsTheWholeListsForThem() throws {
        let fixture = try LedgerFixture()
        let ledger = fixture.ledger
        try Self.recordCorrections(in: ledger)
        let whole = try ledger.read { try $0.uncorrectedRejections() }
        let paths = try ledger.read { db in try String.fetchAll(db.db, sql: "SELECT path FROM submission ORDER BY path")
        }
        #expect(paths.count == 11)
        for path in paths {
            let asked = try ledger.read { try $0.uncorrectedRejections(among: [path, "371502/commerce/无此文件.csv"]) }
            #expect(asked == whole.filter { $0.file.path == path }, "\(path)")
        }
        #expect(try ledger.read { try $0.uncorrectedRejections(among: paths) } == whole)
        #expect(try ledger.read { try $0.uncorrectedRejections(among: []) }.isEmpty)
    }

    /// Rejections and the files that correct them or not, of two submitters.
    private static func recordCorrections(in ledger: LedgerDatabase) throws {
        let error = [F.issue("type-error", .error)]
        let observation = [F.observation("nev_stock", "2026-05", 10)]
        // Q2 rejected, then corrected under another name: no longer waiting.
        _ = try ledger.record(F.version("2026-Q2.csv", seed: 1, periods: ["2026-05"]), observations: [], issues: error)
        _ = try ledger.record(
            F.version("2026-Q2-更正.csv", seed: 2, periods: ["2026-05"]), observations: observation, issues: [])
        // A September supplement rejected after the accepted quarter: waiting.
        _ = try ledger.record(
            F.version("2026-Q3.csv", seed: 3, periods: ["2026-09"]),
            observations: [F.observation("nev_stock", "2026-09", 10)], issues: [])
        _ = try ledger.record(
            F.version("2026-09-补报.csv", seed: 4, periods: ["2026-09"]), observations: [], issues: error)
        // An unreadable file (no months), then a good October from the same submitter: corrected.
        _ = try ledger.record(F.version("2026-10.xls", seed: 5, by: F.transport), observations: [], issues: error)
        _ = try ledger.record(
            F.version("2026-10.xlsx", seed: 6, by: F.transport, periods: ["2026-10"]),
            observations: [F.observation("new_buses", "2026-10", 3)], issues: [])
        // November and December rejected; a later file for December alone corrects it (one of its months
        // is enough), while transport's accepted November is another submitter's and a later rejected
        // November corrects nothing.
        _ = try ledger.record(
            F.version("2026-11-12.csv", seed: 8, periods: ["2026-11", "2026-12"]), observations: [], issues: error)
        _ = try ledger.record(
            F.version("2026-11.xlsx", seed: 9, by: F.transport, periods: ["2026-11"]),
            observations: [F.observation("new_buses", "2026-11", 3)], issues: [])
        _ = try ledger.record(
            F.version("2026-11-补报.csv", seed: 10, periods: ["2026-11"]), observations: [], issues: error)
        _ = try ledger.record(
            F.version("2026-12.csv", seed: 11, periods: ["2026-12"]),
            observations: [F.observation("nev_stock", "2026-12", 10)], issues: [])
        // An unreadable file nobody followed up (after it, no file of the submitter was accepted).
        _ = try ledger.record(F.version("报表.ods", seed: 7), observations: [], issues: error)
    }

    /// An uncorrected file is named by its first error in intake's order,
    /// the warnings before it passed over, as its whole list of issues gives it.
    @Test func anUncorrectedFileIsNamedByItsFirstError() throws {
        let fixture = try LedgerFixture()
        let ledger = fixture.ledger
        let issues = [
            F.issue("value-outlier", .warning, cell: "D2"), F.issue("type-error", .error, cell: "D5"),
            F.issue("value-range", .error, cell: "D3"),
        ]
        _ = try ledger.record(F.version("2026-09.csv", seed: 1, periods: ["2026-09"]), observations: [], issues: issues)
        let waiting = try #require(try ledger.read { try $0.uncorrectedRejections() }.first)
        #expect(waiting.firstError?.code == "type-error" && waiting.firstError?.location.cell == "D5")
        #expect(waiting.firstError == (try ledger.read { try $0.issues(versionId: waiting.file.versionId) })[1])
        // Warnings alone reject nothing, and another month corrects nothing: only September waits.
        _ = try ledger.record(
            F.version("2026-10.csv", seed: 2, periods: ["2026-10"]), observations: [],
            issues: [F.issue("value-outlier", .warning)])
        #expect(try ledger.read { try $0.uncorrectedRejections() }.map(\.file.path) == ["371502/commerce/2026-09.csv"])
    }
}
