import Catalog
import Foundation
import Vocabulary

/// Where a version stands. `superseded` versions were accepted once and
/// stay in the history; nothing of theirs is counted any more.
public enum VersionStatus: String, Sendable, Codable {
    case accepted, rejected, superseded
}

/// A file version to record: what the inbox scan and intake learned of one
/// content seen at one path.
public struct NewVersion: Sendable {
    public var submitter: Submitter
    /// Path under `Inbox/`, e.g. `371502/commerce/2026-10.xlsx`.
    public var path: String
    /// Lower-case hex SHA-256 of the content.
    public var sha256: String
    public var size: Int64
    public var modified: Date
    public var receivedAt: Date
    public var runId: Int64?
    /// The catalog layout the file was read with, when one matched.
    public var layoutId: String?
    /// The periods the file reports. Periods of its observations are added
    /// when recorded; a rejected file gives here what could be read of them.
    public var periods: [Period]
    /// Where the original was copied under `Outbox/archive/`, if it was.
    public var archivePath: String?

    public init(
        submitter: Submitter, path: String, sha256: String, size: Int64, modified: Date,
        receivedAt: Date, runId: Int64? = nil, layoutId: String? = nil, periods: [Period] = [],
        archivePath: String? = nil
    ) {
        self.submitter = submitter
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.modified = modified
        self.receivedAt = receivedAt
        self.runId = runId
        self.layoutId = layoutId
        self.periods = periods
        self.archivePath = archivePath
    }
}

/// One figure of a version: region × indicator × period, in the indicator's
/// canonical unit, with what was written and where.
public struct ObservationRecord: Hashable, Sendable, Codable {
    public var region: String
    public var indicator: String
    public var period: Period
    /// In the indicator's canonical unit.
    public var value: Double
    /// The cell's text as written, e.g. `1,234.5` or `35%`.
    public var writtenValue: String
    /// The unit as written, e.g. `万辆`, when the file names one.
    public var writtenUnit: String?
    /// Sheet name; nil for CSV.
    public var sheet: String?
    /// A1 reference of the value's cell (CSV files too).
    public var cell: String?

    public init(
        region: String, indicator: String, period: Period, value: Double, writtenValue: String,
        writtenUnit: String? = nil, sheet: String? = nil, cell: String? = nil
    ) {
        self.region = region
        self.indicator = indicator
        self.period = period
        self.value = value
        self.writtenValue = writtenValue
        self.writtenUnit = writtenUnit
        self.sheet = sheet
        self.cell = cell
    }
}

/// A recorded version, as the ledger holds it.
public struct VersionRecord: Hashable, Sendable, Codable {
    public var id: Int64
    public var submitter: Submitter
    public var path: String
    public var sha256: String
    public var size: Int64
    public var modified: Date
    /// When the ledger first saw this content.
    public var receivedAt: Date
    public var runId: Int64?
    public var status: VersionStatus
    public var layoutId: String?
    /// Periods covered, oldest first.
    public var periods: [Period]
    /// The version that superseded the last of this one's periods.
    public var supersededBy: Int64?
    public var archivePath: String?
}

/// One period of an older version withdrawn by a newer accepted one.
public struct Supersession: Hashable, Sendable, Codable {
    public var versionId: Int64
    public var path: String
    public var period: Period
}

/// What `record` did with a file version.
public struct RecordOutcome: Hashable, Sendable {
    /// The version as stored: the new one, or the identical one already
    /// recorded at this path.
    public var version: VersionRecord
    /// False when the same content was already recorded at this path:
    /// nothing was written and nothing is counted again.
    public var isNew: Bool
    /// Periods of earlier versions this one superseded.
    public var superseded: [Supersession]
}

/// What the inbox fast path remembers of a file.
public struct FileState: Hashable, Sendable, Codable {
    /// Path under `Inbox/`.
    public var path: String
    public var size: Int64
    public var modified: Date
    public var sha256: String

    public init(path: String, size: Int64, modified: Date, sha256: String) {
        self.path = path
        self.size = size
        self.modified = modified
        self.sha256 = sha256
    }
}
