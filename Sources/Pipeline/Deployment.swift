import Foundation
import Reports

/// One installation of huanxin: the three folders under a root.
public struct Deployment: Sendable {
    public var root: URL
    public var inbox: URL { root.appendingPathComponent("Inbox") }
    public var schemas: URL { root.appendingPathComponent("Schemas") }
    public var outbox: OutboxLayout { OutboxLayout(root: root.appendingPathComponent("Outbox").path) }

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }
}
