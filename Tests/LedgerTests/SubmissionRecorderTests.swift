import Foundation
import GRDB
import TestSupport
import Testing
import Vocabulary

@testable import Ledger

@Suite struct SubmissionRecorderTests {
    typealias F = LedgerFixture

    @Test func acceptedVersionMakesItsObservationsCurrent() throws {
        let fixture = try F()
        let observations = [
            F.observation("nev-stock", "2025-03", 1200, cell: "D2"),
            F.observation("scrapped-vehicles", "2025-03", 35, cell: "D3"),
        ]
        let outcome = try fixture.ledger.record(
            F.version("2025-03.xlsx", seed: 1), observations: observations,
            issues: [F.issue("outlier", .warning)])
        #expect(outcome.isNew)
        #expect(outcome.superseded.isEmpty)
        #expect(outcome.version.status == .accepted)
        #expect(outcome.version.periods == [F.period("2025-03")])
        #expect(outcome.version.path == "371502/commerce/2025-03.xlsx")
        #expect(outcome.version.modified.timeIntervalSince1970 == 1_759_999_000.123456)

        let current = try fixture.ledger.read { try collected($0.eachCountedReport) }
        #expect(current.map(\.observation) == observations.sorted { $0.indicator < $1.indicator })
        #expect(try fixture.ledger.read { try $0.issues(versionId: outcome.version.id) }.map(\.code) == ["outlier"])
    }

    /// `record` makes the version it returns from what it wrote instead of
    /// reading it back: it is the version a fetch reads, to the millisecond
    /// the ledger keeps of the received time and the bits of the modification time.
    @Test func theRecordedVersionIsTheOneTheLedgerReadsBack() throws {
        let fixture = try F()
        for (seed, received) in [1_760_000_000.0, 1_760_000_000.123_456_7, 1_760_000_000.999_9, -86_400.0005]
            .enumerated()
        {
            var new = F.version(
                "2025-0\(seed + 1).xlsx", seed: seed, periods: ["2025-0\(seed + 1)", "2024-12"],
                receivedAt: Date(timeIntervalSince1970: received), runId: nil)
            new.modified = Date(timeIntervalSinceReferenceDate: 781_000_000.123_456_789 + Double(seed) / 3)
            new.layoutId = seed == 0 ? nil : "form"
            new.archivePath = seed == 0 ? nil : "archive/\(seed)"
            let outcome = try fixture.ledger.record(
                new, observations: [F.observation("nev-stock", "2025-0\(seed + 1)", 1)],
                issues: seed == 2 ? [F.issue("type-error", .error)] : [])
            #expect(try fixture.ledger.read { try $0.version(id: outcome.version.id) } == outcome.version)
        }
    }

    @Test func rejectedVersionKeepsItsIssuesAndNoObservations() throws {
        let fixture = try F()
        let issues = [
            F.issue("type-error", .error, cell: "D3"),
            Issue(code: "blank-row", severity: .warning, location: IssueLocation(row: 7), zh: "空行", en: "blank row"),
        ]
        let outcome = try fixture.ledger.record(
            F.version("2025-03.csv", seed: 1),
            observations: [F.observation("nev-stock", "2025-03", 1200)],
            issues: issues)
        #expect(outcome.version.status == .rejected)
        #expect(outcome.version.periods == [F.period("2025-03")], "its periods are kept, for the status grid")
        #expect(try fixture.ledger.read { try $0.issues(versionId: outcome.version.id) } == issues)
        #expect(try fixture.ledger.read { try $0.observations(versionId: outcome.version.id) }.isEmpty)
        #expect(try fixture.ledger.read { try collected($0.eachCountedReport) }.isEmpty)
        #expect(try fixture.ledger.read { try $0.counts() }.rejected == 1)
    }

    @Test func identicalResubmissionIsRecordedOnce() throws {
        let fixture = try F()
        let new = F.version("2025-03.xlsx", seed: 1)
        let observations = [F.observation("nev-stock", "2025-03", 1200)]
        #expect(
            try fixture.ledger.read { try $0.hasSeen(sha256: new.sha256, path: new.path, submitter: F.commerce) } == nil
        )
        let first = try fixture.ledger.record(new, observations: observations, issues: [])
        let before = try fixture.dump("version") + fixture.dump("observation")

        #expect(
            try fixture.ledger.read { try $0.hasSeen(sha256: new.sha256, path: new.path, submitter: F.commerce) }
                == first.version)
        var later = new
        later.receivedAt = new.receivedAt.addingTimeInterval(86_400)
        let again = try fixture.ledger.record(later, observations: observations, issues: [])
        #expect(!again.isNew)
        #expect(again.version == first.version)
        #expect(try fixture.dump("version") + fixture.dump("observation") == before)
        #expect(try fixture.ledger.read { try collected($0.eachCountedReport) }.count == 1)
    }

    @Test func sameContentUnderAnotherNameIsSeenAndNotCountedTwice() throws {
        let fixture = try F()
        let original = F.version("march.xlsx", seed: 1, periods: ["2025-03"])
        let observations = [F.observation("nev-stock", "2025-03", 1200)]
        let first = try fixture.ledger.record(original, observations: observations, issues: [])

        let copy = F.version("march (1).xlsx", seed: 1, periods: ["2025-03"])
        let seen = try fixture.ledger.read {
            try $0.hasSeen(sha256: copy.sha256, path: copy.path, submitter: F.commerce)
        }
        #expect(seen?.id == first.version.id)
        #expect(seen?.path == original.path)
        // Another submitter's folder is another report.
        #expect(
            try fixture.ledger.read { try $0.hasSeen(sha256: copy.sha256, path: copy.path, submitter: F.transport) }
                == nil)

        // Recorded anyway (for its receipt), the copy replaces the original.
        let second = try fixture.ledger.record(copy, observations: observations, issues: [])
        #expect(second.isNew)
        #expect(second.superseded.map(\.versionId) == [first.version.id])
        #expect(try fixture.ledger.read { try collected($0.eachCountedReport) }.map(\.path) == [copy.path])
        // What a receipt asks to name the file a version copies: id and path, oldest first, up to the version.
        let paths = { (through: Int64) in
            try fixture.ledger.read {
                try $0.versionPaths(sha256: copy.sha256, submitter: F.commerce, through: through).map {
                    "\($0.id) \($0.path)"
                }
            }
        }
        #expect(
            try paths(second.version.id) == [
                "\(first.version.id) \(original.path)", "\(second.version.id) \(copy.path)",
            ])
        #expect(try paths(first.version.id) == ["\(first.version.id) \(original.path)"])
    }

    @Test func failureMidRecordLeavesNothing() throws {
        let fixture = try F()
        let v1 = try fixture.ledger.record(
            F.version("march.xlsx", seed: 1),
            observations: [F.observation("nev-stock", "2025-03", 1200)], issues: [])
        let tables = ["submission", "version", "version_period", "issue", "observation", "file_state"]
        let before = try tables.flatMap(fixture.dump)

        // The second observation repeats the first one's key: the insert
        // fails after the version, its periods, its issue and one
        // observation were written, and before supersession.
        let broken = F.version("march-corrected.xlsx", seed: 2)
        #expect(throws: DatabaseError.self) {
            try fixture.ledger.record(
                broken,
                observations: [
                    F.observation("nev-stock", "2025-03", 1300, cell: "D2"),
                    F.observation("nev-stock", "2025-03", 1400, cell: "D9"),
                ],
                issues: [F.issue("outlier", .warning)])
        }
        #expect(try tables.flatMap(fixture.dump) == before)
        #expect(try fixture.ledger.read { try $0.version(id: v1.version.id) }?.status == .accepted)
        #expect(try fixture.ledger.read { try collected($0.eachCountedReport) }.map(\.observation.value) == [1200])
        #expect(try fixture.ledger.read { try $0.knownState(path: broken.path) } == nil)
    }

    @Test func pathRecordedForOneSubmitterCannotChangeHands() throws {
        let fixture = try F()
        var new = F.version("march.xlsx", seed: 1)
        _ = try fixture.ledger.record(new, observations: [], issues: [])
        new.submitter = F.transport
        new.sha256 = F.sha(2)
        #expect(throws: LedgerError.submitterMismatch(path: new.path, recorded: F.commerce, given: F.transport)) {
            try fixture.ledger.record(new, observations: [], issues: [])
        }
    }
}
