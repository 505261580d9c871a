import Catalog
import Foundation
import Ledger
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
        let lines = order.compactMap { key in
            TargetEvaluation.governing(groups[key]!, at: period).map { line($0, at: period, engine: engine) }
        }
        return Answer(region: code, regionName: place.name, period: period, targets: lines)
    }

    private func line(_ target: Target, at period: Period, engine: RollupEngine) -> Line {
        let evaluation = TargetEvaluation.evaluate(target, at: period, engine: engine)
        let indicator = catalog.indicator(code: target.indicator)
        let span: FigureSpan =
            indicator?.time == .flow
            ? target.entry.since.map { .since(year: $0) } ?? .yearToDate
            : .yearToDate
        var months: [Month] = []
        var month = Period(year: evaluation.period.year, month: 1)!
        while month <= evaluation.period {
            let then = TargetEvaluation.evaluate(target, at: month, engine: engine)
            months.append(
                Month(
                    period: month, actual: then.current?.value,
                    path: then.base + then.elapsed * (target.value - then.base)))
            month = month.advanced(by: 1)
        }
        let parts = engine.parts(of: target.region).map {
            Part(
                region: $0.code, name: $0.name,
                value: engine.figureOrReport(
                    target.indicator, region: $0.code, period: evaluation.period, span: span,
                    withSources: false)?.value)
        }
        let lead = indicator?.lead ?? ""
        return Line(
            plan: target.plan, planTitle: catalog.plan(id: target.plan)?.title ?? target.plan,
            indicator: target.indicator,
            indicatorName: indicator?.name ?? target.indicator, unit: indicator?.unit ?? "", lead: lead,
            leadName: catalog.department(code: lead)?.name ?? lead, year: target.year, op: target.op.symbol,
            value: target.value, sentence: target.sentence, period: evaluation.period,
            current: evaluation.current?.value, base: evaluation.base, elapsed: evaluation.elapsed,
            completion: evaluation.progress.completion, status: evaluation.progress.status.rawValue,
            statusEnglish: evaluation.progress.status.english, months: months, parts: parts)
    }
}
