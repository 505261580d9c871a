import Foundation
import Rollup
import Vocabulary

/// `huanxin status`: for one period, each city's grid of expected (and
/// received) reports with their states. Public: `--json` prints it and the
/// portal serves it; `schemaVersion` changes when its shape does.
public struct StatusReport: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    /// One city's reports for the period.
    public struct City: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        /// The last day a report is on time (`2025-04-10`, China time); nil without a deadline.
        public var due: String?
        public var cells: [ReportCompleteness]

        public init(code: String, name: String, due: String?, cells: [ReportCompleteness]) {
            self.code = code
            self.name = name
            self.due = due
            self.cells = cells
        }

        /// How many cells are in each state.
        public var totals: [ReportState: Int] {
            Dictionary(grouping: cells, by: \.state).mapValues(\.count)
        }
    }

    public var schemaVersion: Int
    public var period: Period
    /// The instant the states were read for (deadlines passed or not).
    public var asOf: Date
    public var cities: [City]

    public init(period: Period, asOf: Date, cities: [City]) {
        schemaVersion = Self.currentSchemaVersion
        self.period = period
        self.asOf = asOf
        self.cities = cities
    }

    public func json() throws -> Data { try DocumentJSON.encode(self) + Data("\n".utf8) }

    /// Regions down, departments across, one state word per cell; blank
    /// where none is expected; the totals under each city's grid.
    public func gridText() -> String {
        var lines: [String] = []
        for city in cities {
            lines.append("\(city.name)（\(city.code)）\(period) 报送情况 reports — 截止 due: \(city.due ?? "无 none")")
            let departments = city.cells.map { ($0.department, $0.departmentName ?? $0.department) }.uniqued(by: \.0)
            let regions = city.cells.map { ($0.region, $0.regionName ?? $0.region) }.uniqued(by: \.0)
            let byKey = Dictionary(city.cells.map { ("\($0.region)/\($0.department)", $0) }, uniquingKeysWith: { a, _ in a })
            let header = ["地区 region"] + departments.map(\.1)
            let rows = regions.map { region in
                ["\(region.1) \(region.0)"] + departments.map { byKey["\(region.0)/\($0.0)"]?.label ?? "" }
            }
            lines.append(AlignedText.table([header] + rows))
            let totals = city.totals
            lines.append("合计 totals: " + ReportState.allCases.map { "\($0.chinese) \($0.rawValue) \(totals[$0] ?? 0)" }
                .joined(separator: "  "))
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
