import Foundation
import Outbox

/// One installation of huanxin: the three folders under a root, and the
/// ledger (`Outbox/ledger.sqlite` unless placed elsewhere).
public struct Deployment: Sendable {
    public var root: URL
    public var inbox: URL { root.appendingPathComponent("Inbox") }
    public var schemas: URL { root.appendingPathComponent("Schemas") }
    public var outbox: OutboxLayout { OutboxLayout(root: root.appendingPathComponent("Outbox").path) }
    /// The ledger file.
    public var ledger: String { ledgerOverride ?? outbox.ledger }
    private var ledgerOverride: String?

    public init(root: URL, ledger: String? = nil) {
        self.root = root.standardizedFileURL
        ledgerOverride = ledger
    }
}

/// A read-only command found no ledger: nothing has been recorded yet.
public struct LedgerMissing: Error, Sendable, CustomStringConvertible {
    public let path: String

    public var description: String { "台账不存在 No ledger at \(path); run `huanxin run` first." }
}
