import Catalog
import Foundation
import Ledger
import Reports
import Rollup
import Vocabulary

/// Every plan target of a region against one snapshot of the ledger: the
/// figure, completion (达成率) and status, the month by month figure beside
/// the path to the target, and the figure of each region below — what the
/// 目标进度 page and `GET /api/targets` show. The computation is the
/// roll-up's (`TargetTrend`), so it costs seconds on a province's ledger:
/// the portal asks it through `TargetsCache`, never once per request.
public struct TargetsQuery: Sendable {
    public let catalog: Catalog
    let ledger: LedgerDatabase

    public init(catalog: Catalog, ledger: LedgerDatabase) {
        self.catalog = catalog
        self.ledger = ledger
    }

    public struct Answer: Codable, Sendable {
        /// 2: `asOf`, `computedAt` and `upToDate` (the answer may be kept for a while).
        public static let currentSchemaVersion = 2
        public var schemaVersion = Answer.currentSchemaVersion
        public var region: String
        public var regionName: String
        public var period: Period
        /// When the latest report the figures count was received, as the
        /// roll-up's 台账截至; nil for a ledger with none.
        public var asOf: Date?
        /// When the figures were computed.
        public var computedAt: Date
        /// False when files were recorded after the snapshot the figures
        /// come from: newer figures are being computed.
        public var upToDate = true
        public var targets: [Line]
        /// Each target's way month by month, in the order of `targets`: what
        /// the page's charts draw (`RollupChartImages.svg`). Not in the JSON.
        public var trends: [TargetTrend] = []
        /// The ledger's state the figures come from (`LedgerReader.newestVersionId`). Not in the JSON.
        public var ledgerState: Int64 = 0

        enum CodingKeys: String, CodingKey {
            case schemaVersion, region, regionName, period, asOf, computedAt, upToDate, targets
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
        try targets(of: try visibleRegion(region, for: scope), period: period, calendar: calendar)
    }

    /// The region whose targets `scope` asks for (default: its own), if it may see it.
    public func visibleRegion(_ region: String?, for scope: AccessScope) throws -> String {
        let code = region ?? scope.homeRegion
        try scope.requireSight(of: code)
        guard catalog.region(code: code) != nil else { throw AccessScope.Denied(reason: "地区 region \(code)") }
        return code
    }

    /// The ledger's state now, to tell whether an answer is still current.
    public func ledgerState() throws -> Int64 {
        try ledger.read { try $0.newestVersionId() }
    }

    /// The targets of a region already checked by `visibleRegion`.
    func targets(of code: String, period: Period?, calendar: ProgrammeCalendar) throws -> Answer {
        let place = catalog.region(code: code)!
        let (engine, state) = try ledger.read {
            (try RollupEngine(catalog: catalog, ledger: $0), try $0.newestVersionId())
        }
        let period = period ?? engine.periods.last ?? calendar.lastCompletePeriod
        // The roll-up's targets, as its 总览 lists them: one per target as the plan writes it.
        let trends = TargetTrend.trends(region: place, period: period, engine: engine)
        return Answer(
            region: code, regionName: place.name, period: period, asOf: engine.asOf, computedAt: Date(),
            targets: trends.map { line($0, engine: engine) }, trends: trends, ledgerState: state)
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
