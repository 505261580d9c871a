import Catalog
import Foundation
import Sheets
import Vocabulary

/// Reads one submitted file into observations and issues: opens it with
/// the right reader, finds its layout, applies it, and runs the checks of
/// the design's "Validation" section. Every failure of the file is an
/// issue; only a history that cannot be read throws.
///
/// ```swift
/// let reader = SubmissionReader(catalog: catalog, today: calendar.currentPeriod)
/// let result = reader.read(path: file, submitter: Submitter(region: "370829", department: "commerce"))
/// if result.isAccepted { ledger.record(result.observations) }
/// ```
public struct SubmissionReader: Sendable {
    public let catalog: Catalog
    public let limits: ReadLimits
    /// The current month (`ProgrammeCalendar.currentPeriod`): later periods are rejected.
    public let today: Period
    /// Data rows read from one file at most (`LayoutReading.maxDataRows`; less in tests).
    var maxDataRows = LayoutReading.maxDataRows

    public init(catalog: Catalog, limits: ReadLimits = .standard, today: Period) {
        self.catalog = catalog
        self.limits = limits
        self.today = today
    }

    /// Reads the file at `path`. `displayName` names it in the result (the
    /// inbox-relative path, say); `submitter` is the folder it came from,
    /// nil to skip the authority checks. The cross-period checks compare
    /// within the file only.
    public func read(path: String, displayName: String? = nil, submitter: Submitter?) -> IntakeResult {
        checked(readFile(path: path, displayName: displayName, submitter: submitter)) { _, _, _ in [] }
    }

    /// `read`, with `history` answering the cross-period checks; throws
    /// what it throws.
    public func read(
        path: String, displayName: String? = nil, submitter: Submitter?,
        history: any FigureHistory
    ) throws -> IntakeResult {
        try checkConsistency(of: readFile(path: path, displayName: displayName, submitter: submitter), history: history)
    }

    /// `read` up to the consistency checks: everything that needs nothing
    /// but the file. The nightly run reads files ahead on a second thread
    /// and checks each against the ledger when its turn comes.
    public func readFile(path: String, displayName: String? = nil, submitter: Submitter?) -> IntakeResult {
        var result = IntakeResult(path: displayName ?? path, layout: nil, observations: [], issues: [])
        guard let records = catalog.layout(id: "records") else {
            result.issues.append(
                IssueCatalog.formatUnsupported.issue(
                    at: IssueLocation(),
                    [
                        "sheetCode": "no-layout", "detail": "the catalog has no records layout",
                    ]))
            return result
        }
        let builder = ObservationBuilder(catalog: catalog, submitter: submitter, today: today)
        var reading = LayoutReading(maxDataRows: maxDataRows)
        do {
            let workbook = try openWorkbook(atPath: path, named: displayName, limits: limits)
            switch try LayoutDetector(records: records, form: catalog.layout(id: "form")).detect(workbook) {
            case .records(let sheet, let headerRow):
                result.layout = records.id
                if let headerRow {
                    try RecordsLayoutReader(layout: records, builder: builder)
                        .read(workbook, sheet: sheet, headerRow: headerRow, into: &reading)
                }
            case .form(let sheet, let identitySheet):
                guard let form = catalog.layout(id: "form") else { break }
                result.layout = form.id
                try FormLayoutReader(layout: form, builder: builder)
                    .read(workbook, sheet: sheet, identitySheet: identitySheet, into: &reading)
            }
        } catch let tooMany as LayoutReading.TooManyRows {
            reading.issues.append(
                IssueCatalog.fileUnsafe.issue(
                    at: tooMany.location,
                    [
                        "sheetCode": "too-many-rows",
                        "detail":
                            "more than \(maxDataRows) data rows; split the file by year or by region",
                    ]))
        } catch let error as SheetError {
            reading.issues.append(SheetErrorMapping.issue(error))
        } catch {
            reading.issues.append(
                IssueCatalog.fileCorrupt.issue(
                    at: IssueLocation(),
                    [
                        "sheetCode": "unknown", "detail": String(describing: error),
                    ]))
        }
        if reading.dataRows == 0, !reading.issues.hasError {
            let headerOnly = result.layout != nil
            reading.issues.append(
                IssueCatalog.fileEmpty.issue(
                    at: IssueLocation(),
                    [
                        "detailZh": headerOnly ? "（只有表头）" : "", "detailEn": headerOnly ? " (only a header row)" : "",
                    ]))
        }
        CrossRowCheck.duplicates(reading.keys, into: &reading.issues)
        result.observations = reading.observations
        result.periods = reading.periods.union(reading.observations.months).sorted()
        let issues = wrongFolder(
            reading.issues.issues, rows: reading.keys, observations: reading.observations, submitter: submitter)
        // A reused template's warning already names the month it was made for.
        let reused = issues.contains { $0.code == IssueCatalog.periodTemplateMismatch.code }
        result.issues = issues + (reused ? [] : Self.nameMismatch(path: result.path, periods: result.periods))
        return result
    }

    /// One issue, not one per row, when no row's indicator may be reported
    /// by the folder's department: the file is in the wrong folder, and the
    /// issue says which folder's department reports them all, if one does
    /// (none when the template's own department already said so).
    func wrongFolder(
        _ issues: [Issue], rows keys: LayoutReading.RowKeys, observations: ObservationTable, submitter: Submitter?
    ) -> [Issue] {
        let code = IssueCatalog.authorityIndicator.code
        // A template made for another department already says so, once.
        if issues.contains(where: { $0.code == IssueCatalog.authorityDepartment.code }) {
            return issues.filter { $0.code != code }
        }
        let refused = issues.filter { $0.code == code }
        guard let submitter, refused.count >= 2, refused.count == keys.count, observations.isEmpty else {
            return issues
        }
        let rows = keys.map(\.indicator)
        let indicators = Set(rows)
        let name = catalog.department(code: submitter.department)?.name ?? submitter.department
        let owner = catalog.departments.first { Set($0.indicators).isSuperset(of: indicators) }
        let examples = rows.uniqued().prefix(3).joined(separator: "、") + (indicators.count > 3 ? "…" : "")
        let folder = IssueCatalog.authorityFolder.issue(
            at: IssueLocation(),
            [
                "count": String(rows.count), "examples": examples, "department": name,
                "departmentCode": submitter.department,
                "advice": owner.map { "请放到 Inbox/\(submitter.region)/\($0.code)/（\($0.name)）中重新报送。" }
                    ?? "请核对报送单位后重新报送。",
                "adviceEn": owner.map { "Move it to Inbox/\(submitter.region)/\($0.code)/." }
                    ?? "Check who reports it.",
            ])
        var replaced = false
        return issues.compactMap { issue in
            guard issue.code == code else { return issue }
            defer { replaced = true }
            return replaced ? nil : folder
        }
    }

    /// A warning when the file's name gives months its content does not
    /// report (last month's template sent again as `2026-11(1).xlsx`): it is
    /// counted by its content, and the sender should know which that was.
    static func nameMismatch(path: String, periods: [Period]) -> [Issue] {
        guard !periods.isEmpty, let named = Period.named(inFileName: path), !Set(periods).isSubset(of: named) else {
            return []
        }
        func text(_ months: [Period]) -> String {
            months.count > 3 ? "\(months.first!) 至 \(months.last!)" : months.map(\.description).joined(separator: "、")
        }
        return [
            IssueCatalog.periodNameMismatch.issue(
                at: IssueLocation(),
                [
                    "fileName": String(path.split(separator: "/").last ?? ""), "named": text(named),
                    "content": text(periods),
                ])
        ]
    }

    /// The rest of `read` for a `readFile` result: the catalog's consistency
    /// rules and the outlier check, on the file's figures among themselves
    /// and against `history`; their issues follow the file's own. Throws
    /// what `history` throws: a file is not judged without its history.
    public func checkConsistency(of result: IntakeResult, history: any FigureHistory) throws -> IntakeResult {
        try checked(result) {
            try history.figures(region: $0, indicator: $1, before: $2, limit: ConsistencyCheck.outlierHistoryMonths)
        }
    }

    private func checked(
        _ result: IntakeResult, history: (String, String, Period) throws -> [(period: Period, value: Double)]
    ) rethrows -> IntakeResult {
        var checked = result
        checked.issues += try ConsistencyCheck(catalog: catalog).issues(result.observations, history: history)
        return checked
    }

}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
