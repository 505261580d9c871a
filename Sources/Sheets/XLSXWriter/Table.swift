/// The common case in one call: a sheet holding a table under a styled header.
extension WorkbookWriter {
    /// Rows sampled for column widths.
    static let widthSampleRows = 100

    /// Adds a sheet with `header` in bold on a grey fill with borders,
    /// frozen above the rows, with filter buttons, and columns wide enough
    /// for the header and the first rows (CJK counted double width).
    /// `columnStyles[i]`, if present, styles column i's cells (number formats,
    /// say). Rows stream through: only the sampled first rows are held.
    /// Returns the sheet, still open for merges, validations and the like.
    @discardableResult
    public func addTable(
        name: String, header: [String], rows: some Sequence<[CellValue]>,
        columnStyles: [CellStyle?] = [], headerStyle: CellStyle = .header
    ) throws -> WorksheetWriter {
        let sheet = try addSheet(name)
        var iterator = rows.makeIterator()
        var sample: [[CellValue]] = []
        while sample.count < Self.widthSampleRows, let row = iterator.next() { sample.append(row) }

        let columnCount = max(header.count, sample.map(\.count).max() ?? 0)
        let styles = (0..<columnCount).map { column in
            column < columnStyles.count ? columnStyles[column].map(addStyle) ?? .default : .default
        }
        for column in 0..<columnCount {
            var width = column < header.count ? ColumnWidth.fitting(header[column]) : ColumnWidth.standard
            for row in sample where column < row.count {
                width = max(width, ColumnWidth.fitting(Self.displayText(row[column])))
            }
            try sheet.setColumn(column + 1, width: width)
        }
        try sheet.freezePanes(rows: 1)

        let headerID = addStyle(headerStyle)
        try sheet.addRow(header.map(CellValue.text), styles: Array(repeating: headerID, count: header.count))
        var lastRow = 1
        for row in sample {
            try sheet.addRow(row, styles: styles)
            lastRow += 1
        }
        while let row = iterator.next() {
            try sheet.addRow(row, styles: styles)
            lastRow += 1
        }
        if columnCount > 0 {
            try sheet.setAutoFilter(
                CellRange(
                    first: CellReference(row: 1, column: 1),
                    last: CellReference(row: lastRow, column: columnCount)))
        }
        return sheet
    }

    /// Roughly what Excel shows for a value, for widths.
    private static func displayText(_ value: CellValue) -> String {
        switch value {
        case .empty: ""
        case .text(let text), .error(let text): text
        case .number(let number): number.formulaText
        case .dateTime: "2000-01-01 00:00:00"
        case .boolean(let flag): flag ? "TRUE" : "FALSE"
        }
    }
}
