import Foundation
import TestSupport
import Testing

@testable import Ledger

@Suite struct SupersessionTests {
    typealias F = LedgerFixture

    @Test func newerVersionForTheSamePeriodSupersedesTheOlder() throws {
        let fixture = try F()
        let v1 = try fixture.ledger.record(
            F.version("march.xlsx", seed: 1),
            observations: [
                F.observation("nev-stock", "2025-03", 1200),
                F.observation("scrapped-vehicles", "2025-03", 35),
            ],
            issues: [])
        // The correction overwrites the file and leaves out one indicator:
        // the latest report for the month is the report.
        let v2 = try fixture.ledger.record(
            F.version("march.xlsx", seed: 2),
            observations: [F.observation("nev-stock", "2025-03", 1250)], issues: [])
        #expect(
            v2.superseded == [
                Supersession(
                    versionId: v1.version.id, path: "371502/commerce/march.xlsx",
                    period: F.period("2025-03"))
            ])

        let history = try fixture.ledger.read { try $0.versions(path: "371502/commerce/march.xlsx") }
        #expect(history.map(\.status) == [.superseded, .accepted])
        #expect(history[0].supersededBy == v2.version.id)
        #expect(
            try fixture.ledger.read { try $0.observations(versionId: v1.version.id) }.count == 2,
            "history keeps its figures")

        let current = try fixture.ledger.read { try collected($0.eachCountedReport) }
        #expect(current.map(\.observation.value) == [1250])
        #expect(current.map(\.versionId) == [v2.version.id])
        let counts = try fixture.ledger.read { try $0.counts() }
        #expect((counts.observations, counts.currentObservations, counts.superseded) == (3, 1, 1))
    }

    @Test func anotherPeriodOrAnotherSubmitterSupersedesNothing() throws {
        let fixture = try F()
        let march = try fixture.ledger.record(
            F.version("march.xlsx", seed: 1),
            observations: [F.observation("nev-stock", "2025-03", 1200)], issues: [])
        let april = try fixture.ledger.record(
            F.version("april.xlsx", seed: 2),
            observations: [F.observation("nev-stock", "2025-04", 1300)], issues: [])
        let transport = try fixture.ledger.record(
            F.version("march.xlsx", seed: 3, by: F.transport),
            observations: [F.observation("buses", "2025-03", 80)], issues: [])
        #expect(april.superseded.isEmpty)
        #expect(transport.superseded.isEmpty)
        #expect(try fixture.ledger.read { try $0.version(id: march.version.id) }?.status == .accepted)
        #expect(
            try fixture.ledger.read { try collected($0.eachCountedReport) }.map(\.observation.value) == [
                80, 1200, 1300,
            ])
    }

    @Test func supersessionIsPerPeriodOfAMultiMonthFile() throws {
        let fixture = try F()
        let quarter = try fixture.ledger.record(
            F.version("q1.csv", seed: 1),
            observations: ["2025-01", "2025-02", "2025-03"].map { F.observation("nev-stock", $0, 100) }, issues: [])
        let march = try fixture.ledger.record(
            F.version("march.csv", seed: 2),
            observations: [F.observation("nev-stock", "2025-03", 130)], issues: [])
        #expect(march.superseded.map(\.period) == [F.period("2025-03")])
        #expect(
            try fixture.ledger.read { try $0.version(id: quarter.version.id) }?.status == .accepted,
            "January and February still count")
        #expect(
            try fixture.ledger.read { try collected($0.eachCountedReport) }.map(\.observation.value) == [100, 100, 130])

        // Once its last periods are replaced, the quarter file is superseded.
        let janFeb = try fixture.ledger.record(
            F.version("jan-feb.csv", seed: 3),
            observations: ["2025-01", "2025-02"].map { F.observation("nev-stock", $0, 110) }, issues: [])
        #expect(janFeb.superseded.count == 2)
        let stored = try fixture.ledger.read { try $0.version(id: quarter.version.id) }
        #expect(stored?.status == .superseded)
        #expect(stored?.supersededBy == janFeb.version.id)
        #expect(
            try fixture.ledger.read { try collected($0.eachCountedReport) }.map(\.observation.value) == [110, 110, 130])
    }

    @Test func rejectedCorrectionLeavesTheAcceptedReportCounting() throws {
        let fixture = try F()
        let v1 = try fixture.ledger.record(
            F.version("march.xlsx", seed: 1),
            observations: [F.observation("nev-stock", "2025-03", 1200)], issues: [])
        let v2 = try fixture.ledger.record(
            F.version("march.xlsx", seed: 2, periods: ["2025-03"]),
            observations: [], issues: [F.issue("type-error", .error)])
        #expect(v2.superseded.isEmpty)
        #expect(try fixture.ledger.read { try $0.version(id: v1.version.id) }?.status == .accepted)
        #expect(try fixture.ledger.read { try collected($0.eachCountedReport) }.map(\.observation.value) == [1200])
    }

    @Test func acceptedReportWithoutFiguresWithdrawsTheMonth() throws {
        let fixture = try F()
        _ = try fixture.ledger.record(
            F.version("march.xlsx", seed: 1),
            observations: [F.observation("nev-stock", "2025-03", 1200)], issues: [])
        let empty = try fixture.ledger.record(
            F.version("march.xlsx", seed: 2, periods: ["2025-03"]),
            observations: [], issues: [])
        #expect(empty.superseded.count == 1)
        #expect(try fixture.ledger.read { try collected($0.eachCountedReport) }.isEmpty)
    }
}
