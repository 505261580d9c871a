import Catalog
import Foundation
import Ledger
import Outbox
import Reports
import Rollup
import Vocabulary

/// The roll-up step of the nightly run (and of `huanxin rollup`): reads the
/// ledger once and writes, for each period asked, every city's workbook,
/// CSV folder and JSON document — and the province's when more than one
/// city has data.
public struct RollupJob: Sendable {
    public let catalog: Catalog
    public let ledger: LedgerDatabase
    public let outbox: OutboxLayout
    /// Decides whether an absent report is 未报 (deadline passed) or
    /// 未到期; the only input besides the ledger, so outputs of two runs on
    /// the same day from the same ledger are byte-identical.
    public let now: Date

    public init(catalog: Catalog, ledger: LedgerDatabase, outbox: OutboxLayout, now: Date) {
        self.catalog = catalog
        self.ledger = ledger
        self.outbox = outbox
        self.now = now
    }

    /// `huanxin rollup`: the deployment's catalog and ledger, as of `calendar`.
    /// Periods nil: the latest with data; cities nil: every city with data
    /// (and the province when several have). Returns the paths written.
    /// Under the run lock, waiting up to `waitingForRun` seconds for a run in
    /// progress (a half-recorded night is not rolled up), then `RunLock.Held`.
    /// `dryRun`: the paths it would write, writing nothing, not even the
    /// lock, so that it works on a read-only Outbox; it reads one snapshot
    /// of the ledger, as a run's batches committed so far left it.
    public static func rebuild(
        _ deployment: Deployment, periods: [Period]?, cities: [String]?,
        calendar: ProgrammeCalendar, waitingForRun: TimeInterval = 60, dryRun: Bool = false
    ) throws -> [String] {
        let catalog = try deployment.loadCatalog()
        for code in cities ?? [] where catalog.region(code: code)?.level != .city {
            throw UsageError("不是市代码 Not a city code: \(code)")
        }
        guard FileManager.default.fileExists(atPath: deployment.ledger) else {
            throw LedgerMissing(path: deployment.ledger)
        }
        let lock = dryRun ? nil : try RunLock.waiting(path: deployment.outbox.lock, seconds: waitingForRun)
        defer { withExtendedLifetime(lock) {} }
        return try RollupJob(
            catalog: catalog, ledger: try LedgerDatabase.open(path: deployment.ledger, access: .readOnly),
            outbox: deployment.outbox, now: calendar.now
        ).run(periods: periods, cities: cities, dryRun: dryRun)
    }

    /// Writes the roll-ups and returns the paths written, in order.
    ///
    /// - Parameters:
    ///   - periods: the periods to roll up; nil means the latest period any
    ///     report names (one month keeps the nightly run quick — earlier
    ///     months are rebuilt on demand with `huanxin rollup --period`).
    ///   - cities: city codes to roll up; nil means every city with data.
    ///     The province is written only when it is not restricted.
    ///   - dryRun: return the paths without writing anything.
    public func run(periods: [Period]? = nil, cities: [String]? = nil, dryRun: Bool = false) throws -> [String] {
        // One snapshot: the figures and the reports' statuses of the same moment;
        // of the statuses, those of the months each period's grid looks at, as
        // `huanxin status` reads them (a province's years of statuses are not held).
        let (engine, chosen, received) = try ledger.read { ledger in
            let engine = try RollupEngine(catalog: catalog, ledger: ledger)
            let chosen = (periods ?? engine.periods.last.map { [$0] } ?? []).sorted()
            let received = try chosen.map { period in
                let months = StatusQuery.months(endingAt: period)
                return (months, try ReceivedReports.load(from: ledger, periods: months.first!...period))
            }
            return (engine, chosen, received)
        }
        let withData = engine.citiesWithData.sorted()
        let targets = cities ?? withData
        var written: [String] = []
        for (period, (months, received)) in zip(chosen, received) {
            // One roll-up per city, then the province's over all of them.
            var inputs: [RegionInputs] = []
            for city in targets {
                guard let region = catalog.region(code: city), region.level == .city else { continue }
                let grid = Completeness(catalog: catalog).grid(
                    city: city, periods: months, received: received, now: now)
                inputs.append(
                    RegionInputs(
                        region: region, completeness: grid.filter { $0.period == period },
                        chase: [(city: region.name, entries: ChaseList.entries(grid: grid, periods: months))],
                        issues: try submissionIssues(received.statuses, within: city, period: period)))
            }
            if cities == nil, withData.count > 1, let province = provinceCode(of: withData),
                let region = catalog.region(code: province)
            {
                inputs.append(
                    RegionInputs(
                        region: region, completeness: inputs.flatMap(\.completeness), chase: inputs.flatMap(\.chase),
                        issues: inputs.flatMap(\.issues)))
            }
            written += try Self.concurrentMap(inputs) { input in
                try write(
                    RollupTables(
                        region: input.region, period: period, engine: engine, completeness: input.completeness,
                        chase: input.chase, issues: input.issues), dryRun: dryRun)
            }.flatMap { $0 }
        }
        return written
    }

    /// What a region's roll-up takes besides the engine: its reports' completeness, chase lists and issues.
    private struct RegionInputs: Sendable {
        var region: Region
        var completeness: [ReportCompleteness]
        var chase: [(city: String, entries: [ChaseEntry])]
        var issues: [SubmissionIssues]
    }

    /// `body` of each item on as many threads as the machine has cores; the
    /// results in the items' order, or the first item's error (in that order).
    /// The regions' roll-ups are independent, and building them (the trend
    /// asks every county's figure for every month) was most of a province's
    /// roll-up, on one core. The last item is taken first: the province, as
    /// much work as all its cities together.
    static func concurrentMap<T: Sendable, U: Sendable>(_ items: [T], _ body: @Sendable (T) throws -> U) throws
        -> [U]
    {
        let results = ConcurrentResults<U>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { turn in
            let index = items.count - 1 - turn
            results.set(index, Result { try body(items[index]) })
        }
        return try results.values.map { try $0!.get() }
    }

    /// The latest version's issues of every submitter in the city for the period.
    private func submissionIssues(_ statuses: [ReportStatus], within city: String, period: Period) throws
        -> [SubmissionIssues]
    {
        try statuses.filter { $0.period == period && catalog.isWithin(region: $0.submitter.region, ancestor: city) }
            .compactMap { status in
                let issues = try ledger.read { try $0.issues(versionId: status.latestVersionId) }
                return issues.isEmpty ? nil : SubmissionIssues(status: status, issues: issues)
            }
    }

    private func provinceCode(of cities: [String]) -> String? {
        cities.first.flatMap { catalog.region(code: $0)?.parentCode }
    }

    /// The workbook, the CSV folder with the charts' SVG images, and the
    /// JSON document of one region; with `dryRun`, only their paths.
    private func write(_ rollup: RollupTables, dryRun: Bool) throws -> [String] {
        let (period, code, name) = (rollup.period.description, rollup.region.code, rollup.region.name)
        let workbook = outbox.rollupWorkbook(period: period, regionCode: code, regionName: name)
        let folder = outbox.rollupCSVFolder(period: period, regionCode: code, regionName: name)
        let json = outbox.rollupJSON(period: period, regionCode: code, regionName: name)
        guard !dryRun else {
            return [workbook] + RollupCSV.paths(rollup, inFolder: folder)
                + RollupChartImages.paths(rollup, inFolder: folder + "/charts") + [json]
        }
        try RollupWorkbook.write(rollup, to: workbook)
        let csv = try RollupCSV.write(rollup, toFolder: folder)
        let charts = try RollupChartImages.write(rollup, toFolder: folder + "/charts")
        try RollupJSON.write(rollup, to: json)
        return [workbook] + csv + charts + [json]
    }
}

/// Results that concurrent jobs set, each its own slot: written under the
/// lock, read once every job has ended.
private final class ConcurrentResults<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, any Error>) {
        lock.withLock { slots[index] = result }
    }

    var values: [Result<T, any Error>?] { lock.withLock { slots } }
}
