import Catalog
import Vocabulary

/// Checks across rows: no two rows for the same region, indicator and
/// period (the layout's primary key).
enum CrossRowCheck {
    static func duplicates(_ keys: [LayoutReading.RowKey]) -> [Issue] {
        struct Key: Hashable { var region: String, indicator: String, period: Period }
        var firstRow: [Key: Int] = [:]
        var issues: [Issue] = []
        for key in keys {
            let identity = Key(region: key.region, indicator: key.indicator, period: key.period)
            guard let first = firstRow[identity] else {
                firstRow[identity] = key.row
                continue
            }
            issues.append(
                IssueCatalog.primaryKey.issue(
                    at: key.location,
                    [
                        "row": String(key.row), "other": String(first), "region": key.region,
                        "indicator": key.indicator, "period": key.period.description,
                    ]))
        }
        return issues
    }
}
