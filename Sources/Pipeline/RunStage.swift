import Catalog
import Foundation
import Ledger
import Logging

/// A stage after intake, run on the ledger as intake left it: the roll-up
/// connects here (`NightlyRun.laterStages`). Its time goes into the run
/// summary under its name; an error fails the run after the summary is written.
public struct RunStage: Sendable {
    public var name: String
    public var body: @Sendable (RunContext) throws -> Void

    public init(name: String, body: @escaping @Sendable (RunContext) throws -> Void) {
        self.name = name
        self.body = body
    }
}

/// What a later stage gets to work with.
public struct RunContext: Sendable {
    public let deployment: Deployment
    public let catalog: Catalog
    public let ledger: LedgerDatabase
    public let runId: Int64
    public let startedAt: Date
    /// What intake did this run (a roll-up may skip work when nothing changed).
    public let intake: RunSummary
    public let logger: Logger
}
