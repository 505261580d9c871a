import Catalog
import Foundation
import Ledger
import Reports
import Rollup
import Vocabulary

/// Every plan target of a region against the ledger as it is at the
/// request: the figure, completion (达成率) and status, the month by month
/// figure beside the path to the target, and the figure of each region
/// below — what the 目标进度 page and `GET /api/targets` show.
public struct TargetsQuery: Sendable {
    public let catalog: Catalog
    let ledger: LedgerDatabase

    public init(catalog: Catalog, ledger: LedgerDatabase) {
        self.catalog = catalog
        self.ledger = ledger
    }

    public struct Answer: Codable, Sendable {
        public static let currentSchemaVersion = 1
        public var schemaVersion = Answer.currentSchemaVersion
        public var region: String
        public var regionName: String
        public var period: Period
        public var targets: [Line]
        /// Each target's way month by month, in the order of `targets`: what
        /// the page's charts draw (`RollupChartImages.svg`). Not in the JSON.
        public var trends: [TargetTrend] = []

        enum CodingKeys: String, CodingKey {
            case schemaVersion, region, regionName, period, targets
        }
    }

    /// One target and where it stands.
    public struct Line: Codable, Sendable {
        public var plan: String
        public var planTitle: String
        public var indicator: String
        public var indicatorName: String
        public var unit: String
        public var lead: String
        public var leadName: String
        public var year: Int
        /// `≥`, `≤`, `=`, `≈`.
        public var op: String
        public var value: Double
        /// The plan's sentence the target is quoted from.
        public var sentence: String
        /// The month the figure is for.
        public var period: Period
        public var current: Double?
        public var base: Double
        /// Share of the target's time passed, 0...1.
        public var elapsed: Double
        public var completion: Double?
        /// `已达标`, `进度正常`, `滞后`, `无数据`.
        public var status: String
        public var statusEnglish: String
        /// The year's months up to `period`: the figure and where the way to the target is due to be.
        public var months: [Month]
        /// The regions below (a city's counties, the province's cities) at `period`.
        public var parts: [Part]
    }

    public struct Month: Codable, Sendable {
        public var period: Period
        public var actual: Double?
        public var path: Double
    }

    public struct Part: Codable, Sendable {
        public var region: String
        public var name: String
        public var value: Double?
    }

    /// The targets of `region` (default: the account's own) for `period`
    /// (default: the latest period any counted report names, else the last complete month).
    public func targets(
        for scope: AccessScope, region: String? = nil, period: Period? = nil,
        calendar: ProgrammeCalendar
    ) throws -> Answer {
        let code = region ?? scope.homeRegion
        try scope.requireSight(of: code)
        guard let place = catalog.region(code: code) else { throw AccessScope.Denied(reason: "地区 region \(code)") }
        let engine = try ledger.read { try RollupEngine(catalog: catalog, ledger: $0) }
        let period = period ?? engine.periods.last ?? calendar.lastCompletePeriod
        var groups: [String: [Target]] = [:]
        var order: [String] = []
        for target in catalog.targets(region: code) {
            let key = target.plan + "\u{1}" + target.indicator
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(target)
        }
        let trends = order.compactMap { key in
            TargetEvaluation.governing(groups[key]!, at: period).flatMap {
                TargetTrend.trend(of: $0, period: period, engine: engine)
            }
        }
        return Answer(
            region: code, regionName: place.name, period: period, targets: trends.map { line($0, engine: engine) },
            trends: trends)
    }

    /// A target's line, from its trend: the roll-up's evaluation, month by month and for each part.
    private func line(_ trend: TargetTrend, engine: RollupEngine) -> Line {
        let (target, evaluation, indicator) = (trend.target, trend.evaluation, trend.indicator)
        let months = zip(trend.months, zip(trend.actual, trend.path)).compactMap { month, figures in
            month.year == evaluation.period.year && month <= evaluation.period
                ? Month(period: month, actual: figures.0, path: figures.1) : nil
        }
        let parts = zip(engine.parts(of: target.region), trend.parts).map {
            Part(region: $0.code, name: $0.name, value: $1.value)
        }
        return Line(
            plan: target.plan, planTitle: trend.planTitle, indicator: target.indicator,
            indicatorName: indicator.name, unit: indicator.unit, lead: indicator.lead,
            leadName: trend.leadDepartment, year: target.year, op: target.op.symbol,
            value: target.value, sentence: target.sentence, period: evaluation.period,
            current: evaluation.current?.value, base: evaluation.base, elapsed: evaluation.elapsed,
            completion: evaluation.progress.completion, status: evaluation.progress.status.rawValue,
            statusEnglish: evaluation.progress.status.english, months: months, parts: parts)
    }
}
