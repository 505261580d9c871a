import Catalog
import Foundation
import TestSupport
import Testing

@testable import Ledger

@Suite struct LedgerQueriesTests {
    typealias F = LedgerFixture

    /// Two submitters reporting the same figure: the roll-up's reports keep
    /// the later version's, with its cell and file; superseded figures are gone.
    @Test func countedReportsKeepTheLaterVersionOfAFigure() throws {
        let fixture = try F()
        let early = Date(timeIntervalSince1970: 1_760_000_000)
        let later = early.addingTimeInterval(3_600)
        _ = try fixture.ledger.record(
            F.version("a.csv", seed: 1, receivedAt: early),
            observations: [F.observation("nev-stock", "2025-03", 100), F.observation("chargers", "2025-03", 7)],
            issues: [])
        // The same commerce department corrects its month: the first file's figures no longer count.
        _ = try fixture.ledger.record(
            F.version("a-corrected.csv", seed: 2, receivedAt: early),
            observations: [F.observation("nev-stock", "2025-03", 110), F.observation("chargers", "2025-03", 8)],
            issues: [])
        let transport = try fixture.ledger.record(
            F.version("b.csv", seed: 3, by: F.transport, receivedAt: later),
            observations: [F.observation("nev-stock", "2025-03", 120, cell: "E9")], issues: [])

        var reports: [String: CountedReport] = [:]
        let asOf = try fixture.ledger.read { reader in
            try reader.eachCountedReport { reports[$0.observation.indicator] = $0 }
            return try reader.countedAsOf()
        }
        #expect(reports.count == 2)
        let stock = try #require(reports["nev-stock"])
        #expect(stock.observation.value == 120 && stock.observation.cell == "E9" && stock.observation.sheet == "数据")
        #expect(stock.versionId == transport.version.id && stock.path == "371502/transport/b.csv")
        let chargers = try #require(reports["chargers"])
        #expect(chargers.observation.value == 8 && chargers.path == "371502/commerce/a-corrected.csv")
        #expect(chargers.observation.writtenValue == "8.0" && chargers.observation.writtenUnit == "辆")
        #expect(chargers.observation.period == F.period("2025-03") && chargers.observation.region == "371502")
        #expect(asOf == later)
        let empty = try F()
        #expect(try empty.ledger.read { try $0.countedAsOf() } == nil)
    }

    /// A region's series of several indicators in one query: one figure a
    /// month, the one recorded last whatever its time of receipt, the same
    /// the roll-up's reports count; superseded months and other regions left out.
    @Test func countedSeriesKeepTheFigureTheRollupCounts() throws {
        let fixture = try F()
        let early = Date(timeIntervalSince1970: 1_760_000_000)
        let later = early.addingTimeInterval(3_600)
        _ = try fixture.ledger.record(
            F.version("a.csv", seed: 1, receivedAt: later),
            observations: [
                F.observation("nev-stock", "2025-01", 100), F.observation("nev-stock", "2025-02", 110),
                F.observation("chargers", "2025-01", 7), F.observation("chargers", "2025-01", 9, region: "371503"),
            ],
            issues: [])
        // Transport's files are recorded after commerce's, one of them received earlier: both count.
        _ = try fixture.ledger.record(
            F.version("b.csv", seed: 2, by: F.transport, receivedAt: early),
            observations: [F.observation("nev-stock", "2025-01", 200)], issues: [])
        _ = try fixture.ledger.record(
            F.version("c.csv", seed: 3, by: F.transport, receivedAt: later),
            observations: [F.observation("nev-stock", "2025-02", 220)], issues: [])
        // Commerce corrects 2025-03's chargers; the first file's 2025-03 no longer counts.
        _ = try fixture.ledger.record(
            F.version("d.csv", seed: 4, receivedAt: early), observations: [F.observation("chargers", "2025-03", 1)],
            issues: [])
        _ = try fixture.ledger.record(
            F.version("e.csv", seed: 5, receivedAt: early), observations: [F.observation("chargers", "2025-03", 2)],
            issues: [])

        let (series, counted) = try fixture.ledger.read { reader in
            var counted: [String] = []
            try reader.eachCountedReport {
                if $0.observation.region == "371502" {
                    counted.append("\($0.observation.indicator) \($0.observation.period)=\($0.observation.value)")
                }
            }
            return (
                try reader.countedSeries(region: "371502", indicators: ["nev-stock", "chargers", "scrapped"]), counted
            )
        }
        #expect(series.keys.sorted() == ["chargers", "nev-stock"])
        #expect(series["nev-stock"]!.map { "\($0.period)=\($0.value)" } == ["2025-01=200.0", "2025-02=220.0"])
        #expect(series["chargers"]!.map { "\($0.period)=\($0.value)" } == ["2025-01=7.0", "2025-03=2.0"])
        let fromSeries = series.flatMap { indicator, figures in figures.map { "\(indicator) \($0.period)=\($0.value)" }
        }
        #expect(fromSeries.sorted() == counted.sorted())
        #expect(try fixture.ledger.read { try $0.countedSeries(region: "371502", indicators: []) }.isEmpty)
    }

    /// A file corrected again and again (a department's uploads through the
    /// portal): the series is read a month at a time, newest figure first,
    /// and is still the one the roll-up counts.
    @Test func countedSeriesOfAHistoryCorrectedAgainAndAgainKeepTheFigureTheRollupCounts() throws {
        let fixture = try F()
        let months = (1...6).map { "2025-0\($0)" }
        for seed in 1...4 {
            _ = try fixture.ledger.record(
                F.version("a.csv", seed: seed, receivedAt: Date(timeIntervalSince1970: 1_760_000_000 + Double(seed))),
                observations: months.flatMap {
                    [F.observation("nev-stock", $0, Double(100 * seed)), F.observation("chargers", $0, Double(seed))]
                }, issues: [])
        }
        // Transport's figure for February is recorded last: it counts.
        _ = try fixture.ledger.record(
            F.version("b.csv", seed: 5, by: F.transport), observations: [F.observation("nev-stock", "2025-02", 7)],
            issues: [])
        // Commerce's June again, without chargers: June's chargers count no more.
        _ = try fixture.ledger.record(
            F.version("june.csv", seed: 6), observations: [F.observation("nev-stock", "2025-06", 600)], issues: [])

        let (probe, series, counted) = try fixture.ledger.read { reader in
            var counted: [String] = []
            try reader.eachCountedReport {
                if $0.observation.region == "371502" {
                    counted.append("\($0.observation.indicator) \($0.observation.period)=\($0.observation.value)")
                }
            }
            return (
                try Bool.fetchOne(
                    reader.db, sql: LedgerReader.isDeepHistory, arguments: ["371502", #"["chargers","nev-stock"]"#]),
                try reader.countedSeries(region: "371502", indicators: ["nev-stock", "chargers", "scrapped"]), counted
            )
        }
        // Four versions gave each month's chargers: the walk by month is taken.
        #expect(probe == true)
        #expect(
            series["nev-stock"]!.map { "\($0.period)=\($0.value)" } == [
                "2025-01=400.0", "2025-02=7.0", "2025-03=400.0", "2025-04=400.0", "2025-05=400.0", "2025-06=600.0",
            ])
        #expect(series["chargers"]!.map { "\($0.period)=\($0.value)" } == months.dropLast().map { "\($0)=4.0" })
        let fromSeries = series.flatMap { indicator, figures in figures.map { "\(indicator) \($0.period)=\($0.value)" }
        }
        #expect(fromSeries.sorted() == counted.sorted())

        // A later month with one version leaves the history deep: 25 chargers over 7 months.
        _ = try fixture.ledger.record(
            F.version("july.csv", seed: 7), observations: [F.observation("chargers", "2025-07", 7)], issues: [])
        let deep = { (codes: String) in
            try fixture.ledger.read {
                try Bool.fetchOne($0.db, sql: LedgerReader.isDeepHistory, arguments: ["371502", codes])
            }
        }
        #expect(try deep(#"["chargers","nev-stock"]"#) == true)
        // Transport's region of one figure, and a region without any, are shallow.
        #expect(try deep(#"["scrapped"]"#) == false)
    }

    @Test func reportStatusesGiveTheLatestVersionAndFirstAcceptance() throws {
        let fixture = try F()
        let day = 86_400.0
        let start = Date(timeIntervalSince1970: 1_760_000_000)
        let accepted = try fixture.ledger.record(
            F.version("march.xlsx", seed: 1, receivedAt: start),
            observations: [F.observation("nev-stock", "2025-03", 1), F.observation("chargers", "2025-03", 2)],
            issues: [])
        _ = try fixture.ledger.record(
            F.version("march.xlsx", seed: 2, periods: ["2025-03"], receivedAt: start + day),
            observations: [], issues: [F.issue("type-error", .error)])
        _ = try fixture.ledger.record(
            F.version(
                "march.xlsx", seed: 3, by: F.transport, periods: ["2025-03"],
                receivedAt: start + 2 * day),
            observations: [], issues: [F.issue("type-error", .error)])
        _ = try fixture.ledger.record(
            F.version("april.xlsx", seed: 4, receivedAt: start + 3 * day),
            observations: [F.observation("nev-stock", "2025-04", 1)], issues: [])

        let march = try fixture.ledger.read {
            try $0.reportStatuses(periods: F.period("2025-03")...F.period("2025-03"))
        }
        #expect(march.map(\.submitter) == [F.commerce, F.transport])
        // Commerce's correction was rejected; its first report still counts.
        #expect(march[0].latestStatus == .rejected)
        #expect(march[0].latestReceivedAt == start + day)
        #expect(march[0].firstAcceptedAt == accepted.version.receivedAt)
        #expect(march[0].observations == 2)
        // Transport never had a report accepted.
        #expect(march[1].latestStatus == .rejected)
        #expect(march[1].firstAcceptedAt == nil)
        #expect(march[1].observations == 0)

        let all = try fixture.ledger.read { try $0.reportStatuses() }
        #expect(all.map(\.period.description) == ["2025-03", "2025-03", "2025-04"])
        #expect(all[2].latestStatus == .accepted)
        #expect(all[2].latestPath == "371502/commerce/april.xlsx")
    }

    @Test func historyAndCountsKeepEveryVersion() throws {
        let fixture = try F()
        for seed in 1...3 {
            _ = try fixture.ledger.record(
                F.version("march.xlsx", seed: seed),
                observations: [F.observation("nev-stock", "2025-03", Double(seed))],
                issues: seed == 2 ? [F.issue("outlier", .warning)] : [])
        }
        #expect(
            try fixture.ledger.read { try $0.versions(path: "371502/commerce/march.xlsx") }.map(\.sha256)
                == [F.sha(1), F.sha(2), F.sha(3)])
        // One version by its content, and the latest's id, each without reading the path's whole history.
        let all = try fixture.ledger.read { try $0.versions(path: "371502/commerce/march.xlsx") }
        #expect(
            try fixture.ledger.read { try $0.version(path: "371502/commerce/march.xlsx", sha256: F.sha(2)) } == all[1])
        #expect(try fixture.ledger.read { try $0.version(path: "371502/commerce/other.xlsx", sha256: F.sha(2)) } == nil)
        #expect(try fixture.ledger.read { try $0.latestVersionId(path: "371502/commerce/march.xlsx") } == all[2].id)
        #expect(try fixture.ledger.read { try $0.latestVersionId(path: "371502/commerce/other.xlsx") } == nil)
        #expect(
            try fixture.ledger.read { try $0.counts() }
                == LedgerCounts(
                    submissions: 1, versions: 3, accepted: 1, rejected: 0, superseded: 2, issues: 1,
                    observations: 3, currentObservations: 1))
    }
}
