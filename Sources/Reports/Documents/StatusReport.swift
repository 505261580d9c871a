import Foundation
import Rollup
import Vocabulary

/// `huanxin status`: for one period, each city's grid of expected (and
/// received) reports with their states, and who to chase. Public: `--json`
/// prints it and the portal serves it; `schemaVersion` changes when its
/// shape does (2: each cell's frequency, due day, rejection reason and
/// attribution; each city's `chase` list).
public struct StatusReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 2

    /// One city's reports for the period.
    public struct City: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        /// The last day a monthly report is on time (`2025-04-10`, China
        /// time); nil without a deadline. Each cell has its own `due`.
        public var due: String?
        public var cells: [ReportCompleteness]
        /// Who owes a report or a correction for the period, and since when.
        public var chase: [ChaseEntry]

        public init(code: String, name: String, due: String?, cells: [ReportCompleteness], chase: [ChaseEntry] = []) {
            self.code = code
            self.name = name
            self.due = due
            self.cells = cells
            self.chase = chase
        }

        /// How many cells show each label (未报 only for what is due; 未到期 apart).
        public var totals: [String: Int] {
            Dictionary(grouping: cells, by: \.label).mapValues(\.count)
        }
    }

    /// The labels in the order totals are printed.
    static let labels = [
        ("已报", "accepted"), ("迟报", "late"), ("退回", "rejected"), ("未报", "missing"),
        ("未到期", "not due"),
    ]

    public var schemaVersion: Int
    public var period: Period
    /// The instant the states were read for (deadlines passed or not).
    public var asOf: Date
    public var cities: [City]
    /// The ledger's latest run when it failed: the figures are those of the
    /// runs before it, and its reason says what to fix. Absent otherwise.
    public var failedRun: FailedRun?

    /// A failed run as `status` names it.
    public struct FailedRun: Codable, Sendable, Equatable {
        public var id: Int64
        public var startedAt: Date
        /// What it threw, or that it was interrupted.
        public var failure: String

        public init(id: Int64, startedAt: Date, failure: String) {
            self.id = id
            self.startedAt = startedAt
            self.failure = failure
        }

        /// One line, before the grid or the chase list.
        var line: String {
            "注意：最近一次运行（\(id)，\(startedAt.formatted(.iso8601))）失败 the latest run \(id) failed: \(failure)"
        }
    }

    public init(period: Period, asOf: Date, cities: [City], failedRun: FailedRun? = nil) {
        schemaVersion = Self.currentSchemaVersion
        self.period = period
        self.asOf = asOf
        self.cities = cities
        self.failedRun = failedRun
    }

    public func json() throws -> Data { try DocumentJSON.encode(self) + Data("\n".utf8) }

    /// Regions down, departments across, one state word per cell; blank
    /// where none is expected; the totals under each city's grid.
    public func gridText() -> String {
        var lines = failedRun.map { [$0.line, ""] } ?? []
        for city in cities {
            lines.append("\(city.name)（\(city.code)）\(period) 报送情况 reports — 截止 due: \(dueText(city))")
            let departments = city.cells.map { ($0.department, $0.departmentName ?? $0.department) }.uniqued(by: \.0)
            let regions = city.cells.map { ($0.region, $0.regionName ?? $0.region) }.uniqued(by: \.0)
            let byKey = Dictionary(
                city.cells.map { ("\($0.region)/\($0.department)", $0) }, uniquingKeysWith: { a, _ in a })
            let header = ["地区 region"] + departments.map(\.1)
            let rows = regions.map { region in
                ["\(region.1) \(region.0)"] + departments.map { byKey["\(region.0)/\($0.0)"]?.label ?? "" }
            }
            lines.append(AlignedText.table([header] + rows))
            let totals = city.totals
            lines.append(
                "合计 totals: "
                    + Self.labels.map { "\($0.0) \($0.1) \(totals[$0.0] ?? 0)" }
                    .joined(separator: "  "))
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// `2026-11-10`, or per frequency when departments report at several:
    /// `月报 2026-11-10；季报 2027-01-10`.
    private func dueText(_ city: City) -> String {
        let dues = city.cells.map { ($0.frequency, $0.due ?? "无 none") }.uniqued(by: \.0).sorted { $0.0 < $1.0 }
        guard dues.count > 1 else { return dues.first?.1 ?? city.due ?? "无 none" }
        return dues.map { "\($0.0.chinese) \($0.1)" }.joined(separator: "；")
    }

    /// `huanxin status --missing`: per city, one line per submitter to chase
    /// (region, department, what is outstanding and since when).
    public func chaseText() -> String {
        var lines = failedRun.map { [$0.line, ""] } ?? []
        for city in cities {
            lines.append("\(city.name)（\(city.code)）\(period) 催报清单 to chase: \(city.chase.count)")
            guard !city.chase.isEmpty else {
                lines.append("无需催报 nobody to chase")
                lines.append("")
                continue
            }
            lines.append(
                AlignedText.table(
                    [["地区 region", "部门 department", "情况 what"]]
                        + city.chase.map { entry in
                            [
                                "\(entry.regionName ?? entry.region) \(entry.region)",
                                "\(entry.departmentName ?? entry.department) \(entry.department)", entry.summary,
                            ]
                        }))
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}

extension Array {
    /// The elements in order, the first of each key.
    func uniqued<Key: Hashable>(by key: (Element) -> Key) -> [Element] {
        var seen = Set<Key>()
        return filter { seen.insert(key($0)).inserted }
    }
}
