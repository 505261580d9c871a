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

    /// Which of the submissions an account sees a page lists: one region and
    /// the regions below it, one department, and those recorded before a
    /// version (the page after one that ended there). Nil: no such limit.
    public struct Filter: Sendable, Equatable {
        public var region: String?
        public var department: String?
        public var before: Int64?

        public init(region: String? = nil, department: String? = nil, before: Int64? = nil) {
            self.region = region
            self.department = department
            self.before = before
        }
    }

    /// The latest `limit` versions the account may see that `filter` lets
    /// through, newest first, and whether older ones follow. A region the
    /// account may not see is `Denied`; a department account sees its own
    /// department whatever `filter` names.
    public func entries(
        for scope: AccessScope, filter: Filter = Filter(), limit: Int = 200
    ) throws -> (entries: [Entry], more: Bool) {
        var regions = scope.regions
        if let region = filter.region {
            try scope.requireSight(of: region)
            let below = scope.catalog.codes(within: region)
            regions = regions.map { $0.intersection(below) } ?? below
        }
        let versions = try ledger.recentVersions(
            regions: regions, department: scope.submitter?.department ?? filter.department, before: filter.before,
            limit: limit + 1)
        let entries = try versions.prefix(limit).filter { scope.maySee($0.submitter) }
            .map { Entry(version: $0, receipt: try receipts.receipt(of: $0)) }
        return (entries, versions.count > limit)
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
