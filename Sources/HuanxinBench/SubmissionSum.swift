import Sheets

/// The measured task, the same for every program of the benchmark: read the
/// whole submission table and sum 数值 grouped by (地区代码, 指标代码).
struct SubmissionSum {
    /// Data rows after the header row.
    private(set) var rows = 0
    private(set) var sums = GroupedSums()

    /// The 1-based columns of the header's names, once the header row is seen.
    private var columns: (region: Int, indicator: Int, value: Int)?

    /// Reads the first sheet of the file at `path` through `openWorkbook`,
    /// the reading path of the nightly run.
    static func of(path: String) throws -> SubmissionSum {
        var task = SubmissionSum()
        let workbook = try openWorkbook(atPath: path)
        _ = try workbook.readRows(ofSheet: 0) { row in try task.add(row) }
        guard task.columns != nil else { throw BenchError("no header row with 地区代码, 指标代码 and 数值 in \(path)") }
        return task
    }

    private mutating func add(_ row: SheetRow) throws {
        guard let columns else {
            columns = Self.headerColumns(row)
            return
        }
        rows += 1
        var region: SheetCell?
        var indicator: SheetCell?
        var value = 0.0
        for cell in row.cells {
            switch cell.column {
            case columns.region: region = cell
            case columns.indicator: indicator = cell
            case columns.value: value = try Self.number(cell, in: row)
            default: continue
            }
        }
        row.textBytes.withUnsafeBytes { text in
            sums.add(value, to: Self.bytes(of: region, in: text), Self.bytes(of: indicator, in: text))
        }
    }

    /// A cell's text bytes in the row's text, empty for no cell or a number.
    private static func bytes(of cell: SheetCell?, in text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let cell else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: text[Int(cell.textStart)..<Int(cell.textStart + cell.textCount)])
    }

    /// The columns of 地区代码, 指标代码 and 数值 if `row` names all three.
    private static func headerColumns(_ row: SheetRow) -> (region: Int, indicator: Int, value: Int)? {
        func column(_ name: String) -> Int? {
            row.cells.first { $0.kind == .text && row.bytes(of: $0).elementsEqual(name.utf8) }?.column
        }
        guard let region = column("地区代码"), let indicator = column("指标代码"), let value = column("数值") else {
            return nil
        }
        return (region, indicator, value)
    }

    private static func number(_ cell: SheetCell, in row: SheetRow) throws -> Double {
        switch cell.kind {
        case .number: return cell.number
        case .empty: return 0
        case .text:
            let parsed = row.textBytes.withUnsafeBytes { text in DecimalText.parse(bytes(of: cell, in: text)) }
            if let parsed { return parsed }
            fallthrough
        default:
            throw BenchError("row \(row.number): 数值 is not a number: \(row.value(of: cell))")
        }
    }
}
