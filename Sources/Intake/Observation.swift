import Catalog
import Vocabulary

/// One figure read from a submission, in the indicator's canonical unit,
/// with the cell it came from.
public struct Observation: Sendable, Equatable, Codable {
    public var region: String
    public var indicator: String
    public var period: Period
    /// The value in the indicator's canonical unit.
    public var value: Double
    /// The value and unit as the department wrote them (`3.5`, `万辆`).
    public var writtenValue: String
    public var writtenUnit: String?
    /// The sheet and cell of the value.
    public var source: IssueLocation
    public var note: String?

    public init(
        region: String, indicator: String, period: Period, value: Double, writtenValue: String,
        writtenUnit: String? = nil, source: IssueLocation, note: String? = nil
    ) {
        self.region = region
        self.indicator = indicator
        self.period = period
        self.value = value
        self.writtenValue = writtenValue
        self.writtenUnit = writtenUnit
        self.source = source
        self.note = note
    }
}

/// What intake made of one file version.
public struct IntakeResult: Sendable {
    /// The file as read.
    public var path: String
    /// The layout applied (`records`, `form`), nil if none could be.
    public var layout: String?
    /// The rows that passed their own checks, as figures. They count only
    /// when the file is accepted: a rejected file's observations are what
    /// could be read of it (`huanxin validate` shows them), never figures
    /// to record.
    public var observations: ObservationTable
    /// Every issue, errors and warnings, in file order.
    public var issues: [Issue]
    /// The months the file reports on, in order: the periods its cells,
    /// form header or identity sheet name, whether their rows passed or not,
    /// so that a file rejected whole still shows, for those months, as
    /// rejected rather than missing.
    public var periods: [Period]

    /// `periods` nil: the months of `observations`.
    public init(
        path: String, layout: String?, observations: ObservationTable, issues: [Issue], periods: [Period]? = nil
    ) {
        self.path = path
        self.layout = layout
        self.observations = observations
        self.issues = issues
        self.periods = periods ?? observations.months.sorted()
    }

    /// Accepted unless any issue is an error: acceptance is all or nothing.
    public var isAccepted: Bool { !issues.rejectsFile }
}

/// Figures already accepted, for the cross-period checks (month-on-month
/// jumps, stock drops, outliers against a region's own history). The
/// pipeline answers from the ledger; tests answer from a dictionary.
public protocol FigureHistory {
    /// Accepted figures of `indicator` for `region` before `period`, most
    /// recent last, at most `limit` of them. Throws when they cannot be
    /// read: the checks do not run without them, and the file is not
    /// judged until they can.
    func figures(region: String, indicator: String, before period: Period, limit: Int) throws
        -> [(period: Period, value: Double)]
}
