import Catalog
import Foundation
import Logging
import Pipeline

/// The portal's settings: what `huanxin serve` takes on its command line.
public struct PortalSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The largest file accepted, in MiB; a larger upload is refused with 413.
    public var maxUploadMiB = 20
    /// Behind a reverse proxy: the client's address is the last one in
    /// `X-Forwarded-For`, the scheme `X-Forwarded-Proto`, and cookies are `Secure`.
    public var behindProxy = false

    public init() {}

    var maxUploadBytes: Int { maxUploadMiB * 1024 * 1024 }
}

/// Everything the routes call: the Pipeline use cases over one deployment
/// and one open ledger, and the pages. Route handlers only translate HTTP
/// to these calls and back.
public struct Portal: Sendable {
    public let settings: PortalSettings
    public let deployment: Deployment
    public let catalog: Catalog
    public let sessions: PortalSessions
    public let uploads: UploadIntake
    let history: SubmissionHistory
    let status: StatusQuery
    let targets: TargetsCache
    let rollups: RollupDownloads
    let templates: DepartmentTemplate
    let pages: Pages
    let logger: Logger

    /// The portal over `deployment` (its ledger opened once, for every request).
    /// `intake` is for tests; by default each upload's run uses the intake engine of its month.
    public init(
        settings: PortalSettings, deployment: Deployment, catalog: Catalog, intake: (any SubmissionIntake)? = nil,
        sessions configure: (inout PortalSessions) -> Void = { _ in },
        logger: Logger = Logger(label: "huanxin.portal")
    ) throws {
        self.settings = settings
        self.deployment = deployment
        self.catalog = catalog
        uploads = try UploadIntake(deployment: deployment, catalog: catalog, intake: intake, logger: logger)
        let ledger = uploads.ledger
        var sessions = PortalSessions(ledger: ledger)
        configure(&sessions)
        self.sessions = sessions
        history = SubmissionHistory(ledger: ledger, outbox: deployment.outbox)
        status = StatusQuery(catalog: catalog, ledger: ledger)
        targets = TargetsCache(query: TargetsQuery(catalog: catalog, ledger: ledger))
        rollups = RollupDownloads(outbox: deployment.outbox)
        templates = DepartmentTemplate(catalog: catalog)
        pages = try Pages()
        self.logger = logger
    }

    func scope(_ session: PortalSessions.Session) -> AccessScope {
        AccessScope(account: session.account, catalog: catalog)
    }
}

/// Runs blocking work (SQLite, bcrypt, file writes) on Dispatch's threads,
/// not on the few threads Swift's concurrency shares among all requests.
func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
