import Catalog
import Foundation
import GRDB
import Vocabulary

@testable import Ledger

/// A ledger in a fresh temporary directory, with builders for the records
/// the tests feed it. The directory goes when the fixture does.
final class LedgerFixture {
    let directory: URL
    let path: String
    let ledger: LedgerDatabase

    static let commerce = Submitter(region: "371502", department: "commerce")
    static let transport = Submitter(region: "371502", department: "transport")

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("ledger.sqlite").path
        ledger = try LedgerDatabase(path: path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// A 64-digit hex stand-in for a SHA-256, distinct per `seed`.
    static func sha(_ seed: Int) -> String { String(format: "%064x", seed) }

    static func period(_ text: String) -> Period { Period(text)! }

    /// A version of `file` in the submitter's folder, content `seed`.
    static func version(
        _ file: String, seed: Int, by submitter: Submitter = commerce, periods: [String] = [],
        receivedAt: Date = Date(timeIntervalSince1970: 1_760_000_000), runId: Int64? = nil
    ) -> NewVersion {
        NewVersion(
            submitter: submitter, path: "\(submitter.region)/\(submitter.department)/\(file)", sha256: sha(seed),
            size: Int64(1000 + seed), modified: Date(timeIntervalSince1970: 1_759_999_000.123456),
            receivedAt: receivedAt, runId: runId, layoutId: "records", periods: periods.map(period))
    }

    /// One figure at `cell` of sheet `数据`.
    static func observation(
        _ indicator: String, _ period: String, _ value: Double, region: String = "371502",
        cell: String = "D2"
    ) -> ObservationRecord {
        ObservationRecord(
            region: region, indicator: indicator, period: Self.period(period), value: value,
            writtenValue: String(value), writtenUnit: "辆", sheet: "数据", cell: cell)
    }

    static func issue(_ code: String, _ severity: Severity, cell: String = "D3") -> Issue {
        Issue(
            code: code, severity: severity, location: IssueLocation(sheet: "数据", a1: cell),
            zh: "数值不是数字", en: "value is not a number")
    }

    /// Every row of a table, as text, to compare a ledger before and after.
    func dump(_ table: String) throws -> [String] {
        try ledger.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2").map(\.description)
        }
    }
}

extension LedgerDatabase {
    /// Records one version in a transaction of its own, as most tests do.
    func record(_ new: NewVersion, observations: [ObservationRecord], issues: [Issue]) throws -> RecordOutcome {
        try inTransaction { try $0.record(new, observations: observations, issues: issues) }
    }
}
