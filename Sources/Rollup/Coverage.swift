import Vocabulary

/// A county (or a region's own report) and a month: one report a figure
/// counts or should count.
public struct RegionMonth: Hashable, Comparable, Sendable {
    public var region: String
    public var period: Period

    public init(region: String, period: Period) {
        self.region = region
        self.period = period
    }

    public static func < (lhs: RegionMonth, rhs: RegionMonth) -> Bool {
        (lhs.region, lhs.period) < (rhs.region, rhs.period)
    }
}

/// Which of the reports a figure should be made of it counts: the regions
/// it is made of (a city's counties, the province's cities) expected to
/// report, those with every month in, and the county-months missing.
///
/// A county is expected for an indicator once it has reported it (itself
/// or through its towns) in any month, and a month once anyone has
/// reported the indicator for it or earlier; a report that was rejected
/// and never corrected counts as missing, like one never sent.
public struct Coverage: Equatable, Sendable {
    /// The parts expected, sorted by code.
    public var expected: [String]
    /// Of `expected`, those with every expected month counted.
    public var complete: [String]
    /// The county-months expected and not counted, sorted.
    public var missing: [RegionMonth]
    /// For a growth: only the county-months present in both years were
    /// compared, and `missing` lists those left out on either side.
    public var matchedMonths: Bool

    public init(expected: [String], complete: [String], missing: [RegionMonth], matchedMonths: Bool = false) {
        self.expected = expected
        self.complete = complete
        self.missing = missing
        self.matchedMonths = matchedMonths
    }

    /// True when some expected report is not counted.
    public var isPartial: Bool { !missing.isEmpty }

    /// What a reader sees, e.g. `覆盖 10/11 区县 · 缺 临清市 2026-08`, or
    /// `覆盖 11/11 区县` when complete; a growth adds that it compares the
    /// months both years have. At most `listed` gaps are named.
    public func text(parts noun: String, name: (String) -> String, listed: Int = 6) -> String {
        var text = "覆盖 \(complete.count)/\(expected.count) \(noun)"
        if isPartial {
            var byRegion: [(String, [Period])] = []
            for gap in missing {
                if byRegion.last?.0 == gap.region {
                    byRegion[byRegion.count - 1].1.append(gap.period)
                } else {
                    byRegion.append((gap.region, [gap.period]))
                }
            }
            let named = byRegion.prefix(listed).map { region, months in
                "\(name(region)) " + months.map(\.description).joined(separator: "、")
            }
            text += " · 缺 " + named.joined(separator: "；")
            if byRegion.count > listed { text += " 等\(byRegion.count)地" }
            if matchedMonths { text += " · 仅比较两年均有的月份" }
        }
        return text
    }
}
