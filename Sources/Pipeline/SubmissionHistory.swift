import Foundation
import Ledger
import Outbox
import Reports

/// The submissions an account may see, each version with its receipt:
/// a department's own, a city's subtree's, the province's all.
public struct SubmissionHistory: Sendable {
    let ledger: LedgerDatabase
    let receipts: StoredReceipts

    public init(ledger: LedgerDatabase, outbox: OutboxLayout) {
        self.ledger = ledger
        receipts = StoredReceipts(outbox: outbox)
    }

    public struct Entry: Sendable {
        public var version: VersionRecord
        /// Nil while the version's receipts are not written yet.
        public var receipt: Receipt?

        /// The receipt as a workbook (`ReceiptWorkbook`), this version's own.
        public func workbook() throws -> Data? {
            guard let receipt else { return nil }
            return try WorkbookBytes.of { try ReceiptWorkbook.write(receipt, into: $0) }
        }
    }

    /// The latest `limit` versions the account may see, newest first.
    public func entries(for scope: AccessScope, limit: Int = 200) throws -> [Entry] {
        try ledger.recentVersions(regions: scope.regions, department: scope.submitter?.department, limit: limit)
            .filter { scope.maySee($0.submitter) }
            .map { Entry(version: $0, receipt: try receipts.receipt(of: $0)) }
    }

    /// One version, if the account may see it; `Denied` if it may not, nil if there is none.
    public func entry(versionId: Int64, for scope: AccessScope) throws -> Entry? {
        guard let version = try ledger.read({ try $0.version(id: versionId) }) else { return nil }
        guard scope.maySee(version.submitter) else {
            throw AccessScope.Denied(reason: "报送记录 submission \(versionId)")
        }
        return Entry(version: version, receipt: try receipts.receipt(of: version))
    }
}
