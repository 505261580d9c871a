import Catalog
import Foundation
import Intake
import Ledger
import Outbox
import Vocabulary

/// What the reading thread learned of one inbox file.
struct ReadFile: Sendable {
    var file: InboxFile

    enum Outcome: Sendable {
        /// The ledger holds this content at this path: known by the file's
        /// size and time (`remember` false), or by its hash (`remember`: its
        /// new size and time go to the file-state cache). `receiptsMissing`:
        /// a killed run lost its receipts.
        case unchanged(sha256: String, remember: Bool, receiptsMissing: Bool)
        /// New content, read by intake up to the consistency checks.
        case read(sha256: String, result: IntakeResult)
        /// Not readable now (it could not be hashed, or it changed while
        /// read): left for the next run.
        case failed(any Error)
    }

    var outcome: Outcome
}

/// The reading thread: goes through the inbox files in the run's order and
/// does for each what needs neither the ledger's open transaction nor the
/// files recorded before it, up to `capacity` files ahead of the ledger, on
/// the second core. A file is recognised as unchanged without being read
/// when its size and modification time are the ones last seen (the ledger's
/// file-state cache, read once per run), else hashed; a content the ledger
/// already holds at this path is not read again; anything new is read by
/// intake up to the consistency checks (`FileIntake` does the rest).
final class InboxReader: Sendable {
    private let files: HandOver<ReadFile>
    private let seconds = ThreadSeconds()
    private let thread: BackgroundThread

    /// A file whose size or modification time changed while it was read:
    /// left for a later run, when it has settled.
    struct ChangedWhileReading: Error, CustomStringConvertible {
        var path: String
        var description: String { "文件在读取时被修改 the file changed while it was read: \(path)" }
    }

    init(_ inbox: [InboxFile], run: NightlyRun, ledger: LedgerDatabase, receipts: ReceiptPublisher, capacity: Int)
        throws
    {
        // A run of a few named files (the portal's) asks for their states
        // only: the whole cache of a province's inbox is 90,000 rows.
        let known = try ledger.read { reader in
            try run.onlyPaths == nil
                ? reader.knownStates()
                : Dictionary(
                    inbox.compactMap { try reader.knownState(path: $0.relativePath).map { ($0.path, $0) } },
                    uniquingKeysWith: { $1 })
        }
        let inboxPath = run.deployment.inbox.path
        let files = HandOver<ReadFile>(capacity: capacity)
        let seconds = self.seconds
        self.files = files
        thread = BackgroundThread(name: "huanxin-read") {
            let published = PublishedReceipts(outbox: receipts.outbox)
            for file in inbox {
                let outcome = Self.read(
                    file, in: inboxPath, run: run, ledger: ledger,
                    known: known[file.relativePath], receipts: published, seconds: seconds)
                guard files.put(ReadFile(file: file, outcome: outcome)) else { break }
            }
            files.finish()
        }
    }

    /// The next files in order, at most `count`, waiting for the first; empty at the end.
    func next(upTo count: Int) -> [ReadFile] {
        var batch: [ReadFile] = []
        while batch.count < count, let file = files.take() { batch.append(file) }
        return batch
    }

    /// Stops reading (if it has not ended) and returns the seconds spent in each stage.
    func stop() -> [String: Double] {
        files.cancel()
        thread.join()
        return seconds.total
    }

    private static func read(
        _ file: InboxFile, in inbox: String, run: NightlyRun, ledger: LedgerDatabase,
        known: FileState?, receipts: PublishedReceipts, seconds: ThreadSeconds
    ) -> ReadFile.Outcome {
        let path = file.relativePath
        let submitter = Submitter(region: file.region, department: file.department)
        func receiptsMissing(_ sha256: String) -> Bool {
            !receipts.arePublished(submitter: submitter, fileName: file.fileName, sha256: sha256)
        }
        if let known, known.size == file.size, known.modified == file.modified {
            return .unchanged(sha256: known.sha256, remember: false, receiptsMissing: receiptsMissing(known.sha256))
        }
        do {
            return try file.withDiskPath(in: inbox) { absolute in
                let sha256 = try seconds.timed("hash") { try SHA256.hash(fileAtPath: absolute).hex }
                // The run records each path once, so what it could have recorded
                // at this path is committed: a snapshot outside its transaction sees it.
                if let seen = try ledger.read({ try $0.hasSeen(sha256: sha256, path: path, submitter: submitter) }),
                    seen.path == path
                {
                    return .unchanged(sha256: sha256, remember: true, receiptsMissing: receiptsMissing(sha256))
                }
                var result = seconds.timed("intake") {
                    run.intake.read(absolute, sha256: sha256, displayName: file.fileName, submitter: submitter)
                }
                if let nameBytes = file.nameBytes { result.issues.insert(Self.nameNotUTF8(nameBytes, file), at: 0) }
                // What was read must be what was hashed; the archive checks its
                // copy, this checks the file did not move on under intake.
                guard let after = try file.status(in: inbox), after.size == file.size,
                    after.modified == file.modified
                else {
                    throw ChangedWhileReading(path: path)
                }
                return .read(sha256: sha256, result: result)
            }
        } catch {
            return .failed(error)
        }
    }

    /// The warning a file read under the escaped form of a name that is not
    /// UTF-8 carries: the name as GBK reads it, when it does.
    static func nameNotUTF8(_ bytes: [UInt8], _ file: InboxFile) -> Issue {
        let reading = FileNameText.gb18030Reading(bytes)
        return IssueCatalog.fileNameNotUTF8.issue(
            at: IssueLocation(),
            [
                "name": file.fileName,
                "readingZh": reading.map { "（按 GBK 编码读作“\($0)”）" } ?? "",
                "readingEn": reading.map { " (as GBK: \($0))" } ?? "",
            ])
    }
}

/// Seconds a background thread spent in each stage, for the run summary:
/// added to by that thread only, read once it has been joined.
final class ThreadSeconds: @unchecked Sendable {
    private(set) var total: [String: Double] = [:]

    func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        try NightlyRun.timed(stage, &total, body)
    }

    func add(_ seconds: [String: Double]) {
        total.merge(seconds, uniquingKeysWith: +)
    }
}
