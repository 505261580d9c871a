import Catalog
import Foundation
import Pipeline
import Reports

/// 报送记录: the submissions an account sees, newest first, a page at a
/// time, narrowed to a region (and those below it) or a department: a city
/// with a hundred offices finds any receipt, not only the latest page's.
enum HistoryView {
    static func values(
        _ entries: [SubmissionHistory.Entry], more: Bool, filter: SubmissionHistory.Filter, scope: AccessScope,
        catalog: Catalog
    ) -> [String: Any] {
        var values: [String: Any] = [
            "entries": entries.map { entry -> [String: Any] in
                var line = ReceiptView.values(entry, catalog: catalog)
                line["received"] = ReceiptTime.chinese(entry.version.receivedAt)
                return line
            },
            "empty": entries.isEmpty,
        ]
        // Departments see their own folder only: no choice to offer them.
        if scope.submitter == nil {
            values["filters"] = true
            let regions = catalog.regions.filter { $0.level != .town && scope.maySee(region: $0.code) }
            values["regions"] = regions.map {
                ["code": $0.code, "name": $0.name, "selected": $0.code == filter.region] as [String: Any]
            }
            values["departments"] = catalog.departments.map {
                ["code": $0.code, "name": $0.name, "selected": $0.code == filter.department] as [String: Any]
            }
        }
        if let older = olderQuery(entries, more: more, filter: filter) { values["older"] = "/history?" + older }
        return values
    }

    /// The query of the next, older page (the same filter, before this
    /// page's last version), or nil on the last page: for the page's link and `/api/history`'s `next`.
    static func olderQuery(_ entries: [SubmissionHistory.Entry], more: Bool, filter: SubmissionHistory.Filter)
        -> String?
    {
        guard more, let last = entries.last else { return nil }
        let query = [
            ("region", filter.region), ("department", filter.department), ("before", "\(last.version.id)"),
        ]
        return query.compactMap { name, value in
            value.map { "\(name)=" + ($0.addingPercentEncoding(withAllowedCharacters: .urlQueryValue) ?? "") }
        }
        .joined(separator: "&")
    }
}

extension CharacterSet {
    /// What a query value may hold as it is (RFC 3986 unreserved).
    fileprivate static let urlQueryValue = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
