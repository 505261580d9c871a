import Foundation

extension Period {
    /// The months a file's name gives (`2026-11.xls`, `2026-11(1).xlsx`,
    /// `2026年3月.ods`, `202603.csv`: one month; `2026-Q4.xlsx`,
    /// `2026年第二季度.xls`: a quarter; `2025年度.csv`: a year), oldest
    /// first; nil when it names none. `path` may have folders.
    public static func named(inFileName path: String) -> [Period]? {
        var name = Substring(path.split(separator: "/").last ?? "")
        if let dot = name.lastIndex(of: ".") { name = name[..<dot] }
        return FileNamePeriods.shared.periods(named: String(name))
    }

    /// The months `text` (a file name without its folders and extension) gives.
    fileprivate static func matched(in text: String) -> [Period]? {
        if let match = text.firstMatch(of: FileNamePattern.quarter) {
            let quarter = "1一".contains(match.2) ? 1 : "2二".contains(match.2) ? 2 : "3三".contains(match.2) ? 3 : 4
            return (1...3).compactMap { Period(year: Int(match.1)!, month: (quarter - 1) * 3 + $0) }
        }
        if let match = text.firstMatch(of: FileNamePattern.yearMonth),
            let period = Period(year: Int(match.1)!, month: Int(match.2)!)
        {
            return [period]
        }
        if let match = text.firstMatch(of: FileNamePattern.digits),
            let period = Period(year: Int(match.1)!, month: Int(match.2)!)
        {
            return [period]
        }
        if let match = text.firstMatch(of: FileNamePattern.year), let year = Int(match.1),
            (1900...9999).contains(year)
        {
            return (1...12).compactMap { Period(year: year, month: $0) }
        }
        return nil
    }
}

/// The answers of `Period.named(inFileName:)` by name, shared by every
/// thread. A province's inbox repeats a few names (`2026-11.xlsx` in each of
/// its 2,265 folders), and matching the patterns cost a sixth of reading a
/// form workbook. Bounded: when full it starts again empty.
private final class FileNamePeriods: @unchecked Sendable {
    static let shared = FileNamePeriods()
    static let capacity = 4096

    private let lock = NSLock()
    private var known: [String: [Period]?] = [:]

    func periods(named name: String) -> [Period]? {
        if let answer = lock.withLock({ known[name] }) { return answer }
        let answer = Period.matched(in: name)
        lock.withLock {
            if known.count >= Self.capacity { known.removeAll(keepingCapacity: true) }
            known[name] = .some(answer)
        }
        return answer
    }
}

/// The patterns of `Period.named(inFileName:)`, built once: a regex literal
/// is parsed and compiled again each time it is evaluated, which cost more
/// than reading the file's workbook (a nightly run asks once per file).
/// `Regex` is not `Sendable`, but matching only reads it: its compiled
/// program is built once and published atomically by the standard library.
private enum FileNamePattern {
    /// `2026-Q4`, `2026年第二季度`.
    nonisolated(unsafe) static let quarter = /(\d{4})\s*(?:-|年)?\s*(?:Q|q|第)\s*([1-4一二三四])\s*(?:季度|季)?/
    /// `2026-11`, `2026年3月`, `2026.3`.
    nonisolated(unsafe) static let yearMonth = /(\d{4})\s*[-\/.年]\s*(\d{1,2})(?!\d)/
    /// `202603`.
    nonisolated(unsafe) static let digits = /(?:^|\D)(\d{4})(\d{2})(?!\d)/
    /// `2025年度`, `2025年`.
    nonisolated(unsafe) static let year = /(?:^|\D)(\d{4})\s*年(?:度)?/
}
