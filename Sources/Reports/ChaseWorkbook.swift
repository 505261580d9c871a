import Foundation
import Rollup
import Sheets
import Vocabulary

/// The 催报清单 workbook (`huanxin chase`): one row per submitter to chase
/// for a period, every city of the status report on one sheet, for the
/// task force to phone down the list. Same look as the roll-up workbooks.
public enum ChaseWorkbook {
    static let header = [
        "市", "地区代码", "地区", "部门代码", "部门", "情况", "欠报期间", "月数", "应报日期", "最近文件",
        "收到日期", "原因", "说明",
    ]

    /// The list as a table: cities in order, each city's entries as `ChaseList` ordered them.
    public static func table(_ report: StatusReport) -> RollupTable {
        table(report.cities.map { (city: $0.name, entries: $0.chase) })
    }

    /// The same list of each city's entries, for the roll-up workbook too.
    static func table(_ cities: [(city: String, entries: [ChaseEntry])]) -> RollupTable {
        let rows: [[RollupTable.Cell]] = cities.flatMap { city, entries in
            entries.map { entry in
                let periods =
                    entry.periods.count > 1
                    ? "\(entry.periods.first!) 至 \(entry.periods.last!)"
                    : entry.periods.first?.description
                return [
                    .text(city), .text(entry.region), .text(entry.regionName), .text(entry.department),
                    .text(entry.departmentName), .text(entry.label), .text(periods),
                    RollupTable.Cell(.number(Double(entry.periods.count)), format: .count), .text(entry.due),
                    .text(entry.latestPath), .text(entry.latestReceivedAt.map(ProgrammeCalendar.dayText)),
                    .text(entry.reason?.messageZh), .text(entry.attributedBy?.chinese),
                ]
            }
        }
        let colours: [(String, UInt32, UInt32)] = [
            ("退回", 0xFFC7CE, 0x9C0006), ("更正被退回", 0xFFC7CE, 0x9C0006), ("未报", 0xFCE4D6, 0xC00000),
        ]
        return RollupTable(
            name: "催报清单", header: header, rows: rows, frozenColumns: 5,
            wrapped: [header.firstIndex(of: "最近文件")!: 24, header.firstIndex(of: "原因")!: 36],
            highlights: colours.map { .init(columns: 5...5, text: $0.0, fill: $0.1, font: $0.2) })
    }

    /// Writes the list to `path`, whole or not at all; dated `asOf` (UTC), so
    /// the same report gives the same bytes.
    public static func write(_ report: StatusReport, to path: String) throws {
        let properties = DocumentProperties(
            title: "\(report.period) 催报清单", author: "huanxin",
            created: ExcelDate.Components(utc: report.asOf))
        try RollupWorkbook.write([table(report)], properties: properties, to: path)
    }
}
