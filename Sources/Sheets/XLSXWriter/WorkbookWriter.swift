extension SheetError.Code {
    /// A workbook Excel cannot open: no sheets, or none visible.
    public static let noVisibleSheet = Self("no-visible-sheet")
}

/// Writes an `.xlsx` workbook front to back, in constant memory apart from
/// the shared-string table (see `Options.inlineStrings`).
///
/// ```swift
/// let workbook = try WorkbookWriter(path: "汇总.xlsx")
/// try workbook.addTable(name: "总览", header: ["地区", "数值"], rows: rows)
/// try workbook.close()
/// ```
/// For more control, `addSheet` gives a `WorksheetWriter` (see there for
/// the order of calls) and `addStyle` registers a `CellStyle`. Sheets are
/// written one at a time: adding a sheet finishes the previous one.
/// The same calls give byte-identical files.
public final class WorkbookWriter {
    public struct Options: Sendable {
        /// zlib level, 0–9; 6 as zlib and libxlsxwriter default to.
        public var compressionLevel: Int32 = 6
        /// Text goes into each cell (`inlineStr`) instead of the shared-string
        /// table: memory stays constant whatever the number of distinct
        /// texts, files get larger when texts repeat.
        public var inlineStrings = false
        public var properties = DocumentProperties()

        public init(
            compressionLevel: Int32 = 6, inlineStrings: Bool = false,
            properties: DocumentProperties = DocumentProperties()
        ) {
            self.compressionLevel = compressionLevel
            self.inlineStrings = inlineStrings
            self.properties = properties
        }
    }

    let options: Options
    var styles = StyleSheet()
    var sharedStrings = SharedStringTable()
    private let zip: ZipWriter
    private let file: FileDescriptorSink
    private var sheets: [WorksheetWriter] = []
    private var closed = false
    private var sheetEntryOpen = false
    /// Drawing and chart parts written so far; both are numbered across the workbook.
    private var drawingCount = 0
    private var chartCount = 0
    private var dateStyles: (date: CellStyleID?, dateTime: CellStyleID?) = (nil, nil)

    /// Creates (or truncates) the file at `path`.
    public convenience init(path: String, options: Options = Options()) throws {
        try self.init(sink: FileDescriptorSink(path: path), options: options)
    }

    /// Writes to an open file descriptor, e.g. `AtomicFile`'s temporary file; the caller closes it.
    public convenience init(fileDescriptor: Int32, options: Options = Options()) throws {
        try self.init(sink: FileDescriptorSink(descriptor: fileDescriptor), options: options)
    }

    init(sink: FileDescriptorSink, options: Options, zip64Threshold: UInt64 = UInt64(UInt32.max)) throws {
        self.file = sink
        self.options = options
        self.zip = try ZipWriter(sink: sink, compressionLevel: options.compressionLevel, zip64Threshold: zip64Threshold)
    }

    /// The handle of `style` for cells, columns and rows.
    public func addStyle(_ style: CellStyle) -> CellStyleID {
        styles.register(style)
    }

    /// The style dates get when the caller gives none.
    func dateStyle(hasTime: Bool) -> CellStyleID {
        if hasTime {
            if dateStyles.dateTime == nil { dateStyles.dateTime = addStyle(CellStyle(numberFormat: .isoDateTime)) }
            return dateStyles.dateTime!
        }
        if dateStyles.date == nil { dateStyles.date = addStyle(CellStyle(numberFormat: .isoDate)) }
        return dateStyles.date!
    }

    /// Finishes the open sheet and starts a new one named `name`, which
    /// must follow Excel's rules (≤ 31 characters, none of `[]:*?/\`, not
    /// blank, no apostrophe at either end, unique ignoring case).
    public func addSheet(_ name: String, visibility: SheetVisibility = .visible) throws -> WorksheetWriter {
        precondition(!closed, "WorkbookWriter: the workbook is closed")
        try SheetName.validate(name, existing: sheets.map(\.name))
        try finishOpenSheet()
        // The first visible sheet is the one the workbook opens on.
        let isActive = visibility == .visible && !sheets.contains { $0.visibility == .visible }
        let sheet = WorksheetWriter(
            name: name, visibility: visibility, index: sheets.count, isActive: isActive,
            workbook: self, sink: zip)
        try zip.beginEntry("xl/worksheets/sheet\(sheets.count + 1).xml")
        sheetEntryOpen = true
        sheets.append(sheet)
        return sheet
    }

    private func finishOpenSheet() throws {
        guard sheetEntryOpen, let open = sheets.last else { return }
        try open.finish()
        try zip.endEntry()
        sheetEntryOpen = false
        try writeCharts(of: open)
    }

    /// A finished sheet's charts: its relationships to its drawing, the
    /// drawing with the charts' places, its relationships to the charts, the charts.
    private func writeCharts(of sheet: WorksheetWriter) throws {
        guard !sheet.charts.isEmpty else { return }
        drawingCount += 1
        let drawing = drawingCount
        try writePart("xl/worksheets/_rels/sheet\(sheet.index + 1).xml.rels") {
            try PackageRelationships.writeSheet(drawing: drawing, to: $0)
        }
        try writePart("xl/drawings/drawing\(drawing).xml") { try DrawingWriter.write(sheet.chartAnchors(), to: $0) }
        let first = chartCount + 1
        chartCount += sheet.charts.count
        try writePart("xl/drawings/_rels/drawing\(drawing).xml.rels") {
            try PackageRelationships.writeDrawing(charts: first...chartCount, to: $0)
        }
        for (offset, chart) in sheet.charts.enumerated() {
            let number = first + offset
            try writePart("xl/charts/chart\(number).xml") {
                try ChartWriter(
                    spec: chart.spec, axisIDs: chart.axisIDs ?? ChartWriter.axisIDs(chartNumber: number),
                    out: $0
                ).write()
            }
        }
    }

    /// Finishes the last sheet and writes the workbook's other parts.
    public func close() throws {
        precondition(!closed, "WorkbookWriter: closed twice")
        try finishOpenSheet()
        closed = true
        guard sheets.contains(where: { $0.visibility == .visible }) else {
            throw SheetError(.noVisibleSheet, sheets.isEmpty ? "the workbook has no sheet" : "every sheet is hidden")
        }
        let hasSharedStrings = sharedStrings.uniqueCount > 0
        try writePart("[Content_Types].xml") {
            try ContentTypes.write(
                sheetCount: sheets.count, hasSharedStrings: hasSharedStrings,
                drawingCount: drawingCount, chartCount: chartCount, to: $0)
        }
        try writePart("_rels/.rels") { try PackageRelationships.writeRoot(to: $0) }
        try writePart("docProps/app.xml") { try options.properties.writeApp(to: $0) }
        try writePart("docProps/core.xml") { try options.properties.writeCore(to: $0) }
        try writePart("xl/workbook.xml") { try writeWorkbookPart(to: $0) }
        try writePart("xl/_rels/workbook.xml.rels") {
            try PackageRelationships.writeWorkbook(sheetCount: sheets.count, hasSharedStrings: hasSharedStrings, to: $0)
        }
        try writePart("xl/theme/theme1.xml") { try Theme.write(to: $0) }
        try writePart("xl/styles.xml") { try styles.write(to: $0) }
        if hasSharedStrings {
            try writePart("xl/sharedStrings.xml") { try sharedStrings.write(to: $0) }
        }
        try zip.finish()
        try file.close()
    }

    private func writePart(_ name: String, _ body: (ByteStream) throws -> Void) throws {
        try zip.beginEntry(name)
        let out = ByteStream(sink: zip)
        try body(out)
        try out.flush()
        try zip.endEntry()
    }

    /// `xl/workbook.xml`: the sheets in order, their visibility, the
    /// defined names Excel expects for autofilters, print areas and titles.
    private func writeWorkbookPart(to out: ByteStream) throws {
        try out.appendXMLDeclaration()
        try out.append(
            #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        )
        let active = sheets.firstIndex { $0.isActive } ?? 0
        try out.append(#"<bookViews><workbookView"#)
        if active > 0 {
            try out.append(#" firstSheet=""#)
            try out.appendDecimal(active)
            try out.append(#"" activeTab=""#)
            try out.appendDecimal(active)
            try out.append(#"""#)
        }
        try out.append("/></bookViews><sheets>")
        for sheet in sheets {
            try out.append(#"<sheet name=""#)
            try out.appendEscapedAttribute(sheet.name)
            try out.append(#"" sheetId=""#)
            try out.appendDecimal(sheet.index + 1)
            try out.append(#"""#)
            if sheet.visibility != .visible {
                try out.append(#" state=""#)
                try out.append(utf8: sheet.visibility.rawValue)
                try out.append(#"""#)
            }
            try out.append(#" r:id="rId"#)
            try out.appendDecimal(sheet.index + 1)
            try out.append(#""/>"#)
        }
        try out.append("</sheets>")
        // Excel's order: by name (`_FilterDatabase`, `Print_Area`, `Print_Titles`), then by sheet.
        let names: [(name: String, sheet: WorksheetWriter, hidden: Bool, value: String)] =
            sheets.compactMap { sheet in
                sheet.autoFilter.map {
                    ("_xlnm._FilterDatabase", sheet, true, SheetName.quotedForFormula(sheet.name) + $0.absolute)
                }
            }
            + sheets.compactMap { sheet in
                sheet.pageSetup?.printAreaFormula(sheet: sheet.name).map { ("_xlnm.Print_Area", sheet, false, $0) }
            }
            + sheets.compactMap { sheet in
                sheet.pageSetup?.printTitlesFormula(sheet: sheet.name).map { ("_xlnm.Print_Titles", sheet, false, $0) }
            }
        if !names.isEmpty {
            try out.append("<definedNames>")
            for name in names {
                try out.append(#"<definedName name=""#)
                try out.append(utf8: name.name)
                try out.append(#"" localSheetId=""#)
                try out.appendDecimal(name.sheet.index)
                try out.append(name.hidden ? #"" hidden="1">"# : #"">"#)
                try out.appendEscapedText(name.value)
                try out.append("</definedName>")
            }
            try out.append("</definedNames>")
        }
        try out.append(#"<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>"#)
    }
}
