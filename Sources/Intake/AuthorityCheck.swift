import Catalog
import Vocabulary

/// What the folder a file was dropped into allows: its department reports
/// only its own indicators, and only for its region and the regions below.
struct AuthorityCheck {
    /// The indicator codes each department of a catalog reports, listed
    /// once per `SubmissionReader` rather than once per file.
    struct Reportable: Sendable {
        private let byDepartment: [String: Set<String>]

        init(catalog: Catalog) {
            byDepartment = Dictionary(
                catalog.departments.map { ($0.code, Set(catalog.indicators(reportableBy: $0.code).map(\.code))) },
                uniquingKeysWith: { first, _ in first })
        }

        /// What `department` reports; nothing for a department the catalog does not know.
        func codes(department: String) -> Set<String> { byDepartment[department] ?? [] }
    }

    let catalog: Catalog
    let submitter: Submitter
    private let reportable: Set<String>

    init(catalog: Catalog, submitter: Submitter, reportable: Reportable) {
        self.catalog = catalog
        self.submitter = submitter
        self.reportable = reportable.codes(department: submitter.department)
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
        return regionIssue(
            [region.code], at: location, rows: ("", ""),
            advice: ("只能报送本辖区的数据。", "Only the region's own figures may be reported."))
    }

    /// Whether `code` is an indicator the catalog knows, reported by
    /// someone, but not by the folder's department.
    func mayNotReport(indicator code: String) -> Bool {
        guard let indicator = catalog.indicator(code: code), !indicator.method.isComputed else { return false }
        return !reportable.contains(code)
    }

    /// The one issue of a file none of whose rows' indicators (`rows`, one
    /// per row) the folder's department reports: probably in the wrong
    /// folder, so it names the department that reports them all, if one does.
    func wrongDepartmentFile(_ rows: [String]) -> Issue {
        let indicators = Set(rows)
        let owner = catalog.departments.first { Set($0.indicators).isSuperset(of: indicators) }
        let examples = rows.uniqued().prefix(3).joined(separator: "、") + (indicators.count > 3 ? "…" : "")
        return IssueCatalog.authorityFolder.issue(
            at: IssueLocation(),
            [
                "count": String(rows.count), "examples": examples, "department": departmentName,
                "departmentCode": submitter.department,
                "advice": owner.map { "请放到 Inbox/\(submitter.region)/\($0.code)/（\($0.name)）中重新报送。" }
                    ?? "请核对报送单位后重新报送。",
                "adviceEn": owner.map { "Move it to Inbox/\(submitter.region)/\($0.code)/." }
                    ?? "Check who reports it.",
            ])
    }

    /// Whether the region `code` is one the catalog knows, outside the folder's.
    func isForeign(region code: String) -> Bool {
        catalog.region(code: code) != nil && !catalog.isWithin(region: code, ancestor: submitter.region)
    }

    /// The one issue of a file whose `rows` rows are all of `regions`,
    /// outside the folder's region: probably another region's file, so it
    /// says which folder it belongs in (one region) or how to split it.
    func foreignRegionsFile(_ regions: [String], rows: Int, at location: IssueLocation) -> Issue {
        let folder = regions.count == 1 ? "Inbox/\(regions[0])/\(submitter.department)/" : nil
        let owner =
            regions.count == 1 ? "（\(catalog.region(code: regions[0])?.name ?? regions[0])\(departmentName)）" : ""
        return regionIssue(
            regions, at: location, rows: ("这份文件全部 \(rows) 行的", "all \(rows) rows of the file: "),
            advice: (
                "文件可能放错了文件夹，"
                    + (folder.map { "请放到 \($0)\(owner)中重新报送；" } ?? "请按地区分开，分别放到各地区的文件夹中重新报送；")
                    + "如确是本单位的数据，请改正地区代码。",
                (folder.map { "It probably belongs in \($0)" } ?? "Split it by region into each region's folder")
                    + "; if the figures are the folder's own, correct the region codes."
            ))
    }

    private var departmentName: String { catalog.department(code: submitter.department)?.name ?? submitter.department }

    /// `authority-region` for `regions` (the first three named), at `location`.
    private func regionIssue(
        _ regions: [String], at location: IssueLocation, rows: (zh: String, en: String),
        advice: (zh: String, en: String)
    ) -> Issue {
        let named = regions.prefix(3).map { code in
            catalog.region(code: code).map { "\(code)（\($0.name)）" } ?? code
        }
        let more = regions.count > 3 ? "等 \(regions.count) 个地区" : ""
        return IssueCatalog.authorityRegion.issue(
            at: location,
            [
                "rows": rows.zh, "rowsEn": rows.en, "regions": named.joined(separator: "、") + more,
                "regionCodes": regions.prefix(3).joined(separator: ", ") + (regions.count > 3 ? ", …" : ""),
                "submitterRegion": submitter.region,
                "submitterRegionName": catalog.region(code: submitter.region)?.name ?? "",
                "advice": advice.zh, "adviceEn": advice.en,
            ])
    }

    /// A form template belongs to one region and department: they must be the folder's.
    func checkTemplate(region: String, department: String, regionAt: IssueLocation, departmentAt: IssueLocation)
        -> [Issue]
    {
        var issues: [Issue] = []
        if region != submitter.region {
            issues.append(
                regionIssue(
                    [region], at: regionAt, rows: ("此模板的", "the template's "),
                    advice: ("请使用本单位的模板。", "Use the folder's own template.")))
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
