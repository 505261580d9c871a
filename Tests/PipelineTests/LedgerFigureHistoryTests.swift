import Foundation
import Intake
import Ledger
import Outbox
import Testing
import Vocabulary

@testable import Pipeline

/// The cross-period checks' history, a region's series read once: each
/// month's counted figure, superseded versions left out.
@Suite struct LedgerFigureHistoryTests {
    @Test func aSeriesReadOnceAnswersEveryMonthAsTheLedgersQueryDoes() throws {
        let fixture = try DeploymentFixture()
        let first = try #require(Period("2024-01"))
        let months: [String] = (0..<14).map { first.advanced(by: $0).description }
        // Three versions of one file, each superseding the last; another region's figures beside them.
        for (minute, base) in [1000, 1010, 1020].enumerated() {
            _ = try fixture.put(
                "371502/commerce/stock.csv",
                rows: months.enumerated().map { "371502,nev_stock,\($1),\(base + $0),辆," }, minute: minute)
            _ = try fixture.run()
        }
        _ = try fixture.put("371503/commerce/stock.csv", rows: months.map { "371503,nev_stock,\($0),7,辆," }, minute: 5)
        _ = try fixture.run()
        try fixture.ledger().read { reader in
            let history = LedgerFigureHistory(series: BatchFigureSeries(ledger: reader), for: [])
            // Only the last version counts: month i's figure is 1020 + i.
            for month in ["2024-01", "2024-02", "2024-07", "2025-02", "2025-03", "2026-01"] {
                for limit in [0, 1, 6, 24] {
                    let period = try #require(Period(month))
                    let answer = try history.figures(
                        region: "371502", indicator: "nev_stock", before: period, limit: limit)
                    let expected = months.enumerated().filter { Period($0.element)! < period }.suffix(limit)
                    #expect(answer.map(\.period.description) == expected.map(\.element), "\(month) limit \(limit)")
                    #expect(answer.map(\.value) == expected.map { Double(1020 + $0.offset) }, "\(month) limit \(limit)")
                }
            }
            #expect(
                try history.figures(
                    region: "371503", indicator: "nev_stock", before: try #require(Period("2025-03")), limit: 2
                )
                .map(\.value) == [7, 7])
            #expect(
                try history.figures(
                    region: "371503", indicator: "chargers", before: try #require(Period("2025-03")), limit: 2
                )
                .isEmpty)
        }
    }

    /// The series a batch keeps, updated as it records, against the ledger's
    /// own reading after every file: monthly files, a second submitter of the
    /// same figure, a rejected file, content already recorded, and a
    /// correction that withdraws a figure it does not replace.
    @Test func aBatchsKeptSeriesAreTheLedgersAfterEveryFileItRecords() throws {
        let fixture = try DeploymentFixture()
        try FileManager.default.createDirectory(atPath: fixture.outbox, withIntermediateDirectories: true)
        let ledger = try fixture.ledger()
        let commerce = Submitter(region: "371502", department: "commerce")
        let other = Submitter(region: "371502", department: "development-reform")
        let error = Vocabulary.Issue(code: "test-error", severity: .error, zh: "错误", en: "error")
        let files: [Sent] = [
            Sent(commerce, "2024-01.csv", "2024-01", ["nev_stock": 100, "chargers": 10]),
            Sent(commerce, "2024-02.csv", "2024-02", ["nev_stock": 110, "chargers": 11]),
            Sent(other, "nev.csv", "2024-02", ["nev_stock": 999]),
            Sent(commerce, "2024-04.csv", "2024-04", ["nev_stock": 130, "chargers": 13]),
            Sent(commerce, "2024-03.csv", "2024-03", ["nev_stock": 120]),
            Sent(commerce, "2024-05.csv", "2024-05", ["nev_stock": 140], issues: [error]),
            Sent(commerce, "2024-04.csv", "2024-04", ["nev_stock": 130, "chargers": 13]),
            // Withdraws the first 2024-02 file's chargers, which it does not give.
            Sent(commerce, "2024-02 更正.csv", "2024-02", ["nev_stock": 112]),
            Sent(commerce, "2024-06.csv", "2024-06", ["nev_stock": 150, "chargers": 15]),
        ]
        let indicators: Set<String> = ["nev_stock", "chargers"]
        func shown(_ series: [(period: Period, value: Double)]) -> [String] {
            series.map { "\($0.period)=\($0.value)" }
        }
        try ledger.inTransaction { transaction in
            let batch = BatchFigureSeries(ledger: transaction.reader)
            for (number, sent) in files.enumerated() {
                let (submitter, name, issues) = (sent.submitter, sent.name, sent.issues)
                for code in indicators {
                    _ = try batch.series(region: "371502", indicator: code, alongWith: indicators)
                }
                let period = try #require(Period(sent.month))
                let observations = sent.figures.sorted { $0.key < $1.key }.map {
                    Observation(
                        region: submitter.region, indicator: $0.key, period: period, value: $0.value,
                        writtenValue: "\($0.value)", source: IssueLocation(sheet: "数据", a1: "D2"))
                }
                let accepted = issues.isEmpty ? observations : []
                let time = DeploymentFixture.epoch.addingTimeInterval(Double(number) * 60)
                let outcome = try transaction.record(
                    NewVersion(
                        submitter: submitter, path: "\(submitter.region)/\(submitter.department)/\(name)",
                        sha256: Self.sha256(name),
                        size: 10, modified: time, receivedAt: time, layoutId: "records", periods: [period]),
                    observations: accepted.map(ObservationRecord.init), issues: issues)
                batch.recorded(outcome, observations: accepted)
                let counted = try transaction.reader.countedSeries(region: "371502", indicators: indicators)
                for code in indicators {
                    #expect(
                        shown(try batch.series(region: "371502", indicator: code, alongWith: indicators))
                            == shown(counted[code] ?? []), "\(code) after \(name)")
                }
            }
            #expect(
                shown(try batch.series(region: "371502", indicator: "nev_stock", alongWith: []))
                    == ["2024-01=100.0", "2024-02=112.0", "2024-03=120.0", "2024-04=130.0", "2024-06=150.0"])
        }
    }

    /// A file a submitter sends: its name, month, figures and issues.
    private struct Sent {
        var submitter: Submitter
        var name: String
        var month: String
        var figures: [String: Double]
        var issues: [Vocabulary.Issue]

        init(
            _ submitter: Submitter, _ name: String, _ month: String, _ figures: [String: Double],
            issues: [Vocabulary.Issue] = []
        ) {
            self.submitter = submitter
            self.name = name
            self.month = month
            self.figures = figures
            self.issues = issues
        }
    }

    /// A content hash of the file's name: the same name, the same content.
    private static func sha256(_ name: String) -> String {
        var hasher = SHA256()
        hasher.update(Data(name.utf8))
        return hasher.finalize().hex
    }
}
