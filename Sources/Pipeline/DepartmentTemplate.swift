import Catalog
import Foundation
import Reports
import Vocabulary

/// The fill-in `form` workbook a department downloads from the portal:
/// its own for a department account; one of its subtree's for a city or
/// the province, which name the region and department.
public struct DepartmentTemplate: Sendable {
    public let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// The workbook's file name and bytes. `region` and `department` are
    /// required of city and province accounts and must match a department's own.
    public func workbook(
        for scope: AccessScope, region: String?, department: String?, period: Period?,
        now: Date
    ) throws -> (fileName: String, bytes: Data) {
        let submitter: Submitter
        if let own = scope.submitter {
            guard (region ?? own.region) == own.region, (department ?? own.department) == own.department else {
                throw AccessScope.Denied(reason: "模板 template \(region ?? "")/\(department ?? "")")
            }
            submitter = own
        } else {
            guard let region, let department else {
                throw FormTemplateError(
                    code: "template-needs-submitter", chinese: "请指定地区代码和部门代码。",
                    english: "Give region and department.")
            }
            try scope.requireSight(of: region)
            submitter = Submitter(region: region, department: department)
        }
        let period = period ?? ProgrammeCalendar(now: now).lastCompletePeriod
        let template = try FormTemplate(
            catalog: catalog, region: submitter.region, department: submitter.department,
            period: period)
        return (template.suggestedFileName, try WorkbookBytes.of { try template.write(into: $0) })
    }
}
