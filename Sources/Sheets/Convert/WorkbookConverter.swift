import Foundation

extension SheetError.Code {
    /// An output file name whose extension names no format we write.
    public static let unsupportedOutput = Self("unsupported-output")
}

/// Writes any readable `Workbook` as `.xlsx` or `.csv`, keeping values and
/// their kinds: text stays text (`001` is not turned into 1), dates stay
/// dates with a date format, merged ranges stay merged.
public enum WorkbookConverter {
    public enum Format: Sendable {
        case xlsx, csv

        /// The format named by the path's extension, or `unsupported-output`.
        public init(path: String) throws {
            switch (path as NSString).pathExtension.lowercased() {
            case "xlsx": self = .xlsx
            case "csv": self = .csv
            default:
                throw SheetError(.unsupportedOutput, "cannot tell the output format: name it .xlsx or .csv", file: path)
            }
        }
    }

    /// Converts `workbook` to the file at `path`, its format chosen by the
    /// extension: every sheet into an `.xlsx`, sheet `sheet` (0-based) into a `.csv`.
    public static func convert(
        _ workbook: some Workbook, to path: String, sheet: Int = 0,
        xlsxOptions: WorkbookWriter.Options = .init(),
        csvOptions: CSVWriter.Options = .init()
    ) throws {
        let format = try Format(path: path)
        try convert(
            workbook, as: format, to: FileDescriptorSink(path: path), sheet: sheet,
            xlsxOptions: xlsxOptions, csvOptions: csvOptions)
    }

    /// Converts `workbook` into an open file, e.g. `AtomicFile`'s temporary
    /// file; the caller closes the descriptor.
    public static func convert(
        _ workbook: some Workbook, as format: Format, toFileDescriptor descriptor: Int32,
        sheet: Int = 0, xlsxOptions: WorkbookWriter.Options = .init(),
        csvOptions: CSVWriter.Options = .init()
    ) throws {
        try convert(
            workbook, as: format, to: FileDescriptorSink(descriptor: descriptor), sheet: sheet,
            xlsxOptions: xlsxOptions, csvOptions: csvOptions)
    }

    private static func convert(
        _ workbook: some Workbook, as format: Format, to file: FileDescriptorSink, sheet: Int,
        xlsxOptions: WorkbookWriter.Options, csvOptions: CSVWriter.Options
    ) throws {
        switch format {
        case .xlsx:
            let writer = try WorkbookWriter(sink: file, options: xlsxOptions)
            try writeXLSX(workbook, to: writer)
            try writer.close()
        case .csv:
            let writer = try CSVWriter(file: file, options: csvOptions)
            try writeCSV(workbook, sheet: sheet, to: writer)
            try writer.close()
        }
    }

    /// Copies every sheet, names kept (or made valid), hidden sheets hidden.
    public static func writeXLSX(_ workbook: some Workbook, to writer: WorkbookWriter) throws {
        var names: [String] = []
        let durationStyle = writer.addStyle(CellStyle(numberFormat: .elapsedTime))
        for info in try workbook.sheets {
            let name = SheetName.sanitized(info.name, existing: names)
            names.append(name)
            let sheet = try writer.addSheet(name, visibility: info.visibility)
            let summary = try workbook.readRows(ofSheet: info.index) { row in
                try sheet.beginRow(row.number > 0 ? row.number : nil)
                for cell in row.cells {
                    try sheet.moveToColumn(cell.column)
                    try write(cell, of: row, to: sheet, durationStyle: durationStyle)
                }
            }
            for range in summary.mergedRanges { try sheet.mergeCells(range) }
        }
    }

    private static func write(
        _ cell: SheetCell, of row: SheetRow, to sheet: WorksheetWriter, durationStyle: CellStyleID
    ) throws {
        switch cell.kind {
        case .empty: sheet.skipColumns()
        case .text: try withBytes(of: cell, in: row) { try sheet.writeText(bytes: $0) }
        case .number where cell.isDuration: try sheet.writeNumber(cell.number, style: durationStyle)
        case .number: try sheet.writeNumber(cell.number)
        case .dateTime: try sheet.writeDate(serial: cell.number)
        case .boolean: try sheet.writeBoolean(cell.number != 0)
        case .error: try sheet.writeError(row.text(of: cell))
        }
    }

    /// Writes one sheet as CSV records, keeping row and column positions:
    /// rows the reader skipped as empty become empty records.
    public static func writeCSV(_ workbook: some Workbook, sheet index: Int, to writer: CSVWriter) throws {
        let info = try workbook.sheet(at: index)
        var lastRow = 0
        _ = try workbook.readRows(ofSheet: info.index) { row in
            let number = row.number > 0 ? row.number : lastRow + 1
            for _ in lastRow + 1..<max(lastRow + 1, number) { try writer.endRecord() }
            lastRow = number
            var column = 1
            for cell in row.cells {
                while column < cell.column {
                    try writer.writeEmpty()
                    column += 1
                }
                switch cell.kind {
                case .empty: try writer.writeEmpty()
                case .text, .error: try withBytes(of: cell, in: row) { try writer.writeText(bytes: $0) }
                case .number: try writer.writeNumber(cell.number)
                case .dateTime: try writer.writeDate(serial: cell.number)
                case .boolean: try writer.writeText(cell.number != 0 ? "TRUE" : "FALSE")
                }
                column += 1
            }
            try writer.endRecord()
        }
    }

    /// Lends a text cell's bytes without copying them.
    private static func withBytes(
        of cell: SheetCell, in row: SheetRow,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try row.textBytes.withUnsafeBytes { buffer in
            try body(
                UnsafeRawBufferPointer(rebasing: buffer[Int(cell.textStart)..<Int(cell.textStart + cell.textCount)]))
        }
    }
}
