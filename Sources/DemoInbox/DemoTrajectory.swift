import Catalog
import Foundation
import Vocabulary

/// The year-end figures of one region whose plans set targets (聊城市, or a
/// county with its own plan), for every reported indicator, steered toward
/// those targets: a stock grows to about its target, a flow's yearly total
/// lands at 90–110 % of it, a growth target moves its base figure, a share
/// or ratio target moves its numerator against its denominator.
struct DemoTrajectory {
    static let years = 2022...2027
    let catalog: Catalog
    let region: String
    /// Region size against a county: defaults scale by it (rates do not).
    let scale: Double
    private var anchors: [String: [Int: Double]] = [:]

    init(catalog: Catalog, region: String, scale: Double, indicators: [String]) {
        self.catalog = catalog
        self.region = region
        self.scale = scale
        for code in indicators { _ = yearEnds(code) }
    }

    /// The figure of `code` in `period` for the whole target region: the
    /// month's flow, or the level at month end.
    func figure(_ code: String, _ period: Period) -> Double {
        guard let indicator = catalog.indicator(code: code), let ends = anchors[code] else { return 0 }
        let year = ends[period.year] ?? 0
        if indicator.time == .flow {
            let seasonal = Self.season[period.month - 1] / Self.season.reduce(0, +)
            return year * seasonal * DemoRandom.uniform("\(region)|\(code)|\(period)", 0.93...1.07)
        }
        let previous = ends[period.year - 1] ?? year
        let level = previous + (year - previous) * Double(period.month) / 12
        if indicator.time == .cumulative { return level }
        return level * DemoRandom.uniform("\(region)|\(code)|\(period)", 0.997...1.003)
    }

    /// Busier at year end, quiet around the Spring Festival.
    static let season: [Double] = [0.8, 0.6, 0.9, 1.0, 1.0, 1.05, 0.95, 0.95, 1.0, 1.05, 1.15, 1.55]

    // MARK: Anchors

    private mutating func yearEnds(_ code: String) -> [Int: Double] {
        if let known = anchors[code] { return known }
        guard let indicator = catalog.indicator(code: code) else { return [:] }
        anchors[code] = [:]  // guards against a cycle while this one is computed
        var known: [Int: Double] = [:]
        // A numerator starts at its usual share of its denominator, so that growth and ratio targets agree.
        let bounding = boundingPart(of: code)
        let base = bounding.map { (yearEnds($0.0)[2023] ?? 0) * $0.1 } ?? defaultBase(indicator)
        for target in catalog.targets(region: region) where target.year > 2023 {
            guard let targeted = catalog.indicator(code: target.indicator),
                let value = anchor(for: target, of: targeted, reaching: code, base: base)
            else { continue }
            known[target.year] = known[target.year] ?? value
        }
        var ends: [Int: Double]
        if known.isEmpty, let (bound, ratio) = bounding {
            // Numerators without a target follow their denominator, staying under it.
            let denominator = yearEnds(bound)
            ends = [:]
            for year in Self.years { ends[year] = (denominator[year] ?? 0) * ratio * (1 + 0.04 * Double(year - 2023)) }
        } else {
            known[2023] = known[2023] ?? base
            ends = fill(known, indicator: indicator)
        }
        if let maximum = indicator.maximum { ends = ends.mapValues { min($0, maximum) } }
        ends = ends.mapValues { max($0, 0) }
        anchors[code] = ends
        return ends
    }

    /// The year-end figure of `code` that meets `target` (on `code` or on
    /// something computed from it) give or take a little.
    private mutating func anchor(for target: Target, of targeted: Indicator, reaching code: String, base: Double)
        -> Double?
    {
        let met = DemoRandom.uniform(
            "\(region)|\(target.plan)|\(target.indicator)|\(target.year)", Self.reach(target.op))
        let years = Double(target.year - 2023)
        switch targeted.method {
        case _ where target.indicator == code:
            let perYear = target.entry.since.map { Double(target.year - $0 + 1) } ?? 1
            return target.value / perYear * met
        case .growth(let of, let baseYear, let annualised) where of == code && baseYear == 2023:
            let growth = target.value / 100 * met
            return base * (annualised ? pow(1 + growth, years) : 1 + growth)
        case .share(let numerator, let denominator) where numerator == code:
            return (yearEnds(denominator)[target.year] ?? 0) * target.value / 100 * met
        case .ratio(let numerator, let denominator) where numerator == code:
            return (yearEnds(denominator)[target.year] ?? 0) * target.value * met
        default:
            return nil
        }
    }

    /// How far a region gets: most targets met, some a little behind.
    static func reach(_ op: TargetOperator) -> ClosedRange<Double> {
        switch op {
        case .atMost: 0.85...1.05
        case .about: 0.95...1.05
        case .equal: 0.97...1.0
        default: 0.9...1.1
        }
    }

    /// The denominator (or rule bound) an untargeted numerator follows, and its share of it.
    private func boundingPart(of code: String) -> (String, Double)? {
        for indicator in catalog.indicators {
            switch indicator.method {
            case .share(let numerator, let denominator) where numerator == code:
                return (denominator, DemoRandom.uniform("share|\(code)", 0.35...0.6))
            case .ratio(let numerator, let denominator) where numerator == code:
                return (denominator, DemoRandom.uniform("ratio|\(code)", 0.4...0.6))
            default: continue
            }
        }
        for rule in catalog.rules where rule.indicator == code {
            if case .atMost(let bound) = rule.kind { return (bound, DemoRandom.uniform("bound|\(code)", 0.3...0.5)) }
        }
        return nil
    }

    /// Every year of `years` from the known ones: straight lines between
    /// them, the indicator's usual growth before the first and after the last.
    private func fill(_ known: [Int: Double], indicator: Indicator) -> [Int: Double] {
        let growth = Self.usualGrowth[indicator.code] ?? (indicator.time == .flow ? 0.06 : 0.1)
        let sorted = known.keys.sorted()
        var ends: [Int: Double] = [:]
        for year in Self.years {
            if let value = known[year] {
                ends[year] = value
            } else if let next = sorted.first(where: { $0 > year }), let last = sorted.last(where: { $0 < year }) {
                let share = Double(year - last) / Double(next - last)
                ends[year] = known[last]! + (known[next]! - known[last]!) * share
            } else if let last = sorted.last(where: { $0 < year }) {
                ends[year] = step(known[last]!, years: year - last, growth: growth, rate: indicator.time == .rate)
            } else {
                let next = sorted.first!
                ends[year] = step(known[next]!, years: year - next, growth: growth, rate: indicator.time == .rate)
            }
        }
        return ends
    }

    /// A rate moves by points, a count by a share of itself.
    private func step(_ value: Double, years: Int, growth: Double, rate: Bool) -> Double {
        rate ? value + 2.5 * Double(years) : value * pow(1 + growth, Double(years))
    }

    static let usualGrowth: [String: Double] = [
        "townships": 0, "crop_sown_area": 0, "diesel_trucks_nonop_g3": -0.3, "diesel_trucks_op_g3": -0.3,
        "nev_stock": 0.25, "public_chargers": 0.25,
    ]

    /// The 2023 figure of an indicator with no target that year: a
    /// county-sized default by unit, varied per indicator, times `scale`.
    private func defaultBase(_ indicator: Indicator) -> Double {
        let vary = DemoRandom.uniform("base|\(indicator.code)", 0.6...1.6)
        if indicator.time == .rate { return DemoRandom.uniform("rate|\(indicator.code)", 45...70) }
        if let known = Self.countyBase[indicator.code] { return known * scale }
        let perUnit: Double =
            switch (indicator.unit, indicator.time) {
            case ("万元", _): 150_000
            case ("辆", .stock): 15_000
            case ("辆", _): 2_500
            case ("台", _): 1_500
            case ("吨标准煤", _): 1_200_000
            case ("吨", _): 40_000
            case ("万吨/日", _): 4
            case ("亩", _): 900_000
            case ("平方米", _): 120_000
            case ("公里", _): 25
            case ("PFLOPS", _): 40
            case (_, .cumulative): 12
            case (_, .stock): 250
            default: 60
            }
        return perUnit * vary * scale
    }

    static let countyBase: [String: Double] = [
        "industrial_output": 4_000_000, "gdp": 3_500_000, "industrial_enterprises": 320, "townships": 14,
        "crop_sown_area": 1_100_000, "buses": 260, "new_buses": 40,
    ]
}
