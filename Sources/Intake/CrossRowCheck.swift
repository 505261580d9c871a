import Catalog
import Vocabulary

/// Checks across rows: no two rows for the same region, indicator and
/// period (the layout's primary key).
enum CrossRowCheck {
    static func duplicates(_ keys: LayoutReading.RowKeys, into issues: inout IssueList) {
        // The first row of each key, by its index, in an open-addressing
        // table hashed by multiplication: for a million rows a Dictionary's
        // hashing cost more than all the rest of the check.
        let bits = max(4, (2 * keys.count).bitWidth - (2 * keys.count).leadingZeroBitCount)
        let mask = (1 << bits) - 1
        var firstIndex = [Int32](repeating: -1, count: 1 << bits)
        for index in keys.indices {
            let identity = keys.identity(at: index)
            var slot = Int(truncatingIfNeeded: Self.hash(identity) >> (64 - UInt64(bits))) & mask
            while firstIndex[slot] >= 0, keys.identity(at: Int(firstIndex[slot])) != identity {
                slot = (slot + 1) & mask
            }
            guard firstIndex[slot] >= 0 else {
                firstIndex[slot] = Int32(index)
                continue
            }
            let first = keys.row(at: Int(firstIndex[slot]))
            issues.append(code: IssueCatalog.primaryKey.code, severity: IssueCatalog.primaryKey.severity) {
                let key = keys[index]
                return IssueCatalog.primaryKey.issue(
                    at: key.location,
                    [
                        "row": String(key.row), "other": String(first), "region": key.region,
                        "indicator": key.indicator, "period": key.period.description,
                    ])
            }
        }
    }

    private static func hash(_ identity: LayoutReading.RowKeys.Identity) -> UInt64 {
        (UInt64(UInt32(bitPattern: identity.region)) &* 0x9E37_79B9_7F4A_7C15)
            ^ (UInt64(UInt32(bitPattern: identity.indicator)) &* 0xC2B2_AE3D_27D4_EB4F)
            ^ (UInt64(UInt32(bitPattern: identity.period)) &* 0x1656_67B1_9E37_79F9)
    }
}
