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
    /// What reading needs of the catalog, made here once for every file
    /// (on every thread) instead of per file: the layouts' label lookups
    /// (nil: the catalog has no `records` layout) and who reports what.
    private let detector: LayoutDetector?
    private let form: FormLayoutReader.Prepared?
    private let reportable: AuthorityCheck.Reportable

    public init(catalog: Catalog, limits: ReadLimits = .standard, today: Period) {
        self.catalog = catalog
        self.limits = limits
        self.today = today
        let form = catalog.layout(id: "form")
        detector = catalog.layout(id: "records").map { LayoutDetector(records: $0, form: form) }
        self.form = form.map(FormLayoutReader.Prepared.init)
        reportable = AuthorityCheck.Reportable(catalog: catalog)
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
        guard let detector else {
            result.issues.append(
                IssueCatalog.formatUnsupported.issue(
                    at: IssueLocation(),
                    [
                        "sheetCode": "no-layout", "detail": "the catalog has no records layout",
                    ]))
            return result
        }
        let builder = ObservationBuilder(catalog: catalog, submitter: submitter, reportable: reportable, today: today)
        var reading = LayoutReading(maxDataRows: maxDataRows)
        do {
            let workbook = try openWorkbook(atPath: path, named: displayName, limits: limits)
            switch try detector.detect(workbook) {
            case .records(let sheet, let headerRow):
                result.layout = detector.records.id
                if let headerRow {
                    try RecordsLayoutReader(layout: detector.records, matcher: detector.recordsHeader, builder: builder)
                        .read(workbook, sheet: sheet, headerRow: headerRow, into: &reading)
                }
            case .form(let sheet, let identitySheet):
                guard let form else { break }
                result.layout = form.layout.id
                try FormLayoutReader(form: form, builder: builder)
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
        let issues = reading.issues.issues(replacing: fileWideIssues(reading, authority: builder.authority))
        // A reused template's warning already names the month it was made for.
        let reused = issues.contains { $0.code == IssueCatalog.periodTemplateMismatch.code }
        result.issues = issues + (reused ? [] : Self.nameMismatch(path: result.path, periods: result.periods))
        return result
    }

    /// The issues that speak once for the whole file instead of once per
    /// row, by the code of the rows' issues each takes the place of (nil:
    /// they go): every row of another region's (`authority-region`, naming
    /// the folder it belongs in), every row another department's indicator
    /// (`authority-folder`), or a template of another department, which
    /// `authority-department` already says once. Decided on the rows' keys,
    /// not on the issues kept, so that a file of 150 rows is one issue too.
    func fileWideIssues(_ reading: LayoutReading, authority: AuthorityCheck?) -> [String: Issue?] {
        guard let authority else { return [:] }
        var fileWide: [String: Issue?] = [:]
        let indicator = IssueCatalog.authorityIndicator.code
        if reading.issues.kept.contains(where: { $0.code == IssueCatalog.authorityDepartment.code }) {
            fileWide.updateValue(nil, forKey: indicator)
        } else if reading.keys.count >= 2, reading.keys.allSatisfy({ authority.mayNotReport(indicator: $0.indicator) })
        {
            fileWide[indicator] = authority.wrongDepartmentFile(reading.keys.map(\.indicator))
        }
        let region = IssueCatalog.authorityRegion.code
        if reading.keys.count >= 2, let first = reading.issues.kept.first(where: { $0.code == region }),
            reading.keys.allSatisfy({ authority.isForeign(region: $0.region) })
        {
            fileWide[region] = authority.foreignRegionsFile(
                reading.keys.map(\.region).uniqued(), rows: reading.keys.count, at: first.location)
        }
        return fileWide
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
