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

        public init(_ value: CellValue, format: Format = .general) {
            self.value = value
            self.format = format
        }

        public static let empty = Cell(.empty)

        public static func text(_ text: String?) -> Cell { text.map { Cell(.text($0)) } ?? .empty }

        /// A figure: whole numbers with thousands separators, others with two decimals.
        public static func figure(_ value: Double?) -> Cell {
            guard let value else { return .empty }
            return Cell(.number(value), format: value.rounded() == value && abs(value) < 1e15 ? .count : .decimal)
        }

        public static func percent(_ fraction: Double?) -> Cell {
            fraction.map { Cell(.number($0), format: .percent) } ?? .empty
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
    public var highlights: [Highlight] = []
}
