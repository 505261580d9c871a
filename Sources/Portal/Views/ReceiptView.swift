import Catalog
import Foundation
import Pipeline
import Reports

/// A receipt as the receipt page shows it: the outcome, the summary
/// sentence, and every issue with its place in the file.
enum ReceiptView {
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
        return values
    }

    static func submitterName(_ submitter: Submitter, catalog: Catalog) -> String {
        (catalog.region(code: submitter.region)?.name ?? submitter.region)
            + (catalog.department(code: submitter.department)?.name ?? submitter.department)
    }
}
