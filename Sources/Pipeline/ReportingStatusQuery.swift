import Catalog
import Foundation
import Ledger
import Rollup

/// Who has reported for a month, as far as an account may see: the
/// completeness grid of its cities, cut to the submitters it may see, with
/// the totals and the chase list (due and missing, or rejected).
public struct ReportingStatusQuery: Sendable {
    public let catalog: Catalog
    let ledger: LedgerDatabase

    public init(catalog: Catalog, ledger: LedgerDatabase) {
        self.catalog = catalog
        self.ledger = ledger
    }

    /// The status JSON (`GET /api/status`).
    public struct Answer: Codable, Sendable {
        public static let currentSchemaVersion = 1
        public var schemaVersion = Answer.currentSchemaVersion
        public var period: Period
        /// The first late instant; nil when the catalog sets no deadline.
        public var lateAfter: Date?
        public var cells: [ReportCompleteness]
        /// Cells by state: `accepted`, `late`, `rejected`, `missing` (due), `notDue`.
        public var counts: [String: Int]
        /// Whom to chase: rejected, or missing past the deadline.
        public var chase: [ReportCompleteness]
    }

    public func status(for scope: AccessScope, period: Period? = nil, now: Date = Date()) throws -> Answer {
        let completeness = Completeness(catalog: catalog)
        let period = period ?? completeness.lastCompletePeriod(before: now)
        let statuses = try ledger.reportStatuses(periods: period...period).filter { scope.maySee($0.submitter) }
        let cells = scope.cities.flatMap { completeness.grid(city: $0, periods: [period], statuses: statuses, now: now) }
            .filter { scope.maySee(Submitter(region: $0.region, department: $0.department)) }
        var counts: [String: Int] = [:]
        for cell in cells {
            counts[cell.state == .missing && !cell.isDue ? "notDue" : cell.state.rawValue, default: 0] += 1
        }
        return Answer(period: period, lateAfter: completeness.lateAfter(period), cells: cells, counts: counts,
                      chase: cells.filter { $0.expected && ($0.state == .rejected || ($0.state == .missing && $0.isDue)) })
    }
}
