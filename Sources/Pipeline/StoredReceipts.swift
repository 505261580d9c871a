import Foundation
import Ledger
import Outbox
import Reports

/// The receipts a run wrote, read back for the portal: each version's own
/// copy, `<file>.<sha8>.回执.json`, never replaced by a later version's.
public struct StoredReceipts: Sendable {
    public let outbox: OutboxLayout
    let ledger: LedgerDatabase

    public init(outbox: OutboxLayout, ledger: LedgerDatabase) {
        self.outbox = outbox
        self.ledger = ledger
    }

    /// The version recorded at `path` with that content, and its receipt.
    func version(path: String, sha256: String) throws -> (VersionRecord, Receipt)? {
        guard let version = try ledger.read({ try $0.version(path: path, sha256: sha256) }) else { return nil }
        return try receipt(of: version).map { (version, $0) }
    }

    /// The receipt of a recorded version; nil while its receipts are not written yet.
    public func receipt(of version: VersionRecord) throws -> Receipt? {
        let path = outbox.receiptHistory(
            region: version.submitter.region, department: version.submitter.department,
            fileName: InboxFile.fileName(of: version.path), sha256: version.sha256)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try ReceiptJSON.decode(data)
    }
}
