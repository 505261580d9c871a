import Catalog
import Foundation
import Pipeline
import Reports
import Vocabulary

/// A receipt as the receipt page shows it: the outcome, the summary
/// sentence, every issue with its place in the file, and the figures it
/// counts with their cells (导入明细, as the receipt workbook lists them).
enum ReceiptView {
    /// A records file may count a million figures: the page lists the first ones, the workbook all.
    static let figuresShown = 500

    static func values(_ entry: SubmissionHistory.Entry, catalog: Catalog) -> [String: Any] {
        let version = entry.version
        var values: [String: Any] = [
            "id": version.id, "fileName": InboxFile.fileName(of: version.path), "path": version.path,
            "sha256": version.sha256, "size": version.size, "receivedAt": ReceiptTime.chinese(version.receivedAt),
            "submitter": submitterName(version.submitter, catalog: catalog),
            "periods": version.periods.map(\.description).joined(separator: "、"),
            "superseded": version.status == .superseded,
        ]
        guard let receipt = entry.receipt else {
            values["pending"] = true
            return values
        }
        values["outcome"] = receipt.outcome.rawValue
        values["outcomeChinese"] = receipt.outcome.chinese
        values["summary"] = receipt.summaryChinese
        values["observations"] = receipt.observations
        values["errors"] = receipt.errorCount
        values["warnings"] = receipt.warningCount
        values["issues"] = receipt.issues.map { issue -> [String: Any] in
            [
                "severity": issue.severity.rawValue, "severityChinese": issue.levelChinese, "code": issue.code,
                "place": issue.location.chinese, "message": issue.messageWithConfirmationZh, "english": issue.messageEn,
            ]
        }
        values["hasIssues"] = !receipt.issues.isEmpty
        values["figures"] = receipt.figures.prefix(figuresShown).map { figure -> [String: Any] in
            let unit = figure.unit.map { " " + $0 } ?? ""
            let written = [figure.writtenValue, figure.writtenUnit].compactMap { $0 }.joined(separator: " ")
            return [
                "place": IssueLocation(sheet: figure.sheet, a1: figure.cell).chinese,
                "indicator": catalog.indicator(code: figure.indicator)?.name ?? figure.indicator,
                "code": figure.indicator, "region": catalog.region(code: figure.region)?.name ?? figure.region,
                "period": figure.period, "written": written, "value": FigureText.of(figure.value) + unit,
                "status": ReceiptWorkbook.figureStatus(figure, receipt: receipt), "changed": figure.change == .changed,
            ]
        }
        values["hasFigures"] = !receipt.figures.isEmpty
        values["figureCount"] = receipt.figures.count
        values["figuresCut"] = receipt.figures.count > figuresShown
        values["figuresShown"] = figuresShown
        return values
    }

    static func submitterName(_ submitter: Submitter, catalog: Catalog) -> String {
        (catalog.region(code: submitter.region)?.name ?? submitter.region)
            + (catalog.department(code: submitter.department)?.name ?? submitter.department)
    }
}
