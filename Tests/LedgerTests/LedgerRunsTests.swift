import Foundation
import Testing

@testable import Ledger

@Suite struct LedgerRunsTests {
    typealias F = LedgerFixture

    @Test func runIsOpenUntilFinishedWithItsCounts() throws {
        let fixture = try F()
        let start = Date(timeIntervalSince1970: 1_760_000_000)
        let id = try fixture.ledger.beginRun(at: start)
        let version = try fixture.ledger.record(
            F.version("march.xlsx", seed: 1, runId: id), observations: [], issues: [])
        #expect(version.version.runId == id)
        #expect(try fixture.ledger.read { try $0.runs() }.map(\.status) == [.running])

        let counts = RunCounts(filesSeen: 3, accepted: 1, rejected: 1, unchanged: 1, superseded: 0)
        try fixture.ledger.finishRun(id, counts: counts, at: start + 60)
        #expect(
            try fixture.ledger.read { try $0.runs() } == [
                RunRecord(
                    id: id, startedAt: start, finishedAt: start + 60,
                    status: .completed, counts: counts)
            ])
        #expect(throws: LedgerError.unknownRun(id + 1)) { try fixture.ledger.finishRun(id + 1, counts: counts) }
    }
}
