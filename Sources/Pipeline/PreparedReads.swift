import Intake
import Vocabulary

/// An upload read by intake up to the consistency checks before it queues
/// for the run lock (`UploadIntake`), beside the other uploads' reads: the
/// part of the night's work that needs only the file.
struct PreparedRead: Sendable {
    /// The SHA-256 of the content read.
    var sha256: String
    /// The name and submitter it was read for: those the run reads it for.
    var displayName: String
    var submitter: Submitter
    /// The month the intake engine read it in (`ProgrammeCalendar.currentPeriod`).
    var period: Period
    var result: IntakeResult
}

/// The intake of a run of uploads: a file whose content, name and
/// submitter are those of its `PreparedRead` is not read again; every
/// other file is read by `engine`, and the consistency checks against the
/// ledger's history are always `engine`'s, under the lock, in the run's
/// order. So an upload gets what the night would decide for the same file.
struct PreparedIntake: SubmissionIntake {
    let engine: any SubmissionIntake
    /// By the file's absolute path in `Inbox/`.
    let reads: [String: PreparedRead]

    func read(_ path: String, sha256: String, displayName: String, submitter: Submitter) -> IntakeResult {
        // The hash, not the path, says it is the content read: the run's own,
        // of the file it records, which it checks after reading did not change.
        if let prepared = reads[path], prepared.sha256 == sha256, prepared.displayName == displayName,
            prepared.submitter == submitter
        {
            return prepared.result
        }
        return engine.read(path, sha256: sha256, displayName: displayName, submitter: submitter)
    }

    func check(_ result: IntakeResult, history: any FigureHistory) throws -> IntakeResult {
        try engine.check(result, history: history)
    }
}
