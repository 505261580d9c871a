import Catalog
import Foundation
import Intake
import Ledger
import Logging
import Vocabulary

@testable import Pipeline

/// A deployment in a fresh temporary folder: `Schemas/` linked to the
/// repository's, an `Inbox/` the tests fill with CSV records files of known
/// content, and `Outbox/` as runs leave it. The folder goes with the fixture.
final class DeploymentFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `Schemas/` of the repository, loaded once per process.
    static let catalog: Catalog = CatalogLoader(schemas: packageRoot.appendingPathComponent("Schemas")).load().catalog
    /// Reports are read as in April 2025: 2025-03 is past.
    static let reader = SubmissionReader(catalog: catalog, today: Period("2025-04")!)
    static let header = "地区代码,指标代码,期间,数值,单位,备注"
    /// An instant in March 2025, from which file times are counted.
    static let epoch = Date(timeIntervalSince1970: 1_741_000_000)

    let root: URL
    let deployment: Deployment

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Inbox"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("Schemas"),
            withDestinationURL: Self.packageRoot.appendingPathComponent("Schemas"))
        deployment = Deployment(root: root)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var outbox: String { deployment.outbox.root }

    /// Writes a records CSV at `path` under `Inbox/` with the header and
    /// `rows`, modified `minute` minutes after `epoch` (the order a
    /// submitter's files are taken in).
    @discardableResult
    func put(_ path: String, rows: [String], minute: Int = 0) throws -> URL {
        let url = root.appendingPathComponent("Inbox").appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(([Self.header] + rows).joined(separator: "\r\n").utf8).write(to: url)
        try FileManager.default.setAttributes(
            [.modificationDate: Self.epoch.addingTimeInterval(Double(minute) * 60)],
            ofItemAtPath: url.path)
        return url
    }

    func nightlyRun(intake: any SubmissionIntake = DeploymentFixture.reader) -> NightlyRun {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return NightlyRun(
            deployment: deployment, catalog: Self.catalog, intake: intake, settlingInterval: 0,
            progress: RunProgress(quiet: true), logger: logger)
    }

    @discardableResult
    func run(intake: any SubmissionIntake = DeploymentFixture.reader) throws -> RunSummary {
        try nightlyRun(intake: intake).run(now: Date()).summary
    }

    func ledger() throws -> LedgerDatabase { try LedgerDatabase(path: deployment.outbox.ledger) }

    /// Every file under `Outbox/` except run summaries, the lock, the
    /// ledger and its backups, by path relative to `Outbox/`, with its bytes.
    func outputs() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = URL(fileURLWithPath: outbox)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [:] }
        for case let url as URL in walker
        where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1))
            guard !relative.hasPrefix("runs/"), !relative.hasPrefix("backups/"), !relative.hasPrefix("ledger.sqlite"),
                relative != ".huanxin.lock"
            else { continue }
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }
}

/// The intake engine, counting the files it is asked to read.
final class CountingIntake: SubmissionIntake, @unchecked Sendable {
    private let lock = NSLock()
    private var names: [String] = []

    var reads: [String] { lock.withLock { names } }

    func read(_ path: String, sha256: String, displayName: String, submitter: Submitter) -> IntakeResult {
        lock.withLock { names.append(displayName) }
        return DeploymentFixture.reader.read(path, sha256: sha256, displayName: displayName, submitter: submitter)
    }

    func check(_ result: IntakeResult, history: any FigureHistory) throws -> IntakeResult {
        try DeploymentFixture.reader.check(result, history: history)
    }
}
