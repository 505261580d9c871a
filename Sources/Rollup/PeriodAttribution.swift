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
        if let named = Period.named(inFileName: path) {
            periods = named
            basis = .fileName
        } else {
            periods = [ProgrammeCalendar.period(of: receivedAt).advanced(by: -max(monthsAfter, 0))]
            basis = .receivedMonth
        }
    }
}
