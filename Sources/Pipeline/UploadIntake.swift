import Catalog
import Foundation
import Intake
import Ledger
import Logging
import Outbox
import Reports
import Vocabulary

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Takes in one uploaded file and returns its final receipt: the file is
/// placed atomically into `Inbox/<region>/<department>/` of the account
/// (never a folder the client names) and recorded at once by the nightly
/// run restricted to it (`NightlyRun.onlyPaths`), so it goes through every
/// check the night makes, the consistency checks against the ledger's
/// history included, under the run lock.
///
/// What needs only the file is done first, beside the other uploads and
/// outside the lock: hashed and read by intake up to the consistency
/// checks (`PreparedRead`); the run uses that reading when the content is
/// the same (`PreparedIntake`). Uploads are then recorded one run at a
/// time, on one thread: those that arrive while a run is going on are
/// recorded together by the next (one ledger transaction and one flush for
/// all of them). A run's receipts are built and written after its commit,
/// beside the next run, by one writer for all runs (`ReceiptWriter`), in
/// the order the runs committed; an upload is answered once its run's are
/// written. The run lock is held from a run's start until its receipts are
/// written. When another process (the nightly batch) holds the lock,
/// the file stays in the inbox, the answer is `queued`, and `retryQueued`
/// records it once the lock is free.
public final class UploadIntake: @unchecked Sendable {
    public let deployment: Deployment
    public let catalog: Catalog
    /// Nil: the intake engine of the month each run falls in (a portal runs for months).
    let intake: (any SubmissionIntake)?
    public let ledger: LedgerDatabase
    let logger: Logger

    private let queue = DispatchQueue(label: "huanxin-uploads")
    private let lock = NSLock()
    /// Uploads waiting for the next run; guarded by `lock`.
    private var waiting: [Waiting] = []
    /// Paths under `Inbox/` placed while another process held the run lock.
    private var heldBack: Set<String> = []
    /// The intake engine of the month uploads are read in; guarded by `lock`.
    private var engine: SubmissionReader?
    /// Every run's receipts, in the order the runs committed.
    private let receipts: ReceiptWriter
    /// The run lock while a run records or its receipts are written, and
    /// how many runs hold it (`holdRunLock`); guarded by `lock`.
    private var runLock: RunLock?
    private var runLockHolds = 0

    private struct Waiting {
        var path: String
        var temporary: String
        var account: String
        var address: String
        var read: PreparedRead
        var answer: CheckedContinuation<Recorded, any Error>
    }

    public init(
        deployment: Deployment, catalog: Catalog, intake: (any SubmissionIntake)? = nil,
        logger: Logger = Logger(label: "huanxin.upload")
    ) throws {
        self.deployment = deployment
        self.catalog = catalog
        self.intake = intake
        try FileManager.default.createDirectory(
            atPath: (deployment.ledger as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        // Checked once here, then every upload's run records into it.
        ledger = try LedgerDatabase.open(path: deployment.ledger, access: .readWrite(allowNew: true))
        self.logger = logger
        receipts = ReceiptWriter(publisher: ReceiptPublisher(catalog: catalog, outbox: deployment.outbox))
    }

    /// A new temporary file for an upload of `scope`'s account, in the
    /// folder the file will be placed in (so that placing it is a rename),
    /// named as every writer's temporary is (`AtomicFile.temporaryPath`:
    /// hidden, so the inbox scan passes over it, and removed at the next
    /// start if the server is killed). The caller writes the upload into it
    /// and hands it to `take`, or removes it.
    public func temporaryFile(for scope: AccessScope) throws -> String {
        let folder = folder(of: try scope.uploader().submitter)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return AtomicFile.temporaryPath(
            for: folder + "/" + Self.temporaryStem + PortalSessions.randomToken().prefix(16))
    }

    /// What every upload's temporary name starts with, before `AtomicFile`'s dot.
    static let temporaryStem = "upload-"

    /// Removes the uploads' temporary files a killed server left in the
    /// inbox (by `AtomicFile`'s rule for a killed writer's temporaries);
    /// the portal does this once, at start, before it takes any upload.
    public func removeAbandonedUploads() {
        NightlyRun.removeAbandonedTemporaries(under: deployment.inbox.path, logger: logger)
    }

    /// Places the uploaded `temporary` file under `fileName` (as the client
    /// sent it; sanitised here) in the account's folder and records it.
    /// The temporary file is gone when this returns, whatever happened.
    public func take(_ temporary: String, fileName: String, scope: AccessScope, address: String) async throws
        -> UploadAnswer
    {
        var placed = false
        defer { if !placed { unlink(temporary) } }
        let (account, submitter) = try scope.uploader()
        let name = try UploadName.sanitised(fileName)
        guard temporary.hasPrefix(folder(of: submitter) + "/." + Self.temporaryStem) else {
            throw AccessScope.Denied(reason: "临时文件不在账号的文件夹 temporary file outside the account's folder")
        }
        let read = try prepare(temporary, name: name, submitter: submitter)
        placed = true
        let recorded = try await withCheckedThrowingContinuation { continuation in
            lock.withLock {
                waiting.append(
                    Waiting(
                        path: "\(submitter.region)/\(submitter.department)/\(name)", temporary: temporary,
                        account: account.name, address: address, read: read, answer: continuation))
            }
            queue.async { self.recordWaiting() }
        }
        return answer(recorded)
    }

    /// The upload hashed and read up to the consistency checks, in the
    /// request's task, while other uploads are read or recorded: Swift's
    /// shared threads, as many as the cores, bound how many are read at once
    /// (each holds a file's figures while it is read).
    private func prepare(_ temporary: String, name: String, submitter: Submitter) throws -> PreparedRead {
        let sha256 = try SHA256.hash(fileAtPath: temporary).hex
        let period = ProgrammeCalendar(now: Date()).currentPeriod
        let result = intake(for: period).read(temporary, sha256: sha256, displayName: name, submitter: submitter)
        return PreparedRead(sha256: sha256, displayName: name, submitter: submitter, period: period, result: result)
    }

    /// The intake engine of `period`'s month, or the one given: made once a
    /// month, as making one prepares what reading needs of the catalog.
    private func intake(for period: Period) -> any SubmissionIntake {
        if let intake { return intake }
        return lock.withLock {
            if let engine, engine.today == period { return engine }
            let made = SubmissionReader(catalog: catalog, today: period)
            engine = made
            return made
        }
    }

    /// Records the files a run of another process kept waiting, if the lock
    /// is free now; returns how many were recorded (none while the lock is
    /// still held). Throws `QueuedNotRecorded` when the run failed or left
    /// some of them: those wait for the next try, and the caller says why.
    @discardableResult
    public func retryQueued() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                let paths = self.lock.withLock { Array(self.heldBack).sorted() }
                guard !paths.isEmpty else { return continuation.resume(returning: 0) }
                let outcome = self.run(paths)
                // A file gone from the inbox, or moved, is the night's to see, not the portal's to retry.
                if case .success(let summary) = outcome {
                    let left = Set(summary.skipped).intersection(paths)
                    self.lock.withLock { self.heldBack.subtract(Set(paths).subtracting(left)) }
                }
                self.whenWritten(outcome) {
                    let summary: RunSummary
                    do {
                        summary = try outcome.get()
                    } catch is RunLock.Held {
                        return continuation.resume(returning: 0)
                    } catch {
                        return continuation.resume(throwing: QueuedNotRecorded(paths: paths, reasons: ["\(error)"]))
                    }
                    let left = Set(summary.skipped).intersection(paths)
                    guard left.isEmpty else {
                        return continuation.resume(
                            throwing: QueuedNotRecorded(paths: left.sorted(), reasons: summary.problems))
                    }
                    let recorded = Set(summary.accepted + summary.rejected + summary.unchanged).intersection(paths)
                    continuation.resume(returning: recorded.count)
                }
            }
        }
    }

    /// Queued uploads a retry left in the inbox, and why; the next retry tries them again.
    public struct QueuedNotRecorded: Error, CustomStringConvertible {
        public var paths: [String]
        public var reasons: [String]
        public var description: String {
            "排队文件未能处理，稍后重试 queued uploads not recorded, tried again later: "
                + paths.joined(separator: ", ") + " — " + reasons.joined(separator: "; ")
        }
    }

    private func folder(of submitter: Submitter) -> String {
        deployment.inbox.path + "/" + submitter.region + "/" + submitter.department
    }

    /// On the uploads' thread: places and records every waiting upload,
    /// one run per round; two uploads to the same name go in separate rounds,
    /// so that each is recorded before the next replaces it.
    private func recordWaiting() {
        while true {
            let round: [Waiting] = lock.withLock {
                var names = Set<String>()
                var round: [Waiting] = []
                var later: [Waiting] = []
                for upload in waiting {
                    if names.insert(upload.path).inserted { round.append(upload) } else { later.append(upload) }
                }
                waiting = later
                return round
            }
            guard !round.isEmpty else { return }
            record(round)
        }
    }

    private func record(_ round: [Waiting]) {
        // Once the receipt is shown the file is in the inbox for good: the
        // round's files flushed together, renamed into place, then their
        // folders flushed together.
        do {
            try StagedFiles.flush(together: round.map(\.temporary))
        } catch {
            for upload in round {
                unlink(upload.temporary)
                upload.answer.resume(throwing: error)
            }
            return
        }
        var placed: [Waiting] = []
        var folders = Set<String>()
        for upload in round {
            let path = deployment.inbox.path + "/" + upload.path
            guard rename(upload.temporary, path) == 0 else {
                let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                unlink(upload.temporary)
                upload.answer.resume(throwing: error)
                continue
            }
            placed.append(upload)
            folders.insert((path as NSString).deletingLastPathComponent)
        }
        guard !placed.isEmpty else { return }
        do {
            try StagedFiles.flush(together: folders)
        } catch {
            logger.warning("上传文件夹未能刷新到磁盘 an upload folder was not flushed", metadata: ["error": "\(error)"])
        }
        let outcome = run(
            placed.map(\.path),
            // A round holds each path once (`recordWaiting`).
            prepared: Dictionary(uniqueKeysWithValues: placed.map { (deployment.inbox.path + "/" + $0.path, $0.read) }))
        // What the ledger holds of each upload, as the run's commit left it
        // (the next round has not begun), and the audit of the lot.
        let answers = placed.map { upload in
            (upload, Result { try recorded(upload.path, sha256: upload.read.sha256, outcome: outcome) })
        }
        let audited = Result {
            try ledger.appendAudit(
                answers.compactMap { upload, recorded in (try? recorded.get()).map { audit(upload, $0) } })
        }
        whenWritten(outcome) {
            for (upload, recorded) in answers {
                upload.answer.resume(
                    with: audited.flatMap { recorded }.flatMap { recorded in
                        Result { try self.withDocument(recorded) }
                    })
            }
        }
    }

    /// Calls `body` on the receipts thread once the receipts of every run
    /// so far are written (at once when the run did not start), letting go
    /// of the run lock that `outcome`'s run held (`run`).
    private func whenWritten(
        _ outcome: Result<RunSummary, any Error>, _ body: @escaping @Sendable () -> Void
    ) {
        let heldTheLock: Bool
        if case .failure(let error) = outcome, error is RunLock.Held { heldTheLock = false } else { heldTheLock = true }
        receipts.whenWritten { problems in
            for problem in problems { self.logger.error("\(problem)") }
            if heldTheLock { self.releaseRunLock() }
            body()
        }
    }

    /// Takes the run lock for a run, or counts one more run holding it: a
    /// run's receipts are written while the next run records, and the lock
    /// goes once no run needs it. (A second `RunLock` in this process would
    /// be refused by the first.) While another process waits for the lock
    /// (`huanxin run --wait`), no run starts here: uploads queue, the lock
    /// falls free once this process's receipts are written, and the waiter
    /// records the queued files with the rest of the inbox.
    private func holdRunLock() throws {
        let path = deployment.outbox.lock
        guard !RunLock.isAwaited(path: path) else { throw RunLock.Held(path: path, isLeftToAWaiter: true) }
        try lock.withLock {
            if runLock == nil { runLock = try RunLock(path: path) }
            runLockHolds += 1
        }
    }

    private func releaseRunLock() {
        lock.withLock {
            runLockHolds -= 1
            if runLockHolds == 0 { runLock = nil }
        }
    }

    /// The nightly run over `paths` only, without the roll-up (the portal
    /// computes figures at request time; the night rebuilds the workbooks);
    /// a file read in this month before (`prepared`, by absolute path) is not read again.
    /// Unless it throws `RunLock.Held`, the run holds the run lock until
    /// its receipts are written (`whenWritten`).
    private func run(_ paths: [String], prepared: [String: PreparedRead] = [:]) -> Result<RunSummary, any Error> {
        Result {
            try holdRunLock()
            var logger = logger
            logger.logLevel = max(logger.logLevel, .notice)
            let calendar = ProgrammeCalendar(now: Date())
            let engine = intake(for: calendar.currentPeriod)
            let reads = prepared.filter { $0.value.period == calendar.currentPeriod }
            var run = NightlyRun(
                deployment: deployment, catalog: catalog,
                intake: reads.isEmpty ? engine : PreparedIntake(engine: engine, reads: reads),
                ledgerPath: deployment.ledger, settlingInterval: 0, progress: RunProgress(quiet: true),
                logger: logger)
            run.onlyPaths = paths
            run.openLedger = ledger
            run.receiptWriter = receipts
            return try run.run(now: calendar.now).summary
        }
    }

    /// What a run made of an upload: the version the ledger holds at its
    /// path with its content and the receipt document the run wrote for it
    /// (`withDocument`), or none while it waits (`queued`).
    private struct Recorded: Sendable {
        var path: String
        var version: VersionRecord?
        var document = Data()
        var unchanged: Bool

        var status: UploadAnswer.Status {
            guard let version else { return .queued }
            return version.status == .rejected ? .rejected : .accepted
        }
    }

    private func recorded(_ path: String, sha256: String, outcome: Result<RunSummary, any Error>) throws -> Recorded {
        let summary: RunSummary
        do {
            summary = try outcome.get()
        } catch is RunLock.Held {
            lock.withLock { _ = heldBack.insert(path) }
            return Recorded(path: path, version: nil, unchanged: false)
        }
        if summary.skipped.contains(path) {
            lock.withLock { _ = heldBack.insert(path) }
            return Recorded(path: path, version: nil, unchanged: false)
        }
        guard let version = try ledger.read({ try $0.version(path: path, sha256: sha256) }) else {
            throw UploadAnswer.Missing(path: path)
        }
        return Recorded(path: path, version: version, unchanged: summary.unchanged.contains(path))
    }

    /// `recorded` with the receipt the run wrote, read once it is written.
    private func withDocument(_ recorded: Recorded) throws -> Recorded {
        guard let version = recorded.version else { return recorded }
        guard let document = StoredReceipts(outbox: deployment.outbox).document(of: version) else {
            throw UploadAnswer.Missing(path: recorded.path)
        }
        var documented = recorded
        documented.document = document
        return documented
    }

    /// The answer: the receipt the run wrote for the version.
    private func answer(_ recorded: Recorded) -> UploadAnswer {
        guard let version = recorded.version else { return .queued(path: recorded.path) }
        return UploadAnswer(
            status: recorded.status, path: recorded.path, unchanged: recorded.unchanged, versionId: version.id,
            receipt: recorded.document)
    }

    private func audit(_ upload: Waiting, _ recorded: Recorded) -> AuditRecord {
        AuditRecord(
            at: Date(), user: upload.account, address: upload.address, action: "upload",
            detail: "path=\(upload.path) sha256=\(upload.read.sha256) status=\(recorded.status.rawValue)"
                + (recorded.unchanged ? " unchanged" : ""))
    }

}
