import Foundation
import Testing

@testable import Sheets

/// The chart and drawing parts against the ones Excel wrote for the same
/// chart (libxlsxwriter's method: its `chart_*` files of the corpus, each
/// rebuilt with the same data, place and axis ids), and each element.
@Suite struct ChartWriterTests {
    /// The corpus files' data: A1:C5 holding 1…5, 2…10 and 3…15.
    static let columns: [[Double]] = [[1, 2, 3, 4, 5], [2, 4, 6, 8, 10], [3, 6, 9, 12, 15]]

    static func cells(_ column: Int) -> ChartCells {
        ChartCells(
            sheet: "Sheet1",
            CellRange(
                first: CellReference(row: 1, column: column + 1),
                last: CellReference(row: 5, column: column + 1)))
    }

    static func series(_ column: Int, dataLabels: Bool = false) -> ChartSeries {
        ChartSeries(values: columns[column].map { $0 }, cells: cells(column), dataLabels: dataLabels)
    }

    static func englishChart(
        _ kind: ChartSpec.Kind, series: [ChartSeries], categories: ChartCategories? = nil,
        legend: ChartSpec.LegendPosition? = .right
    ) -> ChartSpec {
        ChartSpec(kind: kind, categories: categories, series: series, legend: legend, language: "en-US")
    }

    /// Writes `spec` at E9 of a one-sheet workbook holding the corpus data; returns the file's parts.
    static func write(_ spec: ChartSpec, axisIDs: (Int, Int)) throws -> ZipArchive {
        let path = try temporaryDirectory().appendingPathComponent("chart.xlsx").path
        let workbook = try WorkbookWriter(path: path)
        let sheet = try workbook.addSheet("Sheet1")
        for row in 0..<5 { try sheet.addRow(columns.map { .number($0[row]) }) }
        try sheet.insertChart(spec, at: CellReference("E9")!, axisIDs: axisIDs)
        try workbook.close()
        return try ZipArchive(path: path)
    }

    /// libxlsxwriter's normalisation: chart page margins vary with the Excel
    /// that saved the file, and Excel ends its declaration line with CR LF;
    /// then the part as its elements.
    static func elements(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: #"<c:pageMargins[^>]*>"#, with: "<c:pageMargins/>", options: .regularExpression)
            .replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: #">\s*<"#, with: ">\n<", options: .regularExpression)
            .components(separatedBy: "\n")
    }

    /// Compares our part with Excel's element by element, naming the first difference.
    static func expectSamePart(
        _ name: String, corpusFile: String, ours: ZipArchive,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let excel = try ZipArchive(path: TestFiles.corpus!.appendingPathComponent("xlsx-excel/\(corpusFile).xlsx").path)
        let expected = elements(try excel.readEntry(name))
        let actual = elements(try ours.readEntry(name))
        let common = min(expected.count, actual.count)
        let first = (0..<common).first { expected[$0] != actual[$0] } ?? common
        #expect(
            expected == actual,
            "\(corpusFile) \(name): element \(first) is \(actual.dropFirst(first).first ?? "(end)"), Excel's \(expected.dropFirst(first).first ?? "(end)")",
            sourceLocation: sourceLocation)
    }

    static func expectSameParts(
        _ spec: ChartSpec, as corpusFile: String, axisIDs: (Int, Int),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let ours = try write(spec, axisIDs: axisIDs)
        for part in [
            "xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels",
            "xl/worksheets/_rels/sheet1.xml.rels",
        ] {
            try expectSamePart(part, corpusFile: corpusFile, ours: ours, sourceLocation: sourceLocation)
        }
    }

    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent"))
    func barChartWithNumberCategoriesMatchesExcel() throws {
        let categories = ChartCategories(cells: Self.cells(0), labels: .numbers(Self.columns[0]))
        try Self.expectSameParts(
            Self.englishChart(.bar, series: [Self.series(1), Self.series(2)], categories: categories),
            as: "chart_bar01", axisIDs: (64_052_224, 64_055_552))
    }

    /// Excel's "categories in reverse order": the first bar at the top, the value axis above.
    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent"))
    func barChartWithReversedCategoriesMatchesExcel() throws {
        let categories = ChartCategories(cells: Self.cells(0), labels: .numbers(Self.columns[0]))
        var spec = Self.englishChart(.bar, series: [Self.series(1), Self.series(2)], categories: categories)
        spec.reversedCategories = true
        try Self.expectSameParts(spec, as: "chart_axis08", axisIDs: (49_042_560, 61_199_872))
    }

    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent"))
    func columnChartMatchesExcel() throws {
        try Self.expectSameParts(
            Self.englishChart(.column, series: (0..<3).map { Self.series($0) }),
            as: "chart_column01", axisIDs: (43_424_000, 43_434_368))
    }

    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent"))
    func lineChartMatchesExcel() throws {
        try Self.expectSameParts(
            Self.englishChart(.line, series: (0..<3).map { Self.series($0) }),
            as: "chart_line01", axisIDs: (43_408_000, 43_434_368))
    }

    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent"))
    func oneNamedSeriesWithoutTitleMatchesExcel() throws {
        var series = Self.series(0)
        series.name = "Foo"
        try Self.expectSameParts(
            Self.englishChart(.column, series: [series]),
            as: "chart_title01", axisIDs: (46_165_376, 54_462_720))
    }

    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent"))
    func chartTitleMatchesExcel() throws {
        var spec = Self.englishChart(.column, series: [Self.series(0)])
        spec.title = "Title!"
        try Self.expectSameParts(spec, as: "chart_title02", axisIDs: (73_655_040, 73_656_576))
    }

    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent"))
    func axisTitlesMatchExcel() throws {
        var spec = Self.englishChart(.bar, series: (0..<3).map { Self.series($0) })
        spec.categoryAxisTitle = "YYY"
        spec.valueAxisTitle = "XXX"
        try Self.expectSameParts(spec, as: "chart_axis01", axisIDs: (58_955_648, 68_446_848))
    }

    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent"))
    func noLegendMatchesExcel() throws {
        try Self.expectSameParts(
            Self.englishChart(.column, series: (0..<3).map { Self.series($0) }, legend: nil),
            as: "chart_legend01", axisIDs: (54_461_952, 54_463_872))
    }

    // MARK: Elements

    /// One chart part as text, written alone.
    static func chartXML(_ spec: ChartSpec) throws -> String {
        let ours = try write(spec, axisIDs: (1, 2))
        return String(decoding: try ours.readEntry("xl/charts/chart1.xml"), as: UTF8.self)
    }

    @Test func chineseTitleAndTextCategories() throws {
        let months = ["2025-01", "2025-02", "2025-03"]
        var spec = ChartSpec(
            kind: .line, title: "新能源汽车 · 月度 & 目标", titleSize: 12,
            categories: ChartCategories(cells: ChartCells(sheet: "趋势图", CellRange("A2:A4")!), labels: .texts(months)),
            series: [
                ChartSeries(
                    name: "实际", nameCell: ChartCells(sheet: "趋势图", CellRange("B1")!),
                    values: [1, nil, 3], cells: ChartCells(sheet: "趋势图", CellRange("B2:B4")!),
                    dataLabels: true, markers: true),
                ChartSeries(
                    name: "目标路径", values: [1, 2, 3], cells: ChartCells(sheet: "趋势图", CellRange("C2:C4")!),
                    color: Color(rgb: 0xC00000), line: .dash),
            ],
            categoryAxisTitle: "月份", valueAxisTitle: "万辆", valueFormat: .thousands,
            valueMinimum: ChartSpec.zeroUnlessNegative([1, nil, 3]), legend: .bottom)
        let xml = try Self.chartXML(spec)
        #expect(xml.contains(#"<c:lang val="zh-CN"/>"#))
        #expect(
            xml.contains(
                #"<a:pPr><a:defRPr sz="1200"/></a:pPr><a:r><a:rPr lang="zh-CN" altLang="en-US" sz="1200"/><a:t>新能源汽车 · 月度 &amp; 目标</a:t>"#
            ))
        // The empty month stays a gap, in LibreOffice too.
        #expect(xml.contains(#"<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>"#))
        #expect(
            xml.contains(
                #"<c:tx><c:strRef><c:f>'趋势图'!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>实际</c:v></c:pt></c:strCache></c:strRef></c:tx>"#
            ))
        #expect(
            xml.contains(
                #"<c:tx><c:v>目标路径</c:v></c:tx><c:spPr><a:ln><a:solidFill><a:srgbClr val="C00000"/></a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>"#
            ))
        // The actuals keep their markers and labels; the empty month has no point.
        #expect(
            xml.contains(
                ##"</c:tx><c:dLbls><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls><c:cat><c:strRef><c:f>'趋势图'!$A$2:$A$4</c:f><c:strCache><c:ptCount val="3"/><c:pt idx="0"><c:v>2025-01</c:v></c:pt>"##
            ))
        #expect(
            xml.contains(
                #"<c:numCache><c:formatCode>#,##0</c:formatCode><c:ptCount val="3"/><c:pt idx="0"><c:v>1</c:v></c:pt><c:pt idx="2"><c:v>3</c:v></c:pt></c:numCache>"#
            ))
        #expect(xml.contains(#"<c:axPos val="b"/><c:title><c:tx><c:rich><a:bodyPr/>"#))
        #expect(
            xml.contains(
                #"<c:majorGridlines/><c:title><c:tx><c:rich><a:bodyPr rot="-5400000" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:rPr lang="zh-CN" altLang="en-US"/><a:t>万辆</a:t>"#
            ))
        #expect(xml.contains(##"<c:numFmt formatCode="#,##0" sourceLinked="0"/>"##))
        #expect(
            xml.contains(
                #"<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>"#))
        #expect(ChartSpec.zeroUnlessNegative([1, nil, -0.5]) == nil)
        #expect(xml.contains(#"<c:legend><c:legendPos val="b"/><c:layout/></c:legend>"#))
        #expect(!xml.contains("autoTitleDeleted"))

        spec.kind = .column
        let column = try Self.chartXML(spec)
        #expect(column.contains(#"<c:barDir val="col"/>"#))
        #expect(column.contains(#"<c:spPr><a:solidFill><a:srgbClr val="C00000"/></a:solidFill></c:spPr>"#))
        #expect(!column.contains("<c:marker"))
    }

    @Test func axisIDsFollowTheChartNumber() {
        #expect(ChartWriter.axisIDs(chartNumber: 1) == (50_010_001, 50_010_002))
        #expect(ChartWriter.axisIDs(chartNumber: 2) == (50_020_001, 50_020_002))
    }

    @Test func anchorsFollowColumnWidthsAndRowHeights() {
        // 480 × 288 from E9 over default cells: 7.5 columns of 64 pixels, 14.4 rows of 20.
        let plain = DrawingWriter.anchor(
            cell: CellReference("E9")!, width: 480, height: 288,
            columnPixels: { _ in 64 }, rowPixels: { _ in 20 })
        #expect(
            plain
                == .init(
                    from: .init(column: 4, columnOffset: 0, row: 8, rowOffset: 0),
                    to: .init(column: 11, columnOffset: 304_800, row: 22, rowOffset: 76_200)))
        // An offset past the cell moves the corner on; a hidden column takes no room.
        let moved = DrawingWriter.anchor(
            cell: CellReference("A1")!, offset: (70, 5), width: 100, height: 10,
            columnPixels: { $0 == 2 ? 0 : 64 }, rowPixels: { _ in 20 })
        #expect(
            moved
                == .init(
                    from: .init(column: 1, columnOffset: 6 * 9525, row: 0, rowOffset: 5 * 9525),
                    to: .init(column: 3, columnOffset: 42 * 9525, row: 0, rowOffset: 15 * 9525)))
    }

    @Test func chartsAreNumberedAcrossSheetsWithTheirParts() throws {
        let path = try temporaryDirectory().appendingPathComponent("two.xlsx").path
        let workbook = try WorkbookWriter(path: path)
        let spec = ChartSpec(
            kind: .column, series: [ChartSeries(values: [1, 2], cells: ChartCells(sheet: "甲", CellRange("A1:A2")!))])
        let first = try workbook.addSheet("甲")
        try first.setColumn(1, width: 20)
        try first.addRow([.number(1)], height: 30)
        try first.addRow([.number(2)])
        try first.insertChart(spec, at: CellReference("A1")!)
        try first.insertChart(spec, at: CellReference("B20")!)
        _ = try workbook.addSheet("乙")
        let third = try workbook.addSheet("丙")
        try third.insertChart(spec, at: CellReference("A1")!, width: 300, height: 200)
        try workbook.close()

        let zip = try ZipArchive(path: path)
        func text(_ name: String) throws -> String { String(decoding: try zip.readEntry(name), as: UTF8.self) }
        #expect(try text("xl/worksheets/_rels/sheet1.xml.rels").contains(#"Target="../drawings/drawing1.xml""#))
        #expect(try text("xl/worksheets/_rels/sheet3.xml.rels").contains(#"Target="../drawings/drawing2.xml""#))
        #expect(zip.entry(named: "xl/worksheets/_rels/sheet2.xml.rels") == nil)
        #expect(try text("xl/worksheets/sheet1.xml").hasSuffix(#"<drawing r:id="rId1"/></worksheet>"#))
        #expect(!(try text("xl/worksheets/sheet2.xml").contains("<drawing")))
        let drawing1 = try text("xl/drawings/_rels/drawing1.xml.rels")
        #expect(
            drawing1.contains(
                #"Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml""#
            ))
        #expect(
            drawing1.contains(
                #"Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart2.xml""#
            ))
        #expect(try text("xl/drawings/_rels/drawing2.xml.rels").contains(#"Target="../charts/chart3.xml""#))
        #expect(try text("xl/drawings/drawing1.xml").contains(#"<xdr:cNvPr id="3" name="Chart 2"/>"#))
        #expect(try text("xl/charts/chart3.xml").contains(#"<c:axId val="50030001"/>"#))
        let types = try text("[Content_Types].xml")
        for part in [
            "/xl/drawings/drawing1.xml", "/xl/drawings/drawing2.xml", "/xl/charts/chart1.xml", "/xl/charts/chart3.xml",
        ] {
            #expect(types.contains(#"<Override PartName="\#(part)""#), "\(part)")
        }
        // Over a 20-character column A (145 pixels) and a 30-point first row (40 pixels):
        // 480 = 145 + 5 × 64 + 15, 288 = 40 + 12 × 20 + 8.
        let chart1 = try text("xl/drawings/drawing1.xml")
        #expect(
            chart1.contains(
                "<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            ))
        #expect(
            chart1.contains(
                "<xdr:to><xdr:col>6</xdr:col><xdr:colOff>142875</xdr:colOff><xdr:row>13</xdr:row><xdr:rowOff>76200</xdr:rowOff></xdr:to>"
            ))
        #expect(try text("xl/charts/chart1.xml").contains("<c:f>'甲'!$A$1:$A$2</c:f>"))
    }

    @Test func chartsWithoutSeriesOrValuesAreRefused() throws {
        let workbook = try WorkbookWriter(path: try temporaryDirectory().appendingPathComponent("bad.xlsx").path)
        let sheet = try workbook.addSheet("图")
        let cells = ChartCells(sheet: "图", CellRange("A1:A3")!)
        for spec in [
            ChartSpec(kind: .line, title: "空", series: []),
            ChartSpec(kind: .bar, series: [ChartSeries(name: "无值", values: [], cells: cells)]),
        ] {
            #expect { try sheet.insertChart(spec, at: CellReference("A1")!) } throws: {
                ($0 as? SheetError)?.code == .invalidChart
            }
        }
        try workbook.close()
    }

    @Test func sheetNamesAreQuotedOnlyWhenFormulasNeedIt() {
        #expect(SheetName.quotedForFormula("Sheet1") == "Sheet1!")
        #expect(SheetName.quotedForFormula("Data_2.x") == "Data_2.x!")
        for name in ["总览", "A1", "R2C3", "r", "1st", "my sheet", "it's"] {
            #expect(SheetName.quotedForFormula(name).hasPrefix("'"), "\(name)")
        }
        #expect(SheetName.quotedForFormula("it's") == "'it''s'!")
    }
}

/// LibreOffice draws our charts: a workbook with two is printed to PDF and
/// the charts' titles, axis titles and legends are in its text.
@Suite struct ChartOfficeTests {
    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(
        .enabled(
            if: OfficeReadBackTests.soffice != nil && pdftotext != nil,
            "soffice or pdftotext is not installed; run make test-office"))
    func officePrintsTheCharts() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent("charts.xlsx").path
        let workbook = try WorkbookWriter(path: path)
        let sheet = try workbook.addSheet("数据")
        try sheet.setPageSetup(PageSetup(orientation: .landscape, fit: .init(width: 1, height: 1)))
        let months = ["2025-01", "2025-02", "2025-03", "2025-04"]
        try sheet.addRow([.text("月份")] + months.map(CellValue.text))
        try sheet.addRow([.text("实际"), .number(120), .number(150), .empty, .number(210)])
        try sheet.addRow([.text("目标路径"), .number(100), .number(140), .number(180), .number(220)])
        try sheet.addRow([.text("完成率"), .number(0.5), .number(0.75), .number(1), .number(1.25)])
        func cells(_ row: Int) -> ChartCells {
            ChartCells(
                sheet: "数据",
                CellRange(first: CellReference(row: row, column: 2), last: CellReference(row: row, column: 5)))
        }
        func name(_ row: Int) -> ChartCells {
            ChartCells(
                sheet: "数据",
                CellRange(first: CellReference(row: row, column: 1), last: CellReference(row: row, column: 1)))
        }
        let categories = ChartCategories(cells: cells(1), labels: .texts(months))
        try sheet.insertChart(
            ChartSpec(
                kind: .line, title: "新能源汽车保有量趋势", categories: categories,
                series: [
                    ChartSeries(
                        name: "实际", nameCell: name(2), values: [120, 150, nil, 210], cells: cells(2), markers: true),
                    ChartSeries(
                        name: "目标路径", nameCell: name(3), values: [100, 140, 180, 220], cells: cells(3), line: .dash),
                ],
                categoryAxisTitle: "月份", valueAxisTitle: "辆", legend: .bottom), at: CellReference("A5")!)
        try sheet.insertChart(
            ChartSpec(
                kind: .bar, title: "各县区完成率", categories: categories,
                series: [ChartSeries(name: "完成率", values: [0.5, 0.75, 1, 1.25], cells: cells(4), dataLabels: true)],
                valueFormat: .percentOneDecimal, legend: nil), at: CellReference("I5")!)
        try workbook.close()

        #expect(OfficeReadBackTests.office(["--convert-to", "pdf", "--outdir", directory.path, path]) == 0)
        let pdf = directory.appendingPathComponent("charts.pdf").path
        let text = directory.appendingPathComponent("charts.txt").path
        #expect(PythonReadBack.run(Self.pdftotext!, [pdf, text]) == 0)
        let printed = try String(contentsOfFile: text, encoding: .utf8)
        for label in ["新能源汽车保有量趋势", "各县区完成率", "目标路径", "月份", "辆"] {
            #expect(printed.contains(label), "\(label) is not in the PDF")
        }
        // Data labels show the value alone, in the chart's format.
        #expect(printed.contains("125.0%"), "the bar chart's data labels are not in the PDF")
        #expect(!printed.contains("完成率 ;"), "data labels name the series")
        let pages = printed.components(separatedBy: "\u{0C}").filter {
            !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        #expect(pages.count == 1, "the sheet fits one page")
    }
}
