import Foundation
import Ledger
import Outbox
import Reports

/// The receipts a run wrote, read back for the portal: each version's own
/// copy, `<file>.<sha8>.回执.json`, never replaced by a later version's.
public struct StoredReceipts: Sendable {
    public let outbox: OutboxLayout

    public init(outbox: OutboxLayout) {
        self.outbox = outbox
    }

    /// The receipt of a recorded version; nil while its receipts are not written yet.
    public func receipt(of version: VersionRecord) throws -> Receipt? {
        try document(of: version).map(ReceiptJSON.decode)
    }

    /// The receipt's document as written (`ReceiptJSON`); nil while not written yet.
    func document(of version: VersionRecord) -> Data? {
        FileManager.default.contents(
            atPath: outbox.receiptHistory(
                region: version.submitter.region, department: version.submitter.department,
                fileName: InboxFile.fileName(of: version.path), sha256: version.sha256))
    }
}
