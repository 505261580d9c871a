import Catalog
import Foundation
import Intake
import Ledger
import Logging
import Outbox
import Reports
import Vocabulary

/// A batch of read files through the ledger, in one transaction: each new
/// file's consistency checks against the ledger as the files before it
/// left it, the copy of an accepted original for the archive, and the
/// record; then the archive copies are published (on disk, under their
/// names) before the caller commits the transaction that names them.
/// Returns the versions whose receipts to write once it has committed
/// (`ReceiptWriter` builds them from the ledger as the commit left it).
struct FileIntake {
    let run: NightlyRun
    let runId: Int64
    let receipts: ReceiptPublisher
    let archive: OriginalArchive
    /// `Inbox/`'s path.
    let inbox: String
    /// The run's "now": a file's time in the future is not believed beyond it.
    let now: Date

    init(run: NightlyRun, runId: Int64, receipts: ReceiptPublisher, now: Date) {
        self.run = run
        self.runId = runId
        self.now = now
        self.receipts = receipts
        archive = OriginalArchive(outbox: run.deployment.outbox)
        inbox = run.deployment.inbox.path
    }

    func take(_ batch: [ReadFile], in ledger: LedgerTransaction, into summary: inout RunSummary) throws
        -> [Int64]
    {
        let copies = StagedFiles()
        let series = BatchFigureSeries(ledger: ledger.reader)
        var written: [Int64] = []
        for item in batch {
            let path = item.file.relativePath
            do {
                switch item.outcome {
                case .unchanged(let sha256, let remember, let receiptsMissing):
                    if remember {
                        try ledger.rememberState(
                            FileState(
                                path: path, size: item.file.size, modified: item.file.modified,
                                sha256: sha256))
                    }
                    summary.unchanged.append(path)
                    if receiptsMissing {
                        written += try repairedReceipts(item.file, sha256: sha256, in: ledger, &summary)
                    }
                case .read(let sha256, let result):
                    written += try record(
                        item.file, sha256: sha256, read: result, copies: copies, series: series, in: ledger, &summary)
                case .failed(let error):
                    throw error
                }
            } catch  where Self.stopsTheRun(error) {
                throw error
            } catch {
                summary.skipped.append(path)
                summary.problems.append("\(path): \(error)")
                run.logger.error(
                    "文件未处理，下次运行重试 file left for the next run",
                    metadata: [
                        "path": "\(path)", "error": "\(error)",
                    ])
            }
        }
        try NightlyRun.timed("archive", &summary.stageSeconds) { try copies.publish() }
        // A version's receipt is built once, as the batch left it: one a
        // later file of the batch superseded is issued once, superseded.
        var seen = Set<Int64>()
        return written.filter { seen.insert($0).inserted }
    }

    /// Whether an error is the Outbox's or the ledger's, not the file's (a
    /// full disk, a read-only or failing device): every later file would
    /// meet it too, so the batch is not committed and the run fails with it.
    static func stopsTheRun(_ error: any Error) -> Bool {
        error is FileIOError || LedgerDatabase.isStorageFailure(error)
    }

    /// Records a read file; returns its version, then the earlier versions
    /// whose months it replaced (their receipts are issued again).
    private func record(
        _ file: InboxFile, sha256: String, read: IntakeResult, copies: StagedFiles, series: BatchFigureSeries,
        in ledger: LedgerTransaction, _ summary: inout RunSummary
    ) throws -> [Int64] {
        let path = file.relativePath
        let submitter = Submitter(region: file.region, department: file.department)
        // A history that cannot be read leaves the file for the next run
        // (see `take`): it is not judged without its history.
        let result = try NightlyRun.timed("intake", &summary.stageSeconds) {
            try run.intake.check(read, history: LedgerFigureHistory(series: series, for: read.observations))
        }
        let archived = try NightlyRun.timed("archive", &summary.stageSeconds) {
            result.isAccepted
                ? try file.withDiskPath(in: inbox) { try archive.stage($0, sha256: sha256, into: copies) } : nil
        }

        // Received when it landed in the inbox (its last write, which the
        // settling check has seen stand still), not when this run got to it:
        // a report dropped at 23:00 on the deadline day is on time even if the
        // night's run reads it at 02:00. A time in the future is not believed.
        let receivedAt = Date(timeIntervalSince1970: min(file.modified, now).timeIntervalSince1970.rounded(.down))
        // A rejected file's observations are what could be read of it, not
        // figures: none goes to the ledger (which would drop them too).
        let observations = result.isAccepted ? result.observations : []
        let outcome = try NightlyRun.timed("ledger", &summary.stageSeconds) {
            try ledger.record(
                NewVersion(
                    submitter: submitter, path: path, sha256: sha256, size: file.size, modified: file.modified,
                    receivedAt: receivedAt, runId: runId, layoutId: result.layout, periods: result.periods,
                    archivePath: archived),
                observations: observations.lazy.map(ObservationRecord.init),
                issues: result.issues)
        }
        series.recorded(outcome, observations: observations)

        let duplicateOf = try NightlyRun.timed("receipts", &summary.stageSeconds) {
            try receipts.duplicateOf(outcome.version, in: ledger.reader)
        }
        let status = outcome.version.status
        if status == .rejected { summary.rejected.append(path) } else { summary.accepted.append(path) }
        if duplicateOf != nil { summary.duplicates.append(path) }
        summary.superseded += outcome.superseded.map {
            RunSummary.SupersededPeriod(path: $0.path, period: $0.period.description, by: path)
        }
        let errors = result.issues.filter { $0.severity == .error }
        run.logger.log(
            level: status == .rejected ? .notice : .info,
            status == .rejected ? "文件退回 file rejected" : "文件受理 file accepted",
            metadata: [
                "path": "\(path)", "observations": "\(observations.count)",
                "errors": "\(errors.count)", "warnings": "\(result.issues.count - errors.count)",
                "first": "\(errors.first.map { "\($0.code) \($0.location.chinese)" } ?? "")",
            ])
        return [outcome.version.id] + Set(outcome.superseded.map(\.versionId)).sorted()
    }

    /// An unchanged file whose receipts a killed run lost: its version, and
    /// the earlier versions whose months it replaced (their receipts, issued
    /// again when it was recorded, were lost with its own), to be built again
    /// from the ledger (asked only then).
    private func repairedReceipts(
        _ file: InboxFile, sha256: String, in ledger: LedgerTransaction,
        _ summary: inout RunSummary
    ) throws -> [Int64] {
        guard let version = try ledger.reader.version(path: file.relativePath, sha256: sha256) else { return [] }
        summary.receiptsRepaired.append(file.relativePath)
        run.logger.notice("回执已补写 receipt written again", metadata: ["path": "\(file.relativePath)"])
        let replaced = try NightlyRun.timed("receipts", &summary.stageSeconds) {
            try ledger.reader.replaced(by: version.id).map(\.olderVersionId)
        }
        return [version.id] + Set(replaced).sorted()
    }
}
