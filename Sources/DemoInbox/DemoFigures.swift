import Catalog
import Foundation
import Vocabulary

/// Who reports what in the demo inbox, and the figure each reporter gives
/// for each month: 聊城市's counties and development zones share the city's
/// trajectory by weight, 嘉祥县, 乳山市 and 薛城区 follow their own plans,
/// and 聊城市's departments report their own city figure.
struct DemoFigures {
    static let city = "371500"
    static let ownPlanCounties = ["370829", "371083", "370403"]
    /// Each 聊城 unit's share of the city's counts (counties heavier than zones).
    static let cityShares: [String: Double] = [
        "371502": 0.16, "371503": 0.11, "371521": 0.10, "371522": 0.10, "371524": 0.07, "371525": 0.09,
        "371526": 0.08, "371581": 0.11, "371500-L01": 0.08, "371500-L02": 0.06, "371500-L03": 0.04,
    ]

    let catalog: Catalog
    /// Per plan region (聊城市 or a county with its own plan): the reported
    /// indicators its targets depend on.
    let relevant: [String: Set<String>]
    private let trajectories: [String: DemoTrajectory]
    /// Indicator → the indicator it is part of: share numerators and at-most rules.
    private let bounds: [String: String]

    init(catalog: Catalog) {
        self.catalog = catalog
        var bounds: [String: String] = [:]
        for indicator in catalog.indicators {
            if case .share(let numerator, let denominator) = indicator.method { bounds[numerator] = denominator }
        }
        for rule in catalog.rules {
            if case .atMost(let bound) = rule.kind { bounds[rule.indicator] = bound }
        }
        self.bounds = bounds
        var relevant: [String: Set<String>] = [:]
        var trajectories: [String: DemoTrajectory] = [:]
        for (region, scale) in [(Self.city, 10.0)] + Self.ownPlanCounties.map({ ($0, 1.0) }) {
            var codes = Set<String>()
            func collect(_ code: String, depth: Int = 0) {
                guard depth < 8, let indicator = catalog.indicator(code: code) else { return }
                if !indicator.method.isComputed { codes.insert(code) }
                for part in indicator.method.parts { collect(part, depth: depth + 1) }
            }
            for target in catalog.targets where catalog.isWithin(region: target.region, ancestor: region) {
                collect(target.indicator)
            }
            relevant[region] = codes
            trajectories[region] = DemoTrajectory(
                catalog: catalog, region: region, scale: scale, indicators: codes.sorted())
        }
        self.relevant = relevant
        self.trajectories = trajectories
    }

    /// The region whose plans steer `region`'s figures: itself, or 聊城市 for its units.
    static func planRegion(of region: String) -> String {
        cityShares[region] == nil ? region : city
    }

    /// Every reporting region: 聊城市 itself, its units, the three counties.
    var regions: [Region] {
        let units = catalog.children(of: Self.city).filter { Self.cityShares[$0.code] != nil }
        return [catalog.region(code: Self.city)!] + units + Self.ownPlanCounties.map { catalog.region(code: $0)! }
    }

    /// The department that answers for `code` in a region of `level`: its
    /// lead when the lead reports it there, else the first that does.
    func reporter(of code: String, atLevel level: RegionLevel) -> String? {
        let able = catalog.departments.filter { $0.levels.contains(level) && $0.indicators.contains(code) }
        let lead = catalog.indicator(code: code)?.lead
        return (able.first { $0.code == lead } ?? able.first)?.code
    }

    /// Departments reporting in `region`, each with the indicators it answers for there (catalog order).
    func reporters(in region: Region) -> [(department: String, indicators: [String])] {
        let level = region.level
        var byDepartment: [String: [String]] = [:]
        let relevant = self.relevant[Self.planRegion(of: region.code)] ?? []
        for indicator in catalog.indicators
        where relevant.contains(indicator.code)
            && catalog.canReport(indicator: indicator.code, atLevel: level)
        {
            if let department = reporter(of: indicator.code, atLevel: level) {
                byDepartment[department, default: []].append(indicator.code)
            }
        }
        return catalog.departments.compactMap { department in
            byDepartment[department.code].map { (department.code, $0) }
        }
    }

    /// The figure `region` reports for `code` in `period`, rounded as people write it.
    func figure(_ code: String, region: String, period: Period) -> Double {
        guard let indicator = catalog.indicator(code: code) else { return 0 }
        let raw: Double
        if let own = trajectories[region], region != Self.city || !isReportedByUnits(code) {
            raw = own.figure(code, period)
        } else if region == Self.city {
            raw = cityOwnFigure(indicator, period)
        } else {
            raw = unitFigure(indicator, region: region, period: period)
        }
        var value = Self.rounded(min(raw, indicator.maximum ?? .infinity), indicator: indicator)
        // A part never exceeds its whole, month by month (the catalog's at-most rules).
        if let whole = bounds[code] { value = min(value, figure(whole, region: region, period: period)) }
        return value
    }

    private func isReportedByUnits(_ code: String) -> Bool {
        catalog.canReport(indicator: code, atLevel: .county)
    }

    /// A 聊城 unit's share of the city, or for a rate the city's rate give or take a few points.
    private func unitFigure(_ indicator: Indicator, region: String, period: Period) -> Double {
        let city = trajectories[Self.city]!.figure(indicator.code, period)
        if indicator.time == .rate {
            let offset = DemoRandom.uniform("offset|\(region)|\(indicator.code)", -6...6)
            return min(city + offset, indicator.maximum ?? .infinity)
        }
        return city * (Self.cityShares[region] ?? 0)
    }

    /// What 聊城市's department reports: the sum of its units, now and then
    /// a little off (its own count), and its own rate for rates.
    private func cityOwnFigure(_ indicator: Indicator, _ period: Period) -> Double {
        if indicator.time == .rate { return trajectories[Self.city]!.figure(indicator.code, period) }
        let units = Self.cityShares.keys.sorted()
            .filter { catalog.canReport(indicator: indicator.code, atLevel: catalog.region(code: $0)!.level) }
        let sum = units.map { Self.rounded(unitFigure(indicator, region: $0, period: period), indicator: indicator) }
            .reduce(0, +)
        var random = DemoRandom("city-own|\(indicator.code)|\(period)")
        return random.uniform(0...1) < 0.12 ? sum * random.uniform(0.96...1.04) : sum
    }

    /// Whole numbers for counts, one decimal for rates, two for amounts.
    static func rounded(_ value: Double, indicator: Indicator) -> Double {
        let places = decimals(indicator.unit)
        let factor = pow(10, Double(places))
        return (max(value, 0) * factor).rounded() / factor
    }

    static func decimals(_ unit: String) -> Int {
        switch unit {
        case "%", "比值": 1
        case "万元", "吨", "吨标准煤", "亩", "平方米", "公里", "PFLOPS", "吨标准煤/万元": 2
        default: 0
        }
    }
}
