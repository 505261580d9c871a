import Catalog
import Foundation
import Intake
import Ledger
import Logging
import Reports

/// The nightly batch: under the run lock, scan the inbox, take every new
/// file version through intake into the ledger, archive accepted originals,
/// write receipts, run the later stages (roll-up), and write the run summary.
///
/// Each file version is one ledger transaction; outputs are written whole
/// (`AtomicFile`), receipts after the ledger commit and re-written from the
/// ledger if a run was killed in between. A run killed at any instant is
/// finished by the next one. Originals are never moved, changed or deleted.
public struct NightlyRun: Sendable {
    public var deployment: Deployment
    public var catalog: Catalog
    public var intake: any SubmissionIntake
    /// The ledger file; `Outbox/ledger.sqlite` by default.
    public var ledgerPath: String
    public var settlingInterval: TimeInterval
    /// Stages after intake, in order. The roll-up connects here.
    public var laterStages: [RunStage]
    public var progress: RunProgress
    public var logger: Logger

    public init(deployment: Deployment, catalog: Catalog, intake: any SubmissionIntake, ledgerPath: String? = nil,
                settlingInterval: TimeInterval = 60, laterStages: [RunStage] = [], progress: RunProgress = RunProgress(),
                logger: Logger = Logger(label: "huanxin.run")) {
        self.deployment = deployment
        self.catalog = catalog
        self.intake = intake
        self.ledgerPath = ledgerPath ?? deployment.outbox.ledger
        self.settlingInterval = settlingInterval
        self.laterStages = laterStages
        self.progress = progress
        self.logger = logger
    }

    /// Runs the batch and returns its summary and the path it was written
    /// to. Throws `RunLock.Held` when another run is in progress.
    public func run(now: Date = Date()) throws -> (summary: RunSummary, path: String) {
        let lock = try RunLock(path: deployment.outbox.lock, startedAt: now)
        defer { withExtendedLifetime(lock) {} }
        try FileManager.default.createDirectory(atPath: (ledgerPath as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        removeAbandonedTemporaryFiles()
        let ledger = try LedgerDatabase(path: ledgerPath)
        let runId = try ledger.beginRun(at: now)
        logger.info("运行开始 run started", metadata: ["run": "\(runId)", "root": "\(deployment.root.path)"])
        var summary = RunSummary(runId: runId, startedAt: Self.isoTimestamp(now), finishedAt: "", seen: 0)
        var failure: (any Error)?
        do {
            try takeIn(ledger: ledger, into: &summary, now: now)
            for stage in laterStages {
                let context = RunContext(deployment: deployment, catalog: catalog, ledger: ledger, runId: runId,
                                         startedAt: now, intake: summary, logger: logger)
                do {
                    try timed(stage.name, &summary) { try stage.body(context) }
                } catch {
                    summary.problems.append("stage \(stage.name): \(error)")
                    logger.error("阶段失败 stage failed", metadata: ["stage": "\(stage.name)", "error": "\(error)"])
                    failure = failure ?? error
                }
            }
        } catch {
            summary.problems.append("run: \(error)")
            failure = error
        }
        summary.finishedAt = Self.isoTimestamp(Date())
        try ledger.finishRun(runId, status: failure == nil ? .completed : .failed, counts: summary.counts)
        let path = deployment.outbox.runSummary(timestamp: Self.fileTimestamp(now), runId: runId)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(summary), to: path)
        logger.info("运行结束 run finished", metadata: [
            "run": "\(runId)", "seen": "\(summary.seen)", "accepted": "\(summary.accepted.count)",
            "rejected": "\(summary.rejected.count)", "unchanged": "\(summary.unchanged.count)",
            "skipped": "\(summary.skipped.count)", "misplaced": "\(summary.misplaced.count)", "summary": "\(path)",
        ])
        if let failure { throw failure }
        return (summary, path)
    }

    /// Removes the temporary files (`.<name>.<pid>.tmp`, see `AtomicFile`)
    /// a killed run left in `Outbox/`. Under the lock no other run writes
    /// any, so every one found is abandoned.
    private func removeAbandonedTemporaryFiles() {
        let outbox = URL(fileURLWithPath: deployment.outbox.root)
        guard let walker = FileManager.default.enumerator(at: outbox, includingPropertiesForKeys: nil) else { return }
        for case let url as URL in walker where url.lastPathComponent.hasPrefix(".") && url.pathExtension == "tmp" {
            do {
                try FileManager.default.removeItem(at: url)
                logger.notice("已删除中断运行留下的临时文件 removed a killed run's temporary file", metadata: ["path": "\(url.path)"])
            } catch {
                logger.warning("无法删除临时文件 could not remove a temporary file", metadata: ["path": "\(url.path)", "error": "\(error)"])
            }
        }
    }

    /// Scan, intake, ledger, archive and receipts: everything up to the later stages.
    private func takeIn(ledger: LedgerDatabase, into summary: inout RunSummary, now: Date) throws {
        let scan = try timed("scan", &summary) {
            try InboxScanner(root: deployment.inbox, settlingInterval: settlingInterval).scan(now: now)
        }
        summary.settling = scan.settling
        summary.ignored = scan.ignored
        summary.misplaced = scan.misplaced
        summary.seen = scan.submissions.count
        logger.info("收件箱已扫描 inbox scanned", metadata: [
            "submissions": "\(scan.submissions.count)", "misplaced": "\(scan.misplaced.count)",
            "ignored": "\(scan.ignored.count)", "settling": "\(scan.settling.count)",
        ])

        let file = try FileIntake(run: self, ledger: ledger, runId: summary.runId)
        // The ledger counts the later-recorded version as the newer: each
        // submitter's files go oldest modification first.
        let ordered = scan.submissions.sorted {
            ($0.region, $0.department, $0.modified, $0.relativePath) < ($1.region, $1.department, $1.modified, $1.relativePath)
        }
        for (index, inboxFile) in ordered.enumerated() {
            progress.show(index + 1, of: ordered.count, inboxFile.relativePath)
            do {
                try file.take(inboxFile, into: &summary)
            } catch {
                summary.skipped.append(inboxFile.relativePath)
                summary.problems.append("\(inboxFile.relativePath): \(error)")
                logger.error("文件未处理，下次运行重试 file left for the next run", metadata: [
                    "path": "\(inboxFile.relativePath)", "error": "\(error)",
                ])
            }
        }
        progress.finish()
        try timed("receipts", &summary) {
            for path in scan.misplaced {
                let url = deployment.inbox.appendingPathComponent(path)
                let values = try url.resourceValues(forKeys: [.fileSizeKey, .contentModificationDateKey])
                if try file.receipts.publishMisplaced(path: path, size: Int64(values.fileSize ?? 0),
                                                      modified: values.contentModificationDate ?? .distantPast) {
                    logger.notice("文件位置错误，已写回执 misplaced file, receipt written", metadata: ["path": "\(path)"])
                }
            }
        }
        for list in [\RunSummary.accepted, \.rejected, \.duplicates, \.unchanged, \.receiptsRepaired, \.skipped] {
            summary[keyPath: list].sort()
        }
    }

    /// Runs `body`, adding its time to the stage's total.
    func timed<T>(_ stage: String, _ summary: inout RunSummary, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { summary.stageSeconds[stage, default: 0] += (clock.now - start).seconds }
        return try body()
    }

    static func isoTimestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `20261123T020000Z`: sorts by time, no colon in a file name.
    static func fileTimestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)
            .timeZone(separator: .omitted).dateTimeSeparator(.standard)
            .timeSeparator(.omitted).dateSeparator(.omitted))
    }
}

extension Duration {
    /// The duration in seconds, for run summaries.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
