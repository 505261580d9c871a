import Catalog
import Intake

/// Reads one inbox file into observations and issues. The run uses the
/// intake engine, `SubmissionReader`; tests may wrap it (to count reads, say).
public protocol SubmissionIntake: Sendable {
    /// Reads the file at `path` (absolute) for `submitter`; `displayName`
    /// is the name issues and receipts show.
    func intake(_ path: String, displayName: String, submitter: Submitter, history: any FigureHistory) -> IntakeResult
}

extension SubmissionReader: SubmissionIntake {
    public func intake(_ path: String, displayName: String, submitter: Submitter,
                       history: any FigureHistory) -> IntakeResult {
        read(path: path, displayName: displayName, submitter: submitter, history: history)
    }
}
