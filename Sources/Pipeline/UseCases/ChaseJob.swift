import Reports

/// `huanxin chase`: the 催报清单 workbook, who owes a report or a
/// correction for a month, from the same status report `huanxin status` prints.
public struct ChaseJob: Sendable {
    public let deployment: Deployment
    public let calendar: ProgrammeCalendar

    public init(deployment: Deployment, calendar: ProgrammeCalendar) {
        self.deployment = deployment
        self.calendar = calendar
    }

    /// What was written.
    public struct Written: Sendable {
        public var path: String
        public var period: Period
        /// Rows of the list.
        public var entries: Int
    }

    /// Writes the list for `period` (default: the latest month due) and
    /// `city` (default: every city) to `output` (default: `催报清单-<period>.xlsx`).
    public func write(period: Period?, city: String?, to output: String?) throws -> Written {
        let status = try StatusQuery(deployment: deployment)
        let report = try status.report(
            period: period, city: city, scope: AccessScope(wholeDeploymentOf: status.catalog), calendar: calendar)
        let path = output ?? "催报清单-\(report.period).xlsx"
        try ChaseWorkbook.write(report, to: path)
        return Written(path: path, period: report.period, entries: report.cities.map(\.chase.count).reduce(0, +))
    }
}
