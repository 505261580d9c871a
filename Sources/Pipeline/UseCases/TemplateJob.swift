import Catalog
import Foundation
import Reports

/// `huanxin template` (and the portal's template download): the fill-in
/// `form` workbook of one department in one region for one month.
public struct TemplateJob: Sendable {
    public let deployment: Deployment
    public let calendar: ProgrammeCalendar

    public init(deployment: Deployment, calendar: ProgrammeCalendar) {
        self.deployment = deployment
        self.calendar = calendar
    }

    /// What was written.
    public struct Written: Sendable {
        public var path: String
        /// `嘉祥县商务局 2026-10, 12 项指标 indicators`.
        public var summary: String
    }

    /// Writes the template for `period` (default: the last complete month,
    /// the one departments report on) to `output` (default: its suggested
    /// name in the current folder). Throws `FormTemplateError` when the
    /// region or department makes no template.
    public func write(region: String, department: String, period: Period?, to output: String?) throws -> Written {
        let catalog = try deployment.loadCatalog()
        let template = try FormTemplate(
            catalog: catalog, region: region, department: department,
            period: period ?? calendar.lastCompletePeriod)
        let path = output ?? template.suggestedFileName
        try template.write(to: path)
        return Written(
            path: path, summary: "\(template.reportingUnit) \(template.period), \(template.rows.count) 项指标 indicators")
    }
}
