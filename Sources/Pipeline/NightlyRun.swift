import Catalog
import Foundation
import Intake
import Ledger
import Logging
import Outbox
import Reports

/// The nightly batch: under the run lock, scan the inbox, take every new
/// file version through intake into the ledger, archive accepted originals,
/// write receipts, run the later stages (roll-up), and write the run summary.
///
/// Files go through in batches of `batchSize`, on three threads: one reads
/// ahead (hash, intake up to the consistency checks: `InboxReader`), this
/// one checks and records a batch in one ledger transaction (`FileIntake`),
/// one writes the receipts of the batch before, built from the ledger as
/// that batch's commit left it (`ReceiptWriter`). Each batch
/// is made durable in order: its archive copies (synced, renamed, synced),
/// then its ledger commit (`synchronous = FULL`), then its receipts
/// (synced, renamed, synced; the history copies last). A run killed at any
/// instant, or cut by a power failure, leaves whole files and a ledger that
/// names only archive copies on disk; the next run records the batches that
/// did not commit and writes again, from the ledger, receipts that were lost
/// (ARCHITECTURE.md, "Decisions"). Originals are never moved, changed or deleted.
public struct NightlyRun: Sendable {
    public var deployment: Deployment
    public var catalog: Catalog
    public var intake: any SubmissionIntake
    /// The ledger file; `Outbox/ledger.sqlite` by default.
    public var ledgerPath: String
    public var settlingInterval: TimeInterval
    /// Files recorded in one ledger transaction and flushed to disk together.
    public var batchSize = NightlyRun.defaultBatchSize
    public static let defaultBatchSize = 256
    /// Stages after intake, in order. The roll-up connects here.
    public var laterStages: [RunStage]
    public var progress: RunProgress
    public var logger: Logger
    /// Whether a missing ledger may be created although the Outbox holds an
    /// earlier one's archive or runs (`--new-ledger`); an empty Outbox may always start one.
    public var allowNewLedger = false
    /// Ledger backups kept in `Outbox/backups/`, one made after each night that completes.
    public var backupsKept = NightlyRun.defaultBackupsKept
    public static let defaultBackupsKept = 7
    /// When set, the run takes in only these paths under `Inbox/` instead of
    /// scanning it, with every other step as at night but the ledger's backup,
    /// and its summary goes into the day's log of uploads (`UploadRunLog`):
    /// how the portal records an upload at once (`UploadIntake`).
    public var onlyPaths: [String]?
    /// The ledger to record into, already open and checked, instead of
    /// opening `ledgerPath`: the portal's, kept open, as checking the whole
    /// file (`LedgerDatabase.open`) takes about a second on a province's.
    public var openLedger: LedgerDatabase?
    /// Set by the portal, which records uploads in runs that overlap the
    /// writing of the runs' receipts: the caller holds the run lock for
    /// the run and its receipts, and writes them with its own writer, which
    /// keeps every run's in commit order; the run returns once its batches
    /// have committed, without waiting for their receipts (`ReceiptWriter.whenWritten`).
    var receiptWriter: ReceiptWriter?
    /// The run lock, when the caller took it before reading the clock
    /// (`run --wait`: a run that waited for the portal dates what it records
    /// from when it started, not from when it began to wait); else the run
    /// takes it, or throws `RunLock.Held`.
    public var runLock: RunLock?

    public init(
        deployment: Deployment, catalog: Catalog, intake: any SubmissionIntake, ledgerPath: String? = nil,
        settlingInterval: TimeInterval = 60, laterStages: [RunStage] = [], progress: RunProgress = RunProgress(),
        logger: Logger = Logger(label: "huanxin.run")
    ) {
        self.deployment = deployment
        self.catalog = catalog
        self.intake = intake
        self.ledgerPath = ledgerPath ?? deployment.outbox.ledger
        self.settlingInterval = settlingInterval
        self.laterStages = laterStages
        self.progress = progress
        self.logger = logger
    }

    /// The night as `huanxin run` makes it: the deployment's catalog, the
    /// intake engine with the current month of `calendar`, the roll-up after.
    public static func standard(
        _ deployment: Deployment, calendar: ProgrammeCalendar, settlingInterval: TimeInterval,
        progress: RunProgress
    ) throws -> NightlyRun {
        let catalog = try deployment.loadCatalog()
        return NightlyRun(
            deployment: deployment, catalog: catalog,
            intake: SubmissionReader(catalog: catalog, today: calendar.currentPeriod),
            ledgerPath: deployment.ledger, settlingInterval: settlingInterval, laterStages: [.rollup],
            progress: progress)
    }

    /// Runs the batch and returns its summary and the path it was written
    /// to. Throws `RunLock.Held` when another run is in progress.
    public func run(now: Date) throws -> (summary: RunSummary, path: String) {
        let lock = receiptWriter == nil ? try runLock ?? RunLock(path: deployment.outbox.lock, startedAt: now) : nil
        defer { withExtendedLifetime(lock) {} }
        try FileManager.default.createDirectory(
            atPath: (ledgerPath as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        let ledger =
            try openLedger
            ?? LedgerDatabase.open(path: ledgerPath, access: .readWrite(allowNew: allowNewLedger || !outboxHasHistory))
        // A run of a few uploaded files leaves the sweep of the whole Outbox to
        // the nightly run: it would cost seconds per upload on a province's Outbox.
        if onlyPaths == nil {
            removeAbandonedTemporaryFiles(besidesRunFolders: try ledger.read { try $0.latestRunEndedClean() })
        }
        let runId = try ledger.beginRun(at: now)
        logger.info("运行开始 run started", metadata: ["run": "\(runId)", "root": "\(deployment.root.path)"])
        var summary = RunSummary(runId: runId, startedAt: Self.isoTimestamp(now), finishedAt: "", seen: 0)
        var failure: (any Error)?
        do {
            try closeInterruptedRuns(before: runId, in: ledger)
            try takeIn(ledger: ledger, into: &summary, now: now)
            for stage in laterStages {
                let context = RunContext(
                    deployment: deployment, catalog: catalog, ledger: ledger, runId: runId,
                    startedAt: now, intake: summary, logger: logger)
                do {
                    try Self.timed(stage.name, &summary.stageSeconds) { try stage.body(context) }
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
        summary.failure = failure.map { "\($0)" }
        var recorded = true
        do {
            try ledger.finishRun(
                runId, status: failure == nil ? .completed : .failed, failure: summary.failure, counts: summary.counts)
        } catch {
            recorded = false
            // On a full disk even this may fail: the run stays `running`, and
            // the next run marks it failed as interrupted.
            summary.problems.append("ledger: 运行结束未能记入台账 the run's end was not recorded: \(error)")
            logger.error("运行结束未能记入台账 the run's end was not recorded", metadata: ["error": "\(error)"])
            summary.failure = summary.failure ?? "\(error)"
            failure = failure ?? error
        }
        // The night backs the ledger up; a run of uploaded files does not (a
        // copy per upload), nor a night that recorded no file version while a
        // backup is there: that one holds every version already, and copying a
        // province's ledger (190 MB, checked and flushed) was most of a quiet re-run.
        let recordedAny = !summary.accepted.isEmpty || !summary.rejected.isEmpty
        if failure == nil, onlyPaths == nil,
            recordedAny || LedgerDatabase.backups(in: deployment.outbox.backups).isEmpty
        {
            // A failed backup is loud but leaves the night's work standing.
            do {
                let backup = try ledger.backUp(
                    into: deployment.outbox.backups, stamp: Self.fileTimestamp(now), keep: backupsKept)
                logger.info("台账已备份 ledger backed up", metadata: ["backup": "\(backup)"])
            } catch {
                summary.problems.append("\(error)")
                logger.error("台账备份失败 ledger backup failed", metadata: ["error": "\(error)"])
            }
        }
        let path: String
        do {
            if onlyPaths == nil {
                path = deployment.outbox.runSummary(timestamp: Self.fileTimestamp(now), runId: runId)
                try AtomicFile.write(try RunSummaryJSON.encode(summary), to: path)
            } else {
                // A run of uploaded files goes into the day's log of uploads, not a file of its own.
                path = try UploadRunLog(outbox: deployment.outbox).append(summary, at: now)
            }
        } catch {
            // A failed run's own error says more than its summary's (often the same full disk).
            guard let failure else { throw error }
            logger.error("运行记录未能写出 run summary not written", metadata: ["error": "\(error)"])
            throw Failed(runId: runId, reason: "\(failure)", recorded: recorded, summary: nil)
        }
        if let failure {
            logger.error("运行失败 run failed", metadata: ["run": "\(runId)", "error": "\(failure)"])
            throw Failed(runId: runId, reason: "\(failure)", recorded: recorded, summary: path)
        }
        if onlyPaths == nil, summary.receiptsNotWritten.isEmpty {
            // The last of the night's writes is done: the next night need not
            // walk the receipts and archive. Unmarked, it walks them (a cost, no harm).
            do { try ledger.markCleanEnd(runId) } catch {
                logger.warning("未能记下运行完整结束 could not mark the run's clean end", metadata: ["error": "\(error)"])
            }
        }
        logger.info(
            "运行结束 run finished",
            metadata: [
                "run": "\(runId)", "seen": "\(summary.seen)", "accepted": "\(summary.accepted.count)",
                "rejected": "\(summary.rejected.count)", "unchanged": "\(summary.unchanged.count)",
                "skipped": "\(summary.skipped.count)", "misplaced": "\(summary.misplaced.count)", "summary": "\(path)",
            ])
        return (summary, path)
    }

    /// A run that threw after it began: marked `failed` in the ledger with
    /// `reason` (what it threw), which its summary also says.
    public struct Failed: Error, CustomStringConvertible {
        public var runId: Int64
        public var reason: String
        /// Whether the ledger took the mark; if not (a full disk), the next run marks it.
        public var recorded: Bool
        /// The run summary's path; nil when it could not be written.
        public var summary: String?

        public var description: String {
            "run-failed: 运行 \(runId) 失败 run \(runId) failed: \(reason)\n"
                + (recorded
                    ? "已在台账中标为 failed marked failed in the ledger\n"
                    : "台账未能记下，下次运行将其标为中断 the ledger could not take the mark; the next run marks it interrupted\n")
                + (summary.map { "运行记录 run summary: \($0)\n" } ?? "")
                + "原因排除后再次运行即可，已记录的批次不会重做。 Fix the cause and run again: batches already recorded are not redone."
        }
    }

    /// Runs found still `running` are over (this run holds the lock): each
    /// was killed, or could not record its end, and is marked failed so.
    private func closeInterruptedRuns(before runId: Int64, in ledger: LedgerDatabase) throws {
        for id in try ledger.closeInterruptedRuns(before: runId) {
            logger.warning(
                "此前的运行曾中断，已标为 failed an earlier run was interrupted; marked failed", metadata: ["run": "\(id)"])
        }
    }

    /// Whether the Outbox holds what only a ledger's runs leave: a run
    /// summary (not a temporary one). Then a missing ledger is a lost one.
    private var outboxHasHistory: Bool {
        var found = false
        _ = try? FolderEntry.forEach(inFolder: deployment.outbox.root + "/runs") { entry in
            found = found || !entry.name.hasPrefix(".")
        }
        return found
    }

    /// Removes the temporary files a killed run left in `Outbox/`. Under the
    /// lock no other run writes any, so every one found is abandoned. After
    /// a night that ended clean (`LedgerDatabase.markCleanEnd`), with no run
    /// since, the folders only runs write (`runFolders`) hold none and are
    /// not walked; the rest is, as `huanxin rollup` and `ledger backup`
    /// write there too, outside any run.
    private func removeAbandonedTemporaryFiles(besidesRunFolders: Bool) {
        Self.removeAbandonedTemporaries(
            under: deployment.outbox.root, skipping: besidesRunFolders ? Self.runFolders : [], logger: logger)
    }

    /// The Outbox's folders only runs write, a night's or an upload's:
    /// receipts and archived originals, nearly all of its files (some
    /// 350,000 after 40 months of a province).
    static let runFolders: Set<String> = ["receipts", "archive"]

    /// Removes the temporaries (`AtomicFile`'s) a killed process left below
    /// `folder`, saying which: the night's in `Outbox/`, the portal's uploads in `Inbox/`.
    static func removeAbandonedTemporaries(under folder: String, skipping: Set<String> = [], logger: Logger) {
        AtomicFile.removeAbandonedTemporaries(under: folder, skipping: skipping) { path, error in
            if let error {
                logger.warning(
                    "无法删除临时文件 could not remove a temporary file", metadata: ["path": "\(path)", "error": "\(error)"])
            } else {
                logger.notice("已删除中断时留下的临时文件 removed a killed process's temporary file", metadata: ["path": "\(path)"])
            }
        }
    }

    /// Scan, intake, ledger, archive and receipts: everything up to the later stages.
    private func takeIn(ledger: LedgerDatabase, into summary: inout RunSummary, now: Date) throws {
        let scan = try Self.timed("scan", &summary.stageSeconds) {
            let scanner = InboxScanner(
                root: deployment.inbox, settlingInterval: settlingInterval, folders: SubmitterFolders(catalog: catalog))
            return try onlyPaths.map { try scanner.scan(paths: $0, now: now) } ?? scanner.scan(now: now)
        }
        summary.settling = scan.settling
        summary.ignored = scan.ignored
        summary.misplaced = scan.misplaced
        summary.refused = scan.refused.map { "\($0.path): \($0.reason.rawValue)" }
        summary.seen = scan.submissions.count
        logger.info(
            "收件箱已扫描 inbox scanned",
            metadata: [
                "submissions": "\(scan.submissions.count)", "misplaced": "\(scan.misplaced.count)",
                "ignored": "\(scan.ignored.count)", "settling": "\(scan.settling.count)",
                "refused": "\(scan.refused.count)",
            ])

        let ordered = Self.recordingOrder(scan.submissions)
        let receipts = ReceiptPublisher(catalog: catalog, outbox: deployment.outbox)
        let files = FileIntake(run: self, runId: summary.runId, receipts: receipts, now: now)
        let reader = try InboxReader(ordered, run: self, ledger: ledger, receipts: receipts, capacity: batchSize)
        let writer = receiptWriter ?? ReceiptWriter(publisher: receipts)
        var failure: (any Error)?
        var done = 0
        while true {
            let batch = reader.next(upTo: batchSize)
            guard let last = batch.last else { break }
            do {
                var part = RunSummary(runId: summary.runId, startedAt: "", finishedAt: "", seen: 0)
                let clock = ContinuousClock()
                let start = clock.now
                var committed = start
                try ledger.inTransaction {
                    try files.take(batch, in: $0, into: &part)
                } afterCommit: { versions, snapshot in
                    committed = clock.now
                    writer.submit(versions, from: snapshot)
                }
                // The transaction's own time (begin, commit and its flush) counts as the ledger's.
                part.stageSeconds["ledger", default: 0] +=
                    (committed - start).seconds - part.stageSeconds.values.reduce(0, +)
                summary.add(part)
            } catch {
                failure = error
                break
            }
            done += batch.count
            progress.show(done, of: ordered.count, last.file.relativePath)
        }
        progress.finish()
        // The other threads end before the run goes on, or gives up.
        summary.stageSeconds.merge(reader.stop(), uniquingKeysWith: +)
        if receiptWriter == nil {
            let (seconds, problems) = writer.finish()
            summary.stageSeconds.merge(seconds, uniquingKeysWith: +)
            summary.receiptsNotWritten += problems
        }
        if let failure { throw failure }

        Self.timed("receipts", &summary.stageSeconds) {
            for path in scan.misplaced {
                do {
                    let url = deployment.inbox.appendingPathComponent(path)
                    let values = try url.resourceValues(forKeys: [.fileSizeKey, .contentModificationDateKey])
                    if try receipts.publishMisplaced(
                        path: path, size: Int64(values.fileSize ?? 0),
                        modified: values.contentModificationDate ?? .distantPast)
                    {
                        logger.notice("文件位置错误，已写回执 misplaced file, receipt written", metadata: ["path": "\(path)"])
                    }
                } catch {
                    summary.receiptsNotWritten.append("\(path): 回执未写出 receipt not written: \(error)")
                }
            }
            for entry in scan.refused {
                do {
                    if try receipts.publishRefused(entry) {
                        logger.notice(
                            "文件未读取，已写回执 entry not read, receipt written",
                            metadata: ["path": "\(entry.path)", "reason": "\(entry.reason.rawValue)"])
                    }
                } catch {
                    summary.receiptsNotWritten.append("\(entry.path): 回执未写出 receipt not written: \(error)")
                }
            }
        }
        for line in summary.receiptsNotWritten { logger.error("\(line)") }
        for list in [\RunSummary.accepted, \.rejected, \.duplicates, \.unchanged, \.receiptsRepaired, \.skipped] {
            summary[keyPath: list].sort()
        }
        let tonight = Set(summary.rejected)
        summary.uncorrected = try ledger.read { try $0.uncorrectedRejections(among: onlyPaths) }.map { rejection in
            RunSummary.Uncorrected(
                path: rejection.file.path, receivedAt: Self.isoTimestamp(rejection.file.receivedAt),
                reason: rejection.firstError.map { "\($0.code)：\($0.messageZh)" },
                tonight: tonight.contains(rejection.file.path))
        }
    }

    /// The order files are recorded in. The ledger counts the later-recorded
    /// version as the newer: each submitter's files go oldest modification first.
    static func recordingOrder(_ files: [InboxFile]) -> [InboxFile] {
        files.sorted {
            ($0.region, $0.department, $0.modified, $0.relativePath) < (
                $1.region, $1.department, $1.modified, $1.relativePath
            )
        }
    }

    /// Runs `body`, adding its time to `stage` in `seconds`.
    static func timed<T>(_ stage: String, _ seconds: inout [String: Double], _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { seconds[stage, default: 0] += (clock.now - start).seconds }
        return try body()
    }

    static func isoTimestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `20261123T020000Z`: sorts by time, no colon in a file name.
    public static func fileTimestamp(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: false)
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
