import Catalog
import Foundation
import Vocabulary

/// The months a rejected file is taken to be for when the ledger knows none
/// (it could not be read): the months its name says (`2026-11.xls`,
/// `2026年11月.xlsx`, `2026-Q3.ods`, `2026年度.csv`), otherwise the month
/// its arrival reports on (received in December: November, by the
/// deadline's months-after). Status says which, so nobody mistakes a guess
/// for what the file contains.
public struct PeriodAttribution: Hashable, Sendable, Codable {
    public enum Basis: String, Hashable, Sendable, Codable {
        /// Read from the file name.
        case fileName
        /// The month before the file arrived (by the deadline's offset).
        case receivedMonth

        /// `按文件名推定`, `按收到月份推定`.
        public var chinese: String {
            switch self {
            case .fileName: "按文件名推定期间"
            case .receivedMonth: "按收到月份推定期间"
            }
        }
    }

    public var periods: [Period]
    public var basis: Basis

    /// The periods of the file at `path` (under `Inbox/`), received at `receivedAt`;
    /// `monthsAfter` is the deadline's offset (month M reported in M + monthsAfter).
    public init(path: String, receivedAt: Date, monthsAfter: Int) {
        if let named = Self.periods(inName: path) {
            periods = named
            basis = .fileName
        } else {
            periods = [ProgrammeCalendar.period(of: receivedAt).advanced(by: -max(monthsAfter, 0))]
            basis = .receivedMonth
        }
    }

    /// The months a file name names: a month, a quarter or a year, nil when it names none.
    static func periods(inName path: String) -> [Period]? {
        var name = Substring(path.split(separator: "/").last ?? "")
        if let dot = name.lastIndex(of: ".") { name = name[..<dot] }
        let text = String(name)
        if let match = text.firstMatch(of: /(\d{4})\s*(?:-|年)?\s*(?:Q|q|第)\s*([1-4一二三四])\s*(?:季度|季)?/) {
            let quarter = "1一".contains(match.2) ? 1 : "2二".contains(match.2) ? 2 : "3三".contains(match.2) ? 3 : 4
            return (1...3).compactMap { Period(year: Int(match.1)!, month: (quarter - 1) * 3 + $0) }
        }
        if let match = text.firstMatch(of: /(\d{4})\s*[-\/.年]\s*(\d{1,2})(?!\d)/), let period = Period(year: Int(match.1)!, month: Int(match.2)!) {
            return [period]
        }
        if let match = text.firstMatch(of: /(?:^|\D)(\d{4})(\d{2})(?!\d)/), let period = Period(year: Int(match.1)!, month: Int(match.2)!) {
            return [period]
        }
        if let match = text.firstMatch(of: /(?:^|\D)(\d{4})\s*年(?:度)?/), let year = Int(match.1), (1900...9999).contains(year) {
            return (1...12).compactMap { Period(year: year, month: $0) }
        }
        return nil
    }
}
