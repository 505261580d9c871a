import Foundation
import TestSupport
import Testing

@testable import Ledger

@Suite struct ConcurrentWritersTests {
    typealias F = LedgerFixture

    /// Two ledgers on one file, as two processes would open it, record
    /// versions at the same time: each write is whole, supersession is
    /// consistent, and the identical file both try to record lands once.
    @Test func twoConnectionsWritingAtOnceKeepTheLedgerWhole() async throws {
        let fixture = try F()
        let other = try LedgerDatabase(path: fixture.path)
        let perWriter = 40

        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, ledger) in [fixture.ledger, other].enumerated() {
                group.addTask {
                    for step in 0..<perWriter {
                        // Each writer's own file for its own month, plus a
                        // shared file both record with the same content.
                        let month = F.period("2025-01").advanced(by: index).description
                        _ = try ledger.record(
                            F.version("own-\(index).csv", seed: 1000 * (index + 1) + step),
                            observations: [F.observation("nev-stock", month, Double(step))], issues: [])
                        _ = try ledger.record(
                            F.version("shared.csv", seed: 99, periods: ["2025-06"]),
                            observations: [F.observation("nev-stock", "2025-06", 6)], issues: [])
                    }
                }
            }
            try await group.waitForAll()
        }

        let counts = try fixture.ledger.read { try $0.counts() }
        #expect(counts.versions == 2 * perWriter + 1)
        #expect(counts.accepted == 3)
        #expect(counts.superseded == 2 * perWriter - 2)
        let current = try other.read { try collected($0.eachCountedReport) }
        #expect(current.map(\.observation.period.description) == ["2025-01", "2025-02", "2025-06"])
        #expect(current.prefix(2).map(\.observation.value) == [Double(perWriter - 1), Double(perWriter - 1)])
        #expect(try fixture.ledger.integrityProblems(thorough: true) == [])
    }

    /// Writes alternating between two connections each see the other's
    /// last commit: supersession and the resubmission check cross them.
    @Test func alternatingConnectionsSeeEachOthersVersions() throws {
        let fixture = try F()
        let other = try LedgerDatabase(path: fixture.path)
        let v1 = try fixture.ledger.record(
            F.version("march.xlsx", seed: 1),
            observations: [F.observation("nev-stock", "2025-03", 1)], issues: [])
        let v2 = try other.record(
            F.version("march.xlsx", seed: 2),
            observations: [F.observation("nev-stock", "2025-03", 2)], issues: [])
        #expect(v2.superseded.map(\.versionId) == [v1.version.id])
        #expect(
            try fixture.ledger.read { try $0.hasSeen(sha256: F.sha(2), path: v2.version.path, submitter: F.commerce) }?
                .id
                == v2.version.id)
        let again = try fixture.ledger.record(
            F.version("march.xlsx", seed: 2),
            observations: [F.observation("nev-stock", "2025-03", 2)], issues: [])
        #expect(!again.isNew)
        #expect(try other.read { try collected($0.eachCountedReport) }.map(\.observation.value) == [2])
    }
}
