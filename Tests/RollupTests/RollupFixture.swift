import Catalog
import Foundation
import Ledger
import Rollup
import Vocabulary

/// The repository's catalog and a ledger in a fresh temporary folder that
/// tests fill report by report, for hand-computed roll-ups of 聊城市.
final class RollupFixture {
    static let catalog: Catalog = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return CatalogLoader(schemas: root.appendingPathComponent("Schemas")).load().0
    }()

    static let city = "371500"
    /// 东昌府区, 茌平区: two counties of 聊城市.
    static let countyA = "371502"
    static let countyB = "371503"

    let directory: URL
    let ledger: LedgerDatabase
    private var files = 0

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        ledger = try LedgerDatabase(path: directory.appendingPathComponent("ledger.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Records one file from `region`'s `department` with `figures` for
    /// `period` (indicator, value; the region of each figure is `region`
    /// unless given as `indicator@region`); rejected when `rejected`.
    @discardableResult
    func report(
        _ region: String, _ department: String, _ period: String, _ figures: [(String, Double)],
        receivedAt: Date = Date(timeIntervalSince1970: 1_700_000_000), rejected: Bool = false
    ) throws
        -> RecordOutcome
    {
        files += 1
        let month = Period(period)!
        let observations = figures.enumerated().map { row, figure in
            let parts = figure.0.split(separator: "@").map(String.init)
            return ObservationRecord(
                region: parts.count > 1 ? parts[1] : region, indicator: parts[0], period: month,
                value: figure.1, writtenValue: String(figure.1), sheet: "数据",
                cell: "D\(row + 2)")
        }
        let issues =
            rejected
            ? [
                Issue(
                    code: "type-error", severity: .error, location: IssueLocation(sheet: "数据", a1: "D2"),
                    zh: "数值不是数字", en: "value is not a number")
            ]
            : []
        let version = NewVersion(
            submitter: Submitter(region: region, department: department),
            path: "\(region)/\(department)/\(period)-\(files).csv", sha256: String(format: "%064x", files),
            size: 100, modified: receivedAt, receivedAt: receivedAt, layoutId: "records", periods: [month])
        return try ledger.inTransaction {
            try $0.record(version, observations: rejected ? [] : observations, issues: issues)
        }
    }

    func engine() throws -> RollupEngine {
        try ledger.read { try RollupEngine(catalog: Self.catalog, ledger: $0) }
    }

    /// A date in China Standard Time.
    static func china(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour))!
    }
}
