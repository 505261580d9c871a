import Catalog
import Foundation
import Outbox
import Reports
import Vocabulary

/// The nightly run's benchmark inbox: a province's county departments
/// each sending one filled `form` workbook a month, as `huanxin template`
/// hands them out (`FormTemplate`), under `Inbox/<county>/<department>/`.
///
/// Every county of the catalog's cities, the first `departmentCount`
/// departments that have indicators to report at county level, and
/// `months` months from 2023-01. Deterministic: the same arguments give
/// the same files, bytes and modification times. Figures are seeded per
/// (county, department, month), inside each indicator's bounds; rules
/// across departments (shares, at-most) are not arranged, so some files
/// are rejected, as in a real inbox.
struct ProvinceInbox {
    let catalog: Catalog
    let months: Int
    var departmentCount = 15
    static let firstPeriod = Period(year: 2023, month: 1)!

    /// The counties (and county-level districts) of the province's cities.
    var counties: [Region] {
        let cities = Set(catalog.regions.filter { $0.level == .city }.map(\.code))
        return catalog.regions.filter { $0.level == .county && $0.parentCode.map(cities.contains) == true }
    }

    /// Departments that exist at county level and have something to report there.
    var departments: [Department] {
        let able = catalog.departments.filter { department in
            department.levels.contains(.county)
                && catalog.indicators(reportableBy: department.code)
                    .contains { catalog.canReport(indicator: $0.code, atLevel: .county) }
        }
        return Array(able.prefix(departmentCount))
    }

    /// Writes every file into `inbox`, the counties in parallel; returns the number of files.
    func write(into inbox: URL) throws -> Int {
        let counties = self.counties
        let departments = self.departments
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: counties.count) { index in
            do {
                try write(county: counties[index], departments: departments, into: inbox)
            } catch {
                failures.append("\(counties[index].code): \(error)")
            }
        }
        if let first = failures.first { throw BenchError("province inbox: \(first)") }
        return counties.count * departments.count * months
    }

    /// One county's files, published together (`StagedFiles`: two flushes
    /// for the county rather than one per file), then dated.
    private func write(county: Region, departments: [Department], into inbox: URL) throws {
        let files = StagedFiles()
        var sent: [(path: String, period: Period, key: String)] = []
        for department in departments {
            let folder = inbox.appendingPathComponent(county.code).appendingPathComponent(department.code)
            for month in 0..<months {
                let period = Self.firstPeriod.advanced(by: month)
                let template = try FormTemplate(
                    catalog: catalog, region: county.code, department: department.code, period: period)
                let key = "\(county.code)|\(department.code)|\(period)"
                var entries: [String: FormTemplate.Entry] = [:]
                for (offset, code) in template.indicatorCodes.enumerated() {
                    entries[code] = .init(
                        value: figure(code, key: key), note: offset == 0 ? "基准测试数据 benchmark data" : nil)
                }
                let path = folder.appendingPathComponent("\(period).xlsx").path
                try files.write(to: path) { try template.write(into: $0, entries: entries) }
                sent.append((path, period, key))
            }
        }
        try files.publish()
        for file in sent { try setModified(file.path, after: file.period, key: file.key) }
    }

    /// A seeded figure inside the indicator's bounds: an integer for counts, two decimals for amounts.
    private func figure(_ code: String, key: String) -> Double {
        let random = Self.seed("\(key)|\(code)")
        guard let indicator = catalog.indicator(code: code) else { return 0 }
        let low = indicator.minimum ?? 0
        let high = min(indicator.maximum ?? 5_000, low + 5_000)
        let value = low + (high - low) * Double(random % 1_000_000) / 1_000_000
        return random % 2 == 0 ? value.rounded() : (value * 100).rounded() / 100
    }

    /// Sent between the 2nd and the 8th of the next month, at a seeded second of the morning.
    private func setModified(_ path: String, after period: Period, key: String) throws {
        let next = period.advanced(by: 1)
        let random = Self.seed("sent|\(key)")
        var components = DateComponents(
            calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "Asia/Shanghai"),
            year: next.year, month: next.month, day: 2 + Int(random % 7), hour: 9)
        components.second = Int((random >> 8) % 7200)
        try FileManager.default.setAttributes([.modificationDate: components.date!], ofItemAtPath: path)
    }

    /// FNV-1a of the key's bytes through SplitMix64's finaliser.
    private static func seed(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        return hash ^ (hash >> 31)
    }
}

/// Errors gathered from the parallel writers.
private final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func append(_ message: String) { lock.withLock { messages.append(message) } }
    var first: String? { lock.withLock { messages.first } }
}
