import Catalog
import Foundation
import Intake
import Ledger
import Logging

/// One inbox file through the run: recognised as unchanged without being
/// read when its size and modification time are the ones last seen (the
/// ledger's file-state cache, read once per run), else
/// hashed; a content the ledger holds at this path is not read again;
/// anything new goes through intake, the archive (if accepted), the ledger
/// (one transaction) and the receipts.
struct FileIntake {
    let run: NightlyRun
    let ledger: LedgerDatabase
    let runId: Int64
    let receipts: ReceiptPublisher
    let archive: OriginalArchive
    let history: LedgerFigureHistory
    /// The file-state cache as the run started: each path is taken once a run.
    let known: [String: FileState]

    init(run: NightlyRun, ledger: LedgerDatabase, runId: Int64) throws {
        self.run = run
        self.ledger = ledger
        self.runId = runId
        receipts = ReceiptPublisher(catalog: run.catalog, ledger: ledger, outbox: run.deployment.outbox)
        archive = OriginalArchive(outbox: run.deployment.outbox)
        history = LedgerFigureHistory(ledger: ledger, logger: run.logger)
        known = try ledger.knownStates()
    }

    /// A file whose size or modification time changed while it was read:
    /// left for a later run, when it has settled.
    struct ChangedWhileReading: Error, CustomStringConvertible {
        var path: String
        var description: String { "文件在读取时被修改 the file changed while it was read: \(path)" }
    }

    func take(_ file: InboxFile, into summary: inout RunSummary) throws {
        let path = file.relativePath
        let absolute = run.deployment.inbox.appendingPathComponent(path).path
        let submitter = Submitter(region: file.region, department: file.department)

        if let known = known[path], known.size == file.size, known.modified == file.modified {
            try unchanged(path: path, submitter: submitter, sha256: known.sha256, into: &summary)
            return
        }
        let sha256 = try run.timed("hash", &summary) { try SHA256.hash(fileAtPath: absolute).hex }
        if let seen = try ledger.hasSeen(sha256: sha256, path: path, submitter: submitter), seen.path == path {
            try ledger.rememberState(FileState(path: path, size: file.size, modified: file.modified, sha256: sha256))
            try unchanged(path: path, submitter: submitter, sha256: sha256, into: &summary)
            return
        }

        let result = run.timed("intake", &summary) {
            run.intake.intake(absolute, displayName: file.fileName, submitter: submitter, history: history)
        }
        let archived = try run.timed("archive", &summary) {
            result.isAccepted ? try archive.store(absolute, sha256: sha256) : nil
        }
        // What was read must be what was hashed; the archive checked its
        // copy, this checks the file did not move on under intake.
        let after = try FileManager.default.attributesOfItem(atPath: absolute)
        guard (after[.size] as? NSNumber)?.int64Value == file.size, after[.modificationDate] as? Date == file.modified else {
            throw ChangedWhileReading(path: path)
        }

        // Received when it landed in the inbox (its last write, which the
        // settling check has seen stand still), not when this run got to it:
        // a report dropped at 23:00 on the deadline day is on time even if the
        // night's run reads it at 02:00. A time in the future is not believed.
        let receivedAt = Date(timeIntervalSince1970: min(file.modified, Date()).timeIntervalSince1970.rounded(.down))
        // A rejected file's observations are what could be read of it, not
        // figures: none goes to the ledger (which would drop them too).
        let observations = result.isAccepted ? result.observations : []
        let outcome = try run.timed("ledger", &summary) {
            try ledger.record(
                NewVersion(submitter: submitter, path: path, sha256: sha256, size: file.size, modified: file.modified,
                           receivedAt: receivedAt, runId: runId, layoutId: result.layout, periods: result.periods,
                           archivePath: archived),
                observations: observations.map(ObservationRecord.init),
                issues: result.issues.map(IssueRecord.init))
        }
        try run.timed("receipts", &summary) { try receipts.publish(outcome.version) }

        let status = outcome.version.status
        if status == .rejected { summary.rejected.append(path) } else { summary.accepted.append(path) }
        if let earliest = try ledger.hasSeen(sha256: sha256, path: "", submitter: submitter), earliest.path != path {
            summary.duplicates.append(path)
        }
        summary.superseded += outcome.superseded.map {
            RunSummary.SupersededPeriod(path: $0.path, period: $0.period.description, by: path)
        }
        let errors = result.issues.filter { $0.severity == .error }
        run.logger.log(level: status == .rejected ? .notice : .info,
                       status == .rejected ? "文件退回 file rejected" : "文件受理 file accepted", metadata: [
                           "path": "\(path)", "observations": "\(observations.count)",
                           "errors": "\(errors.count)", "warnings": "\(result.issues.count - errors.count)",
                           "first": "\(errors.first.map { "\($0.code) \($0.location.chinese)" } ?? "")",
                       ])
    }

    /// A file whose content the ledger already holds at its path: nothing
    /// to read; its receipts are written again only if a killed run lost them
    /// (the ledger is asked only then: a re-run just looks for the receipt).
    private func unchanged(path: String, submitter: Submitter, sha256: String, into summary: inout RunSummary) throws {
        summary.unchanged.append(path)
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        guard !receipts.isPublished(submitter: submitter, fileName: fileName, sha256: sha256),
              let version = try ledger.versions(path: path).last(where: { $0.sha256 == sha256 }) else { return }
        try run.timed("receipts", &summary) { try receipts.publish(version) }
        summary.receiptsRepaired.append(path)
        run.logger.notice("回执已补写 receipt written again", metadata: ["path": "\(path)"])
    }
}
