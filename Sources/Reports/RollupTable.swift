import Foundation
import Sheets

/// One table of a roll-up as plain rows: a sheet of the workbook, a CSV
/// file and an entry of the JSON document, so that the three never disagree.
public struct RollupTable: Equatable, Sendable {
    /// How a number cell is shown.
    public enum Format: Sendable, Hashable {
        case general
        /// `#,##0`
        case count
        /// `#,##0.00`
        case decimal
        /// `0.0%`, the cell holding a fraction.
        case percent
    }

    /// A value and how it is shown.
    public struct Cell: Equatable, Sendable {
        public var value: CellValue
        public var format: Format
        /// A figure that lacks some of its expected reports: shaded in the
        /// workbook (CSV and JSON say so in the row's 数据完整性 column).
        public var isPartial = false

        public init(_ value: CellValue, format: Format = .general, isPartial: Bool = false) {
            self.value = value
            self.format = format
            self.isPartial = isPartial
        }

        public static let empty = Cell(.empty)

        public static func text(_ text: String?) -> Cell { text.map { Cell(.text($0)) } ?? .empty }

        /// A figure rounded to `decimals` (the ledger keeps the exact value):
        /// whole numbers with thousands separators, others with two decimals shown.
        public static func figure(_ value: Double?, decimals: Int, partial: Bool = false) -> Cell {
            guard let value = value.map({ rounded($0, decimals) }), value.isFinite else { return .empty }
            return Cell(
                .number(value), format: decimals == 0 && abs(value) < 1e15 ? .count : .decimal,
                isPartial: partial)
        }

        /// A fraction shown as a per cent with one decimal, kept to four (0.01 %).
        public static func percent(_ fraction: Double?) -> Cell {
            guard let fraction = fraction.map({ rounded($0, 4) }), fraction.isFinite else { return .empty }
            return Cell(.number(fraction), format: .percent)
        }

        /// A whole number as is (a year, a row number).
        public static func integer(_ value: Int?) -> Cell { value.map { Cell(.number(Double($0))) } ?? .empty }

        /// `value` to `decimals` places; dividing by the power of ten gives
        /// the double nearest the decimal, which prints as written (333, not 333.00000000000006).
        static func rounded(_ value: Double, _ decimals: Int) -> Double {
            let scale = pow(10, Double(decimals))
            let scaled = (value * scale).rounded()
            return scaled.isFinite ? scaled / scale : value
        }
    }

    /// Cells of `columns` (0-based) whose text is `text` get `fill` and `font` colours (RGB).
    public struct Highlight: Equatable, Sendable {
        public var columns: ClosedRange<Int>
        public var text: String
        public var fill: UInt32
        public var font: UInt32
    }

    /// The sheet's name, also the CSV file's and the JSON entry's.
    public var name: String
    public var header: [String]
    public var rows: [[Cell]]
    /// Leading columns kept in view beside the frozen header.
    public var frozenColumns: Int = 0
    /// 0-based columns that get a data bar.
    public var dataBars: [Int] = []
    /// 0-based columns whose long texts wrap, at most this many units wide:
    /// the sheet stays narrow enough to print one page wide at a readable
    /// scale, each row as high as its wrapped text.
    public var wrapped: [Int: Double] = [:]
    public var highlights: [Highlight] = []
}
