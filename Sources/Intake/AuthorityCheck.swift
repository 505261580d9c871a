import Catalog
import Vocabulary

/// What the folder a file was dropped into allows: its department reports
/// only its own indicators, and only for its region and the regions below.
struct AuthorityCheck {
    let catalog: Catalog
    let submitter: Submitter
    private let reportable: Set<String>

    init(catalog: Catalog, submitter: Submitter) {
        self.catalog = catalog
        self.submitter = submitter
        reportable = Set(catalog.indicators(reportableBy: submitter.department).map(\.code))
    }

    func check(indicator: Indicator, at location: IssueLocation) -> Issue? {
        guard !reportable.contains(indicator.code) else { return nil }
        return IssueCatalog.authorityIndicator.issue(
            at: location,
            [
                "department": catalog.department(code: submitter.department)?.name ?? submitter.department,
                "departmentCode": submitter.department, "indicatorName": indicator.name, "indicator": indicator.code,
                "lead": catalog.department(code: indicator.lead)?.name ?? indicator.lead, "leadCode": indicator.lead,
            ])
    }

    func check(region: Region, at location: IssueLocation) -> Issue? {
        guard !catalog.isWithin(region: region.code, ancestor: submitter.region) else { return nil }
        return IssueCatalog.authorityRegion.issue(
            at: location,
            [
                "region": region.code, "regionName": region.name, "submitterRegion": submitter.region,
                "submitterRegionName": catalog.region(code: submitter.region)?.name ?? "",
            ])
    }

    /// A form template belongs to one region and department: they must be the folder's.
    func checkTemplate(region: String, department: String, regionAt: IssueLocation, departmentAt: IssueLocation)
        -> [Issue]
    {
        var issues: [Issue] = []
        if region != submitter.region {
            issues.append(
                IssueCatalog.authorityRegion.issue(
                    at: regionAt,
                    [
                        "region": region, "regionName": catalog.region(code: region)?.name ?? "",
                        "submitterRegion": submitter.region,
                        "submitterRegionName": catalog.region(code: submitter.region)?.name ?? "",
                    ]))
        }
        if department != submitter.department {
            issues.append(
                IssueCatalog.authorityDepartment.issue(
                    at: departmentAt,
                    [
                        "templateDepartment": catalog.department(code: department)?.name ?? department,
                        "templateCode": department,
                        "department": catalog.department(code: submitter.department)?.name ?? submitter.department,
                        "departmentCode": submitter.department,
                    ]))
        }
        return issues
    }
}
