import Foundation
import Testing
@testable import Ledger

@Suite struct FileStateCacheTests {
    typealias F = LedgerFixture

    @Test func remembersTheLastStateOfAPathExactly() throws {
        let fixture = try F()
        let path = "371502/commerce/march.xlsx"
        #expect(try fixture.ledger.knownState(path: path) == nil)
        // Sub-microsecond modification times must compare equal after a round trip.
        let state = FileState(path: path, size: 4096, modified: Date(timeIntervalSince1970: 1_760_000_000.123456789),
                              sha256: F.sha(1))
        try fixture.ledger.rememberState(state)
        #expect(try fixture.ledger.knownState(path: path) == state)

        let changed = FileState(path: path, size: 4100, modified: state.modified + 1, sha256: F.sha(2))
        try fixture.ledger.rememberState(changed)
        #expect(try fixture.ledger.knownState(path: path) == changed)
    }

    @Test func recordingAVersionRemembersItsFile() throws {
        let fixture = try F()
        let new = F.version("march.xlsx", seed: 5)
        _ = try fixture.ledger.record(new, observations: [], issues: [F.issue("type-error", .error)])
        #expect(try fixture.ledger.knownState(path: new.path)
                == FileState(path: new.path, size: new.size, modified: new.modified, sha256: new.sha256))
    }
}
