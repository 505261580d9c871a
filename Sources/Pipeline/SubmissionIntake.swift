import Catalog
import Intake
import Vocabulary

/// Reads one inbox file into observations and issues, in two steps: `read`
/// needs only the file and runs ahead on the reading thread; `check` runs
/// the consistency checks against the ledger's figures when the file's turn
/// comes. The run uses the intake engine, `SubmissionReader`; tests may
/// wrap it (to count reads, say).
public protocol SubmissionIntake: Sendable {
    /// Reads the file at `path` (absolute) for `submitter`, up to the
    /// consistency checks; `sha256` is its content's hash as the caller has
    /// just computed it, `displayName` the name issues and receipts show.
    func read(_ path: String, sha256: String, displayName: String, submitter: Submitter) -> IntakeResult
    /// The consistency checks of a `read` result against `history`;
    /// throws what `history` throws.
    func check(_ result: IntakeResult, history: any FigureHistory) throws -> IntakeResult
}

extension SubmissionReader: SubmissionIntake {
    public func read(_ path: String, sha256: String, displayName: String, submitter: Submitter) -> IntakeResult {
        readFile(path: path, displayName: displayName, submitter: submitter)
    }

    public func check(_ result: IntakeResult, history: any FigureHistory) throws -> IntakeResult {
        try checkConsistency(of: result, history: history)
    }
}
