import Foundation
import Outbox
import Sheets
import Vocabulary

/// A receipt as a workbook a department reads. 回执: the file, who sent it,
/// when, its hash and the result at the top; below, every issue with its
/// sheet and cell under a frozen header. 导入明细 (when figures count): every
/// figure, with the cell it was read from and what it replaced. Both print on A4
/// landscape one page wide, their header repeated on every page; the
/// long texts wrap within capped columns. The document date is the
/// receipt's received time, so that the same receipt gives the same bytes.
public enum ReceiptWorkbook {
    /// Labels of the summary block, top to bottom.
    static let labels = ["文件名称", "报送单位", "接收时间", "SHA-256", "处理结果", "说明", "统计"]
    /// Header of the issue table.
    public static let issueHeader = ["序号", "级别", "工作表", "单元格/行", "代码", "说明", "Message (English)"]
    /// The row of the issue table's header: title, summary, one blank row.
    public static let issueHeaderRow = labels.count + 3
    /// Widest each issue column gets (序号 … Message): the messages wrap
    /// rather than widen the page. About a landscape A4 page in all.
    static let maximumWidths: [Double] = [12, 8, 14, 12, 22, 40, 44]

    /// Writes the receipt to `path`, whole or not at all.
    public static func write(_ receipt: Receipt, to path: String) throws {
        try AtomicFile.write(to: path) { handle in try write(receipt, into: handle) }
    }

    /// Writes the receipt into an open file (`AtomicFile`'s or `StagedFiles`' temporary).
    public static func write(_ receipt: Receipt, into handle: FileHandle) throws {
        let created = ExcelDate.Components(utc: receipt.receivedAt)
        let workbook = try WorkbookWriter(
            fileDescriptor: handle.fileDescriptor,
            options: .init(
                properties: DocumentProperties(title: "报送回执 \(receipt.fileName)", author: "huanxin", created: created)))
        try write(receipt, into: workbook)
        try writeFigures(receipt, into: workbook)
        try workbook.close()
    }

    private static func write(_ receipt: Receipt, into workbook: WorkbookWriter) throws {
        let sheet = try workbook.addSheet("回执")
        let rows = issueRows(receipt.issues)
        let columnCount = issueHeader.count
        var widths: [Double] = []
        for column in 0..<columnCount {
            var width = ColumnWidth.fitting(issueHeader[column])
            if column == 0 { width = max(width, labels.map(ColumnWidth.fitting).max() ?? 0) }
            for row in rows.prefix(100) { width = max(width, ColumnWidth.fitting(row[column])) }
            widths.append(min(width, maximumWidths[column]))
            try sheet.setColumn(column + 1, width: widths[column])
        }
        try sheet.freezePanes(rows: issueHeaderRow)
        try sheet.hideGridlines()
        try sheet.setPageSetup(
            PageSetup(
                orientation: .landscape, fit: .init(width: 1, height: 0), margins: .narrow,
                header: "&C" + PageSetup.headerFooterText("报送回执 " + receipt.fileName),
                footer: PageSetup.pageNumberFooter,
                centeredHorizontally: true, titleRows: issueHeaderRow...issueHeaderRow))
        // The summary's values span columns B to the last; merged cells do not grow with their text.
        let summaryWidth = widths.dropFirst().reduce(0, +)

        let title = workbook.addStyle(CellStyle(bold: true, fontSize: 14))
        let label = workbook.addStyle(CellStyle(bold: true, fill: Color(rgb: 0xF2F2F2), border: .thin))
        let value = workbook.addStyle(CellStyle(border: .thin, vertical: .top, wrap: true))
        let resultStyle = workbook.addStyle(outcomeStyle(receipt.outcome))
        let header = workbook.addStyle(.header)
        let cell = workbook.addStyle(CellStyle(border: .thin, vertical: .top, wrap: true))
        let errorCell = workbook.addStyle(CellStyle(fontColor: .red, fill: .lightRed, border: .thin, vertical: .top))

        try sheet.addRow([.text("报送回执 Submission receipt")], styles: [title], height: 22)
        let values = summaryValues(receipt)
        for (index, text) in values.enumerated() {
            try sheet.addRow(
                [.text(labels[index]), .text(text)],
                styles: [label, labels[index] == "处理结果" ? resultStyle : value],
                height: ColumnWidth.rowHeight([(text, summaryWidth)]))
            let row = index + 2
            try sheet.mergeCells(
                CellRange(
                    first: CellReference(row: row, column: 2),
                    last: CellReference(row: row, column: columnCount)))
        }
        try sheet.beginRow(issueHeaderRow - 1)
        try sheet.addRow(issueHeader.map(CellValue.text), styles: Array(repeating: header, count: columnCount))
        for (index, row) in rows.enumerated() {
            let levelStyle = receipt.issues[index].severity == .error ? errorCell : cell
            // As high as its longest wrapped message.
            try sheet.addRow(
                row.enumerated().map { column, text in column == 0 ? .number(Double(index + 1)) : .text(text) },
                styles: [cell, levelStyle] + Array(repeating: cell, count: columnCount - 2),
                height: ColumnWidth.rowHeight(Array(zip(row, widths))))
        }
    }

    /// Header of 导入明细.
    public static let figureHeader = [
        "序号", "工作表", "单元格", "指标代码", "地区代码", "期间", "填报值", "填报单位", "计入值", "单位", "状态",
    ]

    /// 导入明细: one row per figure counted, in file order. A file with none
    /// (rejected, misplaced, not read) has no such sheet: 回执 says why, on one page.
    private static func writeFigures(_ receipt: Receipt, into workbook: WorkbookWriter) throws {
        guard !receipt.figures.isEmpty else { return }
        let sheet = try workbook.addSheet("导入明细")
        let rows = receipt.figures.map { figureRow($0, receipt: receipt) }
        var widths: [Double] = []
        for column in figureHeader.indices {
            var width = ColumnWidth.fitting(figureHeader[column])
            for row in rows.prefix(100) { width = max(width, ColumnWidth.fitting(row[column])) }
            // The status names a file when the figure was corrected or replaced: it wraps.
            widths.append(column == figureHeader.count - 1 ? min(width, 40) : width)
            try sheet.setColumn(column + 1, width: widths[column])
        }
        try sheet.freezePanes(rows: 1)
        try sheet.setPageSetup(
            PageSetup(
                orientation: .landscape, fit: .init(width: 1, height: 0), margins: .narrow,
                header: "&C" + PageSetup.headerFooterText("导入明细 " + receipt.fileName),
                footer: PageSetup.pageNumberFooter, centeredHorizontally: true, printsGridlines: true,
                titleRows: 1...1))
        let header = workbook.addStyle(.header)
        try sheet.addRow(figureHeader.map(CellValue.text), styles: Array(repeating: header, count: figureHeader.count))
        let top = workbook.addStyle(CellStyle(vertical: .top))
        let status = workbook.addStyle(CellStyle(vertical: .top, wrap: true))
        for (index, figure) in receipt.figures.enumerated() {
            let texts = rows[index]
            var cells = texts.map(CellValue.text)
            cells[0] = .number(Double(index + 1))
            cells[8] = .number(figure.value)
            try sheet.addRow(
                cells, styles: Array(repeating: top, count: 10) + [status],
                height: ColumnWidth.rowHeight([(texts[10], widths[10])]))
        }
    }

    /// A figure's texts in the order of `figureHeader`.
    static func figureRow(_ figure: Receipt.Figure, receipt: Receipt) -> [String] {
        [
            "", figure.sheet ?? "", figure.cell ?? "", figure.indicator, figure.region, figure.period,
            figure.writtenValue ?? "", figure.writtenUnit ?? "", Receipt.number(figure.value), figure.unit ?? "",
            figureStatus(figure, receipt: receipt),
        ]
    }

    /// `计入（新增）`, `计入（更正：原值 36310，来自 2026-Q4.xlsx）`, `计入（与原值相同）`, or
    /// `已被 2026-11(1).xlsx 替换，不再计入` for a month a later file replaced.
    public static func figureStatus(_ figure: Receipt.Figure, receipt: Receipt) -> String {
        if let later = receipt.replacedBy.first(where: { $0.period == figure.period }) {
            return "已被 \(Receipt.fileName(later.path)) 替换，不再计入"
        }
        switch figure.change {
        case .new: return "计入（新增）"
        case .unchanged: return "计入（与原值相同）"
        case .changed:
            let from = figure.previousPath.map { "，来自 \(Receipt.fileName($0))" } ?? ""
            return "计入（更正：原值 \(Receipt.number(figure.previous ?? 0))\(from)）"
        }
    }

    /// The summary block's values, in the order of `labels`.
    static func summaryValues(_ receipt: Receipt) -> [String] {
        let submitter = [receipt.region?.chinese, receipt.department?.chinese].compactMap { $0 }.joined(separator: " ")
        return [
            receipt.fileName,
            submitter.isEmpty ? "（未知 unknown）" : submitter,
            ReceiptTime.chinese(receipt.receivedAt),
            receipt.sha256 ?? "（未读取 not read）",
            receipt.outcome.chinese,
            receipt.summaryChinese,
            "数据 \(receipt.observations) 条；错误 \(receipt.errorCount) 个；提示 \(receipt.warningCount) 个"
                + (receipt.confirmedCount > 0 ? "；已说明属实 \(receipt.confirmedCount) 个" : ""),
        ]
    }

    /// One row of texts per issue: number (filled in as a number), level,
    /// sheet, cell or row, code, messages.
    static func issueRows(_ issues: [Issue]) -> [[String]] {
        issues.enumerated().map { index, issue in
            [
                String(index + 1), issue.levelChinese, issue.location.sheet ?? "", place(issue.location),
                issue.code, issue.messageWithConfirmationZh, issue.messageEn,
            ]
        }
    }

    /// `B7`, or `第7行`, `第2列`, `第7行第2列` when the issue has no single cell.
    static func place(_ location: IssueLocation) -> String {
        if let cell = location.cell { return cell }
        return (location.row.map { "第\($0)行" } ?? "") + (location.column.map { "第\($0)列" } ?? "")
    }

    private static func outcomeStyle(_ outcome: Receipt.Outcome) -> CellStyle {
        switch outcome {
        case .accepted, .duplicate, .superseded:
            CellStyle(bold: true, fontColor: .green, fill: .lightGreen, border: .thin)
        case .rejected, .misplaced, .notRead:
            CellStyle(bold: true, fontColor: .red, fill: .lightRed, border: .thin)
        }
    }
}

/// Times on receipts for people: China Standard Time, whole seconds, whatever
/// the server's time zone (programs read ISO 8601 UTC: `DocumentJSON`).
public enum ReceiptTime {
    /// `2026-11-23 10:00:00（北京时间）`
    public static func chinese(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // Reckoned, not formatted (a formatter per receipt was an eighth of
        // its workbook), where China's clocks are UTC+8 all year round:
        // from 1992, after the summer times of 1986–1991, to the year 9999.
        guard seconds >= fixedOffsetSince, seconds < 253_402_300_800 - 8 * 3600 else { return formatted(date) }
        let time = ExcelDate.Components(secondsSince1970: Int64(seconds) + 8 * 3600)
        return "\(time.year)-\(twoDigits(time.month))-\(twoDigits(time.day)) "
            + "\(twoDigits(time.hour)):\(twoDigits(time.minute)):\(twoDigits(time.second))（北京时间）"
    }

    /// 1992-01-01 00:00:00 UTC.
    static let fixedOffsetSince: TimeInterval = 694_224_000

    /// `chinese` by the calendar and time zone, for any time.
    static func formatted(_ date: Date) -> String {
        date.formatted(
            Date.VerbatimFormatStyle(
                format:
                    "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)",
                timeZone: ProgrammeCalendar.timeZone, calendar: ProgrammeCalendar.gregorian)) + "（北京时间）"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

extension ExcelDate.Components {
    /// The UTC calendar date and time of `date`, to the second.
    init(utc date: Date) {
        self.init(secondsSince1970: Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}
