import Foundation
import Intake
import Pipeline
import Vocabulary

/// The intake engine with a gate: the first read of the file named
/// `held` waits until the test opens the gate, so that the test can land
/// something in the ledger between an upload's reading and its run. It
/// counts the reads of each name.
final class GatedIntake: SubmissionIntake, @unchecked Sendable {
    let engine: any SubmissionIntake
    let held: String
    private let lock = NSLock()
    private let gate = DispatchSemaphore(value: 0)
    private var reads: [String: Int] = [:]

    init(engine: any SubmissionIntake, holding held: String) {
        self.engine = engine
        self.held = held
    }

    func read(_ path: String, sha256: String, displayName: String, submitter: Submitter) -> IntakeResult {
        let count = lock.withLock {
            reads[displayName, default: 0] += 1
            return reads[displayName, default: 0]
        }
        if displayName == held, count == 1 { gate.wait() }
        return engine.read(path, sha256: sha256, displayName: displayName, submitter: submitter)
    }

    func check(_ result: IntakeResult, history: any FigureHistory) throws -> IntakeResult {
        try engine.check(result, history: history)
    }

    /// How many times the file named `name` was read.
    func readCount(of name: String) -> Int { lock.withLock { reads[name, default: 0] } }

    /// Waits (up to 10 s) until the held file's first read is waiting at the gate.
    func waitUntilHeld() async throws {
        for _ in 0..<1000 where readCount(of: held) == 0 { try await Task.sleep(for: .milliseconds(10)) }
        guard readCount(of: held) > 0 else { throw Timeout(name: held) }
    }

    func open() { gate.signal() }

    struct Timeout: Error, CustomStringConvertible {
        var name: String
        var description: String { "\(name) was not read within 10 s" }
    }
}
