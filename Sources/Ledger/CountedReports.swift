import Foundation
import GRDB
import Vocabulary

/// A figure counted now as a roll-up reads it: one per indicator, region
/// and month, with its version and file.
public struct CountedReport: Sendable {
    public var observation: ObservationRecord
    public var versionId: Int64
    /// The file under `Inbox/`; one string shared by the version's figures.
    public var path: String
}

extension LedgerReader {
    /// Calls `body` with each figure counted now (see `counted_observation`),
    /// one per indicator, region and month: when two submitters report the
    /// same figure, the version recorded last (the ledger's own order, the
    /// one a submitter's correction supersedes by; `countedSeries` chooses
    /// the same for intake's history checks). By region, indicator and month:
    /// the order of the index SQLite groups them by, so no sort.
    ///
    /// Streamed from the grouped query rather than loaded as records: a
    /// province's years of figures held as records with their sources took most
    /// of a first night's memory, and decoding them most of its roll-up.
    public func eachCountedReport(_ body: (CountedReport) throws -> Void) throws {
        var paths: [Int64: String] = [:]
        let versions = try Row.fetchCursor(
            db,
            sql: """
                SELECT v.id, s.path FROM version v JOIN submission s ON s.id = v.submissionId
                WHERE v.status = 'accepted'
                """)
        while let row = try versions.next() { paths[row[0]] = row[1] }
        // Region and indicator codes repeat in every figure: one string each.
        var codes: [String: String] = [:]
        func interned(_ code: String) -> String {
            if let known = codes[code] { return known }
            codes[code] = code
            return code
        }
        // SQLite takes the bare columns of a group from the row whose MAX(versionId) it keeps.
        let figures = try Row.fetchCursor(
            db,
            sql: """
                SELECT indicator, region, CAST(substr(period, 1, 4) AS INTEGER), CAST(substr(period, 6, 2) AS INTEGER),
                       MAX(versionId), value, writtenValue, writtenUnit, sheet, cell
                FROM counted_observation
                GROUP BY region, indicator, period
                ORDER BY region, indicator, period
                """)
        while let row = try figures.next() {
            let versionId: Int64 = row[4]
            guard let period = Period(year: row[2], month: row[3]), let path = paths[versionId] else {
                throw LedgerError.inconsistentFigure(versionId: versionId)
            }
            let observation = ObservationRecord(
                region: interned(row[1]), indicator: interned(row[0]), period: period, value: row[5],
                writtenValue: row[6], writtenUnit: row[7], sheet: row[8], cell: row[9])
            try body(CountedReport(observation: observation, versionId: versionId, path: path))
        }
    }

    /// When the latest figure counted now was received: the ledger's as-of
    /// time for a roll-up; nil when nothing counts.
    public func countedAsOf() throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT MAX(receivedAt) FROM counted_observation")
    }
}
