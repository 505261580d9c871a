import Foundation
import Testing

@testable import Ledger

@Suite struct FileStateCacheTests {
    typealias F = LedgerFixture

    @Test func remembersTheLastStateOfAPathExactly() throws {
        let fixture = try F()
        let path = "371502/commerce/march.xlsx"
        #expect(try fixture.ledger.read { try $0.knownState(path: path) } == nil)
        // Sub-microsecond modification times must compare equal after a round trip.
        let state = FileState(
            path: path, size: 4096, modified: Date(timeIntervalSince1970: 1_760_000_000.123456789),
            sha256: F.sha(1))
        try fixture.ledger.inTransaction { try $0.rememberState(state) }
        #expect(try fixture.ledger.read { try $0.knownState(path: path) } == state)

        let changed = FileState(path: path, size: 4100, modified: state.modified + 1, sha256: F.sha(2))
        try fixture.ledger.inTransaction { try $0.rememberState(changed) }
        #expect(try fixture.ledger.read { try $0.knownState(path: path) } == changed)
    }

    @Test func recordingAVersionRemembersItsFile() throws {
        let fixture = try F()
        let new = F.version("march.xlsx", seed: 5)
        _ = try fixture.ledger.record(new, observations: [], issues: [F.issue("type-error", .error)])
        #expect(
            try fixture.ledger.read { try $0.knownState(path: new.path) }
                == FileState(path: new.path, size: new.size, modified: new.modified, sha256: new.sha256))
    }

    @Test func allStatesComeInOneReadByPath() throws {
        let fixture = try F()
        #expect(try fixture.ledger.read { try $0.knownStates() }.isEmpty)
        let states = (1...3).map { index in
            FileState(
                path: "37150\(index)/commerce/march.xlsx", size: Int64(index * 100),
                modified: Date(timeIntervalSince1970: 1_760_000_000.5 + Double(index)), sha256: F.sha(index))
        }
        for state in states { try fixture.ledger.inTransaction { try $0.rememberState(state) } }
        let replaced = FileState(path: states[0].path, size: 1, modified: states[0].modified + 1, sha256: F.sha(9))
        try fixture.ledger.inTransaction { try $0.rememberState(replaced) }
        #expect(
            try fixture.ledger.read { try $0.knownStates() } == [
                replaced.path: replaced, states[1].path: states[1], states[2].path: states[2],
            ])
    }

    /// `knownStates` reads its rows by column; each must be the state
    /// `knownState(path:)` decodes: a whole second (which SQLite keeps as an
    /// integer in a REAL column), a time before 1970, sub-microsecond times.
    @Test func theWholeCacheReadsEachStateAsThePathsOwnReadDoes() throws {
        let fixture = try F()
        let times = [1_760_000_000, 1_760_000_000.123456789, -86_400.25, 0, 1e-7]
        let states = times.enumerated().map { index, seconds in
            FileState(
                path: "371502/commerce/\(index).xlsx", size: Int64(index) << 40,
                modified: Date(timeIntervalSince1970: seconds), sha256: F.sha(index))
        }
        try fixture.ledger.inTransaction { ledger in try states.forEach(ledger.rememberState) }
        let all = try fixture.ledger.read { try $0.knownStates() }
        #expect(all.count == states.count)
        for state in states {
            #expect(all[state.path] == state)
            #expect(try fixture.ledger.read { try $0.knownState(path: state.path) } == all[state.path])
        }
    }
}
