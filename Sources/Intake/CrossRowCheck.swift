import Catalog
import Vocabulary

/// Checks across rows: no two rows for the same region, indicator and
/// period (the layout's primary key).
enum CrossRowCheck {
    static func duplicates(_ keys: LayoutReading.RowKeys, into issues: inout IssueList) {
        var firstRow: [LayoutReading.RowKeys.Identity: Int] = [:]
        firstRow.reserveCapacity(keys.count)
        for index in keys.indices {
            let identity = keys.identity(at: index)
            guard let first = firstRow[identity] else {
                firstRow[identity] = keys.row(at: index)
                continue
            }
            let key = keys[index]
            issues.append(
                IssueCatalog.primaryKey.issue(
                    at: key.location,
                    [
                        "row": String(key.row), "other": String(first), "region": key.region,
                        "indicator": key.indicator, "period": key.period.description,
                    ]))
        }
    }
}
