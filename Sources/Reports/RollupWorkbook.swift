import Foundation
import Outbox
import Sheets

/// Writes a roll-up's tables as one `.xlsx`: a sheet per table under a
/// bold frozen header, numbers formatted `#,##0`, `#,##0.00` or `0.0%`,
/// columns sized for CJK text, data bars and status colours by
/// conditional formatting. The document date is the period's last day,
/// so the same tables give the same bytes.
public enum RollupWorkbook {
    public static func write(_ rollup: RollupTables, to path: String) throws {
        let next = rollup.period.advanced(by: 1)
        // The period's last day: the day before the first of the next month.
        let created = ExcelDate.components(
            serial: ExcelDate.serial(.init(year: next.year, month: next.month, day: 1)) - 1)!
        let title = "\(rollup.region.name) \(rollup.period) 设备更新和消费品以旧换新汇总"
        let properties = DocumentProperties(title: title, author: "huanxin", created: created)
        try AtomicFile.write(to: path) { handle in
            let workbook = try WorkbookWriter(
                fileDescriptor: handle.fileDescriptor,
                options: .init(properties: properties))
            try RollupSummarySheet.write(rollup, title: title, to: workbook)
            for table in rollup.tables { try addSheet(table, title: title, to: workbook) }
            try RollupChartSheets.write(rollup, title: title, to: workbook)
            try workbook.close()
        }
    }

    /// Writes `tables` as a workbook of the same look and print setup (the 催报清单 too).
    public static func write(_ tables: [RollupTable], properties: DocumentProperties, to path: String) throws {
        try AtomicFile.write(to: path) { handle in
            let workbook = try WorkbookWriter(
                fileDescriptor: handle.fileDescriptor,
                options: .init(properties: properties))
            for table in tables { try addSheet(table, title: properties.title ?? "", to: workbook) }
            try workbook.close()
        }
    }

    /// Columns sized from the header and this many first rows.
    static let widthSampleRows = 200

    private static func addSheet(_ table: RollupTable, title: String, to workbook: WorkbookWriter) throws {
        let sheet = try workbook.addSheet(table.name)
        let columnCount = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        var widths: [Double] = []
        for column in 0..<columnCount {
            var width = column < table.header.count ? ColumnWidth.fitting(table.header[column]) : ColumnWidth.standard
            for row in table.rows.prefix(widthSampleRows) where column < row.count {
                width = max(width, ColumnWidth.fitting(displayText(row[column])))
            }
            if let cap = table.wrapped[column] { width = min(width, cap) }
            widths.append(width)
            try sheet.setColumn(column + 1, width: width)
        }
        try sheet.freezePanes(rows: 1, columns: table.frozenColumns)
        try sheet.setPageSetup(
            RollupPrinting.pageSetup(
                title: title, columnWidths: widths,
                repeatedColumns: table.frozenColumns))

        let header = workbook.addStyle(.header)
        try sheet.addRow(
            table.header.map(CellValue.text), styles: Array(repeating: header, count: table.header.count),
            height: ColumnWidth.rowHeight(Array(zip(table.header, widths))))
        let formats: [(RollupTable.Format, NumberFormat)] = [
            (.general, .general), (.count, .thousands), (.decimal, .thousandsTwoDecimals),
            (.percent, .percentOneDecimal),
        ]
        // A partial figure is shaded: it lacks some of the reports it should count. Rows
        // with wrapped text grow downwards, so then every cell sits at the top.
        let vertical: VerticalAlignment? = table.wrapped.isEmpty ? nil : .top
        var styles: [StyleKey: CellStyleID] = [:]
        for (format, numberFormat) in formats {
            for partial in [false, true] {
                let style = CellStyle(fill: partial ? partialFill : nil, vertical: vertical, numberFormat: numberFormat)
                styles[StyleKey(format: format, partial: partial)] =
                    style == CellStyle() ? .default : workbook.addStyle(style)
            }
        }
        let wrappedText = table.wrapped.isEmpty ? .default : workbook.addStyle(CellStyle(vertical: .top, wrap: true))
        for row in table.rows {
            let cellStyles = row.enumerated().map { column, cell in
                table.wrapped[column] != nil && cell.format == .general && !cell.isPartial
                    ? wrappedText : styles[StyleKey(format: cell.format, partial: cell.isPartial)]!
            }
            let wrappedTexts = row.enumerated().compactMap { column, cell -> (text: String, width: Double)? in
                guard table.wrapped[column] != nil, case .text(let text) = cell.value else { return nil }
                return (text, widths[column])
            }
            try sheet.addRow(row.map(\.value), styles: cellStyles, height: ColumnWidth.rowHeight(wrappedTexts))
        }

        guard !table.rows.isEmpty, columnCount > 0 else { return }
        let lastRow = table.rows.count + 1
        func body(_ columns: ClosedRange<Int>) -> CellRange {
            CellRange(
                first: CellReference(row: 2, column: columns.lowerBound + 1),
                last: CellReference(row: lastRow, column: columns.upperBound + 1))
        }
        try sheet.setAutoFilter(
            CellRange(
                first: CellReference(row: 1, column: 1),
                last: CellReference(row: lastRow, column: columnCount)))
        for column in table.dataBars {
            try sheet.addConditionalFormat(.dataBar(body(column...column)))
        }
        for highlight in table.highlights {
            let style = CellStyle(fontColor: Color(rgb: highlight.font), fill: Color(rgb: highlight.fill))
            try sheet.addConditionalFormat(
                ConditionalFormat(
                    range: body(highlight.columns),
                    rule: .cellValue(.equal, formulas: ["\"\(highlight.text)\""], style: style)))
        }
    }

    private struct StyleKey: Hashable {
        let format: RollupTable.Format
        let partial: Bool
    }

    /// The shade of a partial figure (light amber, as the 部分 mark).
    static let partialFill = Color(rgb: 0xFFEB9C)

    /// Roughly what Excel shows, for widths.
    /// `-1234567.50` as `-1,234,567.50`.
    private static func grouped(_ digits: String) -> String {
        let sign = digits.hasPrefix("-") ? "-" : ""
        let parts = digits.dropFirst(sign.count).split(separator: ".", maxSplits: 1)
        var whole = ""
        for (offset, digit) in parts[0].enumerated() {
            if offset > 0, (parts[0].count - offset) % 3 == 0 { whole.append(",") }
            whole.append(digit)
        }
        return sign + whole + (parts.count > 1 ? "." + parts[1] : "")
    }

    private static func displayText(_ cell: RollupTable.Cell) -> String {
        switch cell.value {
        case .empty: ""
        case .text(let text), .error(let text): text
        case .number(let number):
            switch cell.format {
            case .percent: "100.0%"
            // As `#,##0` and `#,##0.00` show it, and a space: a column too narrow shows ####.
            case .count: grouped(String(format: "%.0f", number)) + " "
            case .decimal, .general: grouped(String(format: "%.2f", number)) + " "
            }
        case .dateTime: "2000-01-01"
        case .boolean(let flag): flag ? "TRUE" : "FALSE"
        }
    }
}
