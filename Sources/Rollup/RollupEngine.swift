import Catalog
import Foundation
import Ledger
import Vocabulary

/// Figures of any region for any indicator, period and span, computed from
/// the reports counted now by each indicator's method.
///
/// A county's figure is its own report, or — when it sent none for that
/// indicator and month — the sum of its towns' reports (a figure for a town
/// rolls into its county; the county's own total wins so nothing is counted
/// twice). A city's figure comes from its counties and local units, the
/// province's from the counties of all its cities. Over regions:
/// - `sum`: added up; over time a flow sums its months, a stock or a
///   cumulative count takes the value at the period's end;
/// - `ratio`, `share`: the numerator's figure over the denominator's, both
///   summed first — never an average of the counties' ratios;
/// - `weighted`: Σ rate × weight / Σ weight over the regions (and, when the
///   weight is a flow, over the span's months);
/// - `growth`: the figure over the figure of the same months of the base
///   year (year to date against the same months), annualised as
///   ((now / base)^(1/years) − 1) × 100 where the catalog says so — over
///   the county-months present in both years only.
///
/// A rate's figure over months is its last month's or the months' mean
/// (`RateTime`). Every figure says which expected reports it lacks
/// (`Coverage`) and whether its value is plausible (finite, in range).
public struct RollupEngine: Sendable {
    public let catalog: Catalog
    /// indicator → region → period → the report counted (the latest version's).
    private let reports: CountedFigures
    /// indicator → county → towns of that county with reports for it.
    private let townsByCounty: [String: [String: [String]]]
    /// indicator → the regions that have reported it in some month, each
    /// with its county: who is expected to report it.
    private let reporters: [String: Set<String>]
    /// indicator → the first month anyone reported it: no month before is expected.
    private let firstMonth: [String: Period]
    /// Every period some report names, oldest first.
    public let periods: [Period]
    /// Cities some report lies in (their counties, towns or the city itself).
    public let citiesWithData: Set<String>
    /// When the latest report counted was received: the ledger's as-of time.
    public let asOf: Date?
    /// Province → its cities, city → its counties and local units, in order.
    private let partsIndex: [String: [Region]]

    /// The engine over the reports the ledger counts now, read from `ledger`
    /// one at a time (a province's years of figures are not held twice).
    public init(catalog: Catalog, ledger: LedgerReader) throws {
        self.catalog = catalog
        var reports = CountedFigures()
        var towns: [String: [String: Set<String>]] = [:]
        var reporters: [String: Set<String>] = [:]
        var firstMonth: [String: Period] = [:]
        var periods = Set<Period>()
        var cities = Set<String>()
        // Region → the county it lies below (none for a county itself) and its city, looked up once per region.
        var places: [String: (county: String?, city: String?)] = [:]
        func place(of region: String) -> (county: String?, city: String?) {
            if let known = places[region] { return known }
            let county = Self.ancestor(of: region, at: [.county, .local], in: catalog)
            let found = (
                county: county == region ? nil : county, city: Self.ancestor(of: region, at: [.city], in: catalog)
            )
            places[region] = found
            return found
        }
        try ledger.eachCountedReport { report in
            let observation = report.observation
            let (indicator, region, period) = (observation.indicator, observation.region, observation.period)
            reports.add(report)
            periods.insert(period)
            reporters[indicator, default: []].insert(region)
            firstMonth[indicator] = min(firstMonth[indicator] ?? period, period)
            let place = place(of: region)
            if let county = place.county {
                towns[indicator, default: [:]][county, default: []].insert(region)
                reporters[indicator, default: []].insert(county)
            }
            if let city = place.city { cities.insert(city) }
        }
        self.reports = reports
        self.townsByCounty = towns.mapValues { $0.mapValues { $0.sorted() } }
        self.reporters = reporters
        self.firstMonth = firstMonth
        self.periods = periods.sorted()
        self.citiesWithData = cities
        self.asOf = try ledger.countedAsOf()
        var parts: [String: [Region]] = [:]
        for region in catalog.regions where region.level != .town && region.level != .province {
            if let parent = region.parentCode { parts[parent, default: []].append(region) }
        }
        self.partsIndex = parts.mapValues(Self.reportingOrder)
    }

    // MARK: Regions

    /// The regions a region's figure is made of: a city's counties and
    /// local units (national codes first), the province's cities; none below.
    public func parts(of region: String) -> [Region] {
        switch catalog.region(code: region)?.level {
        case .province, .city: partsIndex[region] ?? []
        case .county, .local, .town, nil: []
        }
    }

    /// A city's county-level regions in reporting order.
    static func counties(of city: String, in catalog: Catalog) -> [Region] {
        reportingOrder(catalog.children(of: city).filter { $0.level == .county || $0.level == .local })
    }

    /// National codes in code order, then local units.
    private static func reportingOrder(_ regions: [Region]) -> [Region] {
        regions.sorted { a, b in
            let (localA, localB) = (Region.isLocalCode(a.code), Region.isLocalCode(b.code))
            return localA == localB ? a.code < b.code : localB
        }
    }

    /// `code` itself or its nearest ancestor whose level is one of `levels`.
    static func ancestor(of code: String, at levels: Set<RegionLevel>, in catalog: Catalog) -> String? {
        var current = catalog.region(code: code)
        for _ in 0..<8 {
            guard let region = current else { return nil }
            if levels.contains(region.level) { return region.code }
            current = region.parentCode.flatMap(catalog.region(code:))
        }
        return nil
    }

    // MARK: Figures

    /// The region's figure made from the regions below it (for a county:
    /// its own report or its towns'); nil when nothing was reported.
    /// `withSources: false` leaves the figure's regions and sources empty,
    /// which long series (a trend over years) do not show and need not pay for.
    public func figure(
        _ indicator: String, region: String, period: Period, span: FigureSpan,
        withSources: Bool = true
    ) -> RegionFigure? {
        finished(
            indicator,
            compute(
                indicator, scope: scope(of: region, withSources: withSources), period: period,
                span: span, depth: 0))
    }

    /// The figure from the region's own reports only — what the city
    /// department reported directly, to set beside its counties' sum.
    public func reportedFigure(
        _ indicator: String, region: String, period: Period, span: FigureSpan,
        withSources: Bool = true
    ) -> RegionFigure? {
        finished(
            indicator,
            compute(
                indicator,
                scope: Scope(
                    groups: [.init(label: region, counties: [region], own: true)],
                    keepsSources: withSources),
                period: period, span: span, depth: 0))
    }

    /// The figure from the regions below, or — when none of them reported —
    /// the region's own report: what a summary shows for the region.
    public func figureOrReport(
        _ indicator: String, region: String, period: Period, span: FigureSpan,
        withSources: Bool = true
    ) -> RegionFigure? {
        figure(indicator, region: region, period: period, span: span, withSources: withSources)
            ?? reportedFigure(indicator, region: region, period: period, span: span, withSources: withSources)
    }

    /// How a rate's figure over several months is read: as written in the
    /// catalog, else the mean over the months when its weight is a flow
    /// (output, water supplied: every month counts for its share) and the
    /// last month's value otherwise (a rate of enterprises, schools or
    /// classrooms is where the stock stands).
    public func rateTime(of code: String) -> RateTime {
        guard let indicator = catalog.indicator(code: code) else { return .end }
        if let written = indicator.rateTime { return written }
        if case .weighted(let weight) = indicator.method, catalog.indicator(code: weight)?.time == .flow {
            return .average
        }
        return .end
    }

    /// The figure as a reader gets it: sorted, with its coverage, and marked
    /// implausible when not finite or outside the indicator's range.
    private func finished(_ code: String, _ accumulated: Accumulated?) -> RegionFigure? {
        guard let accumulated else { return nil }
        var figure = accumulated.figure
        figure.isPlausible = figure.value.isFinite && catalog.indicator(code: code)?.accepts(figure.value) != false
        return figure
    }

    /// Which reports make a region's figure: groups of counties, each
    /// named by the region it counts for.
    private struct Scope {
        struct Group {
            let label: String
            /// The counties whose reports count; for `own`, the label region itself.
            let counties: [String]
            /// Read the label region's own reports instead of counties' or towns'.
            let own: Bool
        }
        let groups: [Group]
        /// Whether figures list their regions and sources.
        let keepsSources: Bool
        /// When set, only these county × month-of-year count: the months a
        /// growth finds in both years.
        var sameMonths: Set<MonthOfYear>? = nil
        /// When set, only these county-months count: those a ratio or share
        /// has both its numerator and its denominator for.
        var bothParts: Set<RegionMonth>? = nil

        func counts(_ slot: Slot) -> Bool {
            sameMonths?.contains(slot.monthOfYear) != false && bothParts?.contains(slot.regionMonth) != false
        }
    }

    /// A county and a month of any year, to pair a month with the base year's.
    private struct MonthOfYear: Hashable {
        let county: String
        let month: Int
    }

    /// One county-month a figure counts or should count, with the group it counts for.
    private struct Slot: Hashable {
        let group: String
        let county: String
        let period: Period

        var monthOfYear: MonthOfYear { MonthOfYear(county: county, month: period.month) }
        var regionMonth: RegionMonth { RegionMonth(region: county, period: period) }
    }

    private func scope(of region: String, withSources: Bool) -> Scope {
        let groups: [Scope.Group]
        switch catalog.region(code: region)?.level {
        case .province:
            groups = parts(of: region).map { city in
                .init(label: city.code, counties: parts(of: city.code).map(\.code), own: false)
            }
        case .city: groups = parts(of: region).map { .init(label: $0.code, counties: [$0.code], own: false) }
        case .county, .local: groups = [.init(label: region, counties: [region], own: false)]
        case .town, nil: groups = [.init(label: region, counties: [region], own: true)]
        }
        return Scope(groups: groups, keepsSources: withSources)
    }

    /// The reports of `indicator` for `month` that count for `county` of
    /// `group`, with the region each is for: its own, or its towns' when it sent none.
    private func reportsFor(_ group: Scope.Group, county: String, _ indicator: String, _ month: Period)
        -> [(region: String, figure: CountedFigures.Figure)]
    {
        guard let byRegion = reports.figures(of: indicator) else { return [] }
        if let own = byRegion[county]?[month] { return [(county, own)] }
        if group.own { return [] }
        return (townsByCounty[indicator]?[county] ?? []).compactMap { town in byRegion[town]?[month].map { (town, $0) }
        }
    }

    /// Whether `county` is expected to report `indicator` for `month`.
    private func expects(_ indicator: String, county: String, _ month: Period) -> Bool {
        guard let first = firstMonth[indicator], month >= first else { return false }
        return reporters[indicator]?.contains(county) == true
    }

    /// A value with the regions, reports and county-months behind it, before sorting.
    private struct Accumulated {
        var value: Double = 0
        var regions: Set<String> = []
        var sources: [FigureSource] = []
        /// Reports used, counted even when their sources are not kept.
        var reports = 0
        /// County-months the figure should count, and of them those it lacks.
        var expected: Set<Slot> = []
        var missing: Set<Slot> = []
        var matchedMonths = false

        /// Adds one report's region and source (made by `source`), when the scope keeps them.
        mutating func note(region: String, in scope: Scope, source: () -> FigureSource) {
            reports += 1
            guard scope.keepsSources else { return }
            regions.insert(region)
            sources.append(source())
        }

        /// Counts `slot` as expected, and as missing unless `present`.
        mutating func expect(_ slot: Slot, present: Bool) {
            expected.insert(slot)
            if !present { missing.insert(slot) }
        }

        /// The slots counted.
        var present: Set<Slot> { expected.subtracting(missing) }

        func combined(with other: Accumulated, value: Double) -> Accumulated {
            Accumulated(
                value: value, regions: regions.union(other.regions), sources: sources + other.sources,
                reports: reports + other.reports, expected: expected.union(other.expected),
                missing: missing.union(other.missing), matchedMonths: matchedMonths || other.matchedMonths)
        }

        var figure: RegionFigure {
            let groups = Set(expected.map(\.group))
            let incomplete = Set(missing.map(\.group))
            let coverage = Coverage(
                expected: groups.sorted(), complete: groups.subtracting(incomplete).sorted(),
                missing: Set(missing.map { RegionMonth(region: $0.county, period: $0.period) }).sorted(),
                matchedMonths: matchedMonths)
            return RegionFigure(value: value, regions: regions.sorted(), sources: sources.sorted(), coverage: coverage)
        }
    }

    private func compute(_ code: String, scope: Scope, period: Period, span: FigureSpan, depth: Int) -> Accumulated? {
        // The catalog check refuses cycles; the bound keeps a broken catalog from recursing forever.
        guard depth < 8, let indicator = catalog.indicator(code: code) else { return nil }
        switch indicator.method {
        case .sum:
            let first = indicator.time == .flow ? span.start(endingAt: period) : period
            return total(code, scope: scope, from: first, to: period)
        case .weighted(let weight):
            let first = rateTime(of: code) == .average ? span.start(endingAt: period) : period
            return weightedMean(code, weight: weight, scope: scope, from: first, to: period)
        case .ratio(let numerator, let denominator):
            return quotient(numerator, denominator, scale: 1, scope: scope, period: period, span: span, depth: depth)
        case .share(let numerator, let denominator):
            return quotient(numerator, denominator, scale: 100, scope: scope, period: period, span: span, depth: depth)
        case .growth(let of, let baseYear, let annualised):
            return growth(
                of, baseYear: baseYear, annualised: annualised, scope: scope, period: period, span: span,
                depth: depth)
        }
    }

    /// Growth compares like with like: a month with the same month, a year
    /// to date with the same months of the base year — and of those, only
    /// the county-months reported in both years, so that a month missing
    /// now (or then) is left out on both sides instead of read as a fall.
    private func growth(
        _ of: String, baseYear: Int, annualised: Bool, scope: Scope, period: Period, span: FigureSpan,
        depth: Int
    ) -> Accumulated? {
        let like: FigureSpan = span == .month ? .month : .yearToDate
        let basePeriod = period.sameMonth(inYear: baseYear)
        guard period.year >= baseYear,
            let nowAll = compute(of, scope: scope, period: period, span: like, depth: depth + 1),
            let thenAll = compute(of, scope: scope, period: basePeriod, span: like, depth: depth + 1)
        else { return nil }
        let matching = Set(nowAll.present.map(\.monthOfYear)).intersection(thenAll.present.map(\.monthOfYear))
        var paired = scope
        paired.sameMonths = matching
        guard !matching.isEmpty,
            let now = compute(of, scope: paired, period: period, span: like, depth: depth + 1),
            let then = compute(of, scope: paired, period: basePeriod, span: like, depth: depth + 1),
            then.value > 0, now.value >= 0
        else { return nil }
        let ratio = now.value / then.value
        let years = Double(max(1, period.year - baseYear))
        let value = annualised ? (pow(ratio, 1 / years) - 1) * 100 : (ratio - 1) * 100
        var result = now.combined(with: then, value: value)
        // Coverage of both years as first found; what was left out to pair them is missing.
        result.expected = nowAll.expected.union(thenAll.expected)
        result.missing = result.expected.filter { !matching.contains($0.monthOfYear) }
        result.matchedMonths = true
        return result
    }

    /// numerator / denominator × scale, each summed over the scope first —
    /// over the county-months that have both, so that a county reporting
    /// upgraded clinics but not its clinics cannot push a share past 100 %.
    private func quotient(
        _ numerator: String, _ denominator: String, scale: Double, scope: Scope, period: Period,
        span: FigureSpan, depth: Int
    ) -> Accumulated? {
        guard let topAll = compute(numerator, scope: scope, period: period, span: span, depth: depth + 1),
            let bottomAll = compute(denominator, scope: scope, period: period, span: span, depth: depth + 1)
        else { return nil }
        let both = Set(topAll.present.map(\.regionMonth)).intersection(bottomAll.present.map(\.regionMonth))
        var paired = scope
        paired.bothParts = scope.bothParts.map { $0.intersection(both) } ?? both
        let pairs = both != Set(topAll.present.map(\.regionMonth)) || both != Set(bottomAll.present.map(\.regionMonth))
        guard
            let top = pairs ? compute(numerator, scope: paired, period: period, span: span, depth: depth + 1) : topAll,
            let bottom = pairs
                ? compute(denominator, scope: paired, period: period, span: span, depth: depth + 1)
                : bottomAll,
            bottom.value != 0
        else { return nil }
        var result = top.combined(with: bottom, value: top.value / bottom.value * scale)
        result.expected = topAll.expected.union(bottomAll.expected)
        result.missing = result.expected.filter { !both.contains($0.regionMonth) }
        return result
    }

    /// Calls `body` with every county-month of the scope from `first` to
    /// `last` that counts (the pairings of a growth or a quotient allowing), and its group.
    private func eachSlot(
        _ scope: Scope, from first: Period, to last: Period,
        _ body: (Scope.Group, Slot) -> Void
    ) {
        var month = first
        while month <= last {
            for group in scope.groups {
                for county in group.counties {
                    let slot = Slot(group: group.label, county: county, period: month)
                    if scope.counts(slot) { body(group, slot) }
                }
            }
            month = month.advanced(by: 1)
        }
    }

    private func total(_ code: String, scope: Scope, from first: Period, to last: Period) -> Accumulated? {
        var result = Accumulated()
        eachSlot(scope, from: first, to: last) { group, slot in
            let found = reportsFor(group, county: slot.county, code, slot.period)
            if expects(code, county: slot.county, slot.period) { result.expect(slot, present: !found.isEmpty) }
            for (region, figure) in found {
                result.value += figure.value
                result.note(region: group.label, in: scope) {
                    reports.source(of: figure, indicator: code, region: region, period: slot.period)
                }
            }
        }
        return result.reports == 0 ? nil : result
    }

    private func weightedMean(_ code: String, weight: String, scope: Scope, from first: Period, to last: Period)
        -> Accumulated?
    {
        var weighted = 0.0
        var weights = 0.0
        var result = Accumulated()
        eachSlot(scope, from: first, to: last) { group, slot in
            var present = false
            for (region, rate) in reportsFor(group, county: slot.county, code, slot.period) {
                // A rate without its weight cannot be placed in the mean.
                guard let w = reports.figure(weight, region: region, period: slot.period) else { continue }
                weighted += rate.value * w.value
                weights += w.value
                result.note(region: group.label, in: scope) {
                    reports.source(of: rate, indicator: code, region: region, period: slot.period)
                }
                result.note(region: group.label, in: scope) {
                    reports.source(of: w, indicator: weight, region: region, period: slot.period)
                }
                present = true
            }
            if expects(code, county: slot.county, slot.period) { result.expect(slot, present: present) }
        }
        guard weights > 0 else { return nil }
        result.value = weighted / weights
        return result
    }
}
