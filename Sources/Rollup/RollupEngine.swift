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
///   ((now / base)^(1/years) − 1) × 100 where the catalog says so.
public struct RollupEngine: Sendable {
    public let catalog: Catalog
    /// indicator → region → period → the report counted (the latest version's).
    private let reports: [String: [String: [Period: SourcedObservation]]]
    /// indicator → county → towns of that county with reports for it.
    private let townsByCounty: [String: [String: [String]]]
    /// Every period some report names, oldest first.
    public let periods: [Period]
    /// Cities some report lies in (their counties, towns or the city itself).
    public let citiesWithData: Set<String>
    /// Province → its cities, city → its counties and local units, in order.
    private let partsIndex: [String: [Region]]

    public init(catalog: Catalog, observations: [SourcedObservation]) {
        self.catalog = catalog
        var reports: [String: [String: [Period: SourcedObservation]]] = [:]
        var towns: [String: [String: Set<String>]] = [:]
        var periods = Set<Period>()
        var cities = Set<String>()
        for sourced in observations {
            let observation = sourced.observation
            let earlier = reports[observation.indicator]?[observation.region]?[observation.period]
            // Two submitters reporting the same figure: the later version counts.
            if earlier == nil || earlier!.source.versionId < sourced.source.versionId {
                reports[observation.indicator, default: [:]][observation.region, default: [:]][observation.period] = sourced
            }
            periods.insert(observation.period)
            if let county = Self.ancestor(of: observation.region, at: [.county, .local], in: catalog),
               county != observation.region {
                towns[observation.indicator, default: [:]][county, default: []].insert(observation.region)
            }
            if let city = Self.ancestor(of: observation.region, at: [.city], in: catalog) { cities.insert(city) }
        }
        self.reports = reports
        self.townsByCounty = towns.mapValues { $0.mapValues { $0.sorted() } }
        self.periods = periods.sorted()
        self.citiesWithData = cities
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
    public func figure(_ indicator: String, region: String, period: Period, span: FigureSpan,
                       withSources: Bool = true) -> RegionFigure? {
        compute(indicator, scope: scope(of: region, withSources: withSources), period: period, span: span, depth: 0)?.figure
    }

    /// The figure from the region's own reports only — what the city
    /// department reported directly, to set beside its counties' sum.
    public func reportedFigure(_ indicator: String, region: String, period: Period, span: FigureSpan,
                               withSources: Bool = true) -> RegionFigure? {
        compute(indicator, scope: Scope(groups: [.init(label: region, counties: [], own: true)], keepsSources: withSources),
                period: period, span: span, depth: 0)?.figure
    }

    /// The figure from the regions below, or — when none of them reported —
    /// the region's own report: what a summary shows for the region.
    public func figureOrReport(_ indicator: String, region: String, period: Period, span: FigureSpan,
                               withSources: Bool = true) -> RegionFigure? {
        figure(indicator, region: region, period: period, span: span, withSources: withSources)
            ?? reportedFigure(indicator, region: region, period: period, span: span, withSources: withSources)
    }

    /// Which reports make a region's figure: groups of counties, each
    /// named by the region it counts for.
    private struct Scope {
        struct Group {
            let label: String
            let counties: [String]
            /// Read the label region's own reports instead of counties'.
            let own: Bool
        }
        let groups: [Group]
        /// Whether figures list their regions and sources.
        let keepsSources: Bool
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
        case .town, nil: groups = [.init(label: region, counties: [], own: true)]
        }
        return Scope(groups: groups, keepsSources: withSources)
    }

    /// The reports of `indicator` for `month` that count for `group`.
    private func reportsFor(_ group: Scope.Group, _ indicator: String, _ month: Period) -> [SourcedObservation] {
        guard let byRegion = reports[indicator] else { return [] }
        if group.own { return byRegion[group.label]?[month].map { [$0] } ?? [] }
        var found: [SourcedObservation] = []
        for county in group.counties {
            if let own = byRegion[county]?[month] {
                found.append(own)
            } else {
                for town in townsByCounty[indicator]?[county] ?? [] {
                    if let report = byRegion[town]?[month] { found.append(report) }
                }
            }
        }
        return found
    }

    /// A value with the regions and reports behind it, before sorting.
    private struct Accumulated {
        var value: Double = 0
        var regions: Set<String> = []
        var sources: [FigureSource] = []
        /// Reports used, counted even when their sources are not kept.
        var reports = 0

        /// Adds one report's region and source, when the scope keeps them.
        mutating func note(_ report: SourcedObservation, region: String, in scope: Scope) {
            reports += 1
            guard scope.keepsSources else { return }
            regions.insert(region)
            sources.append(FigureSource(report))
        }

        func combined(with other: Accumulated, value: Double) -> Accumulated {
            Accumulated(value: value, regions: regions.union(other.regions), sources: sources + other.sources,
                        reports: reports + other.reports)
        }

        var figure: RegionFigure {
            RegionFigure(value: value, regions: regions.sorted(), sources: sources.sorted())
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
            let first = catalog.indicator(code: weight)?.time == .flow ? span.start(endingAt: period) : period
            return weightedMean(code, weight: weight, scope: scope, from: first, to: period)
        case .ratio(let numerator, let denominator):
            return quotient(numerator, denominator, scale: 1, scope: scope, period: period, span: span, depth: depth)
        case .share(let numerator, let denominator):
            return quotient(numerator, denominator, scale: 100, scope: scope, period: period, span: span, depth: depth)
        case .growth(let of, let baseYear, let annualised):
            // Growth compares like with like: a month with the same month, a
            // year to date with the same months of the base year.
            let like: FigureSpan = span == .month ? .month : .yearToDate
            guard period.year >= baseYear,
                  let now = compute(of, scope: scope, period: period, span: like, depth: depth + 1),
                  let then = compute(of, scope: scope, period: period.sameMonth(inYear: baseYear), span: like,
                                     depth: depth + 1),
                  then.value > 0, now.value >= 0 else { return nil }
            let ratio = now.value / then.value
            let years = Double(max(1, period.year - baseYear))
            let growth = annualised ? (pow(ratio, 1 / years) - 1) * 100 : (ratio - 1) * 100
            return now.combined(with: then, value: growth)
        }
    }

    /// numerator / denominator × scale, each summed over the scope first.
    private func quotient(_ numerator: String, _ denominator: String, scale: Double, scope: Scope, period: Period,
                          span: FigureSpan, depth: Int) -> Accumulated? {
        guard let top = compute(numerator, scope: scope, period: period, span: span, depth: depth + 1),
              let bottom = compute(denominator, scope: scope, period: period, span: span, depth: depth + 1),
              bottom.value != 0 else { return nil }
        return top.combined(with: bottom, value: top.value / bottom.value * scale)
    }

    private func total(_ code: String, scope: Scope, from first: Period, to last: Period) -> Accumulated? {
        var result = Accumulated()
        var month = first
        while month <= last {
            for group in scope.groups {
                for report in reportsFor(group, code, month) {
                    result.value += report.observation.value
                    result.note(report, region: group.label, in: scope)
                }
            }
            month = month.advanced(by: 1)
        }
        return result.reports == 0 ? nil : result
    }

    private func weightedMean(_ code: String, weight: String, scope: Scope, from first: Period, to last: Period)
        -> Accumulated?
    {
        var weighted = 0.0
        var weights = 0.0
        var result = Accumulated()
        var month = first
        while month <= last {
            for group in scope.groups {
                for report in reportsFor(group, code, month) {
                    // A rate without its weight cannot be placed in the mean.
                    guard let w = reports[weight]?[report.observation.region]?[month] else { continue }
                    weighted += report.observation.value * w.observation.value
                    weights += w.observation.value
                    result.note(report, region: group.label, in: scope)
                    result.note(w, region: group.label, in: scope)
                }
            }
            month = month.advanced(by: 1)
        }
        guard weights > 0 else { return nil }
        result.value = weighted / weights
        return result
    }
}
