import Foundation
import Testing

@testable import Sheets

@Suite("XLSX reader")
struct XLSXReaderTests {
    /// Every cell of the first sheet as values by A1 reference.
    func read(_ builder: XLSXBuilder) throws -> (cells: [String: CellValue], summary: SheetSummary) {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let workbook = try XLSXWorkbook(path: try builder.write(in: folder))
        var cells: [String: CellValue] = [:]
        let summary = try workbook.readRows(ofSheet: 0) { row in
            for cell in row.cells {
                cells[CellReference(row: row.number, column: cell.column).a1] = row.value(of: cell)
            }
        }
        return (cells, summary)
    }

    @Test func cellTypesAndCachedFormulaValues() throws {
        let (cells, _) = try read(
            XLSXBuilder(
                sheetData: """
                    <row r="1"><c r="A1"><v>1.5</v></c><c r="B1" t="n"><v>-42</v></c><c r="C1" t="b"><v>1</v></c>\
                    <c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" t="str"><f>A1&amp;"x"</f><v>1.5x</v></c>\
                    <c r="F1"><f>1/0</f></c><c r="G1" t="inlineStr"><is><t>内联</t></is></c><c r="H1" t="d"><v>2024-03-01T08:30:00</v></c></row>
                    """))
        #expect(cells["A1"] == .number(1.5))
        #expect(cells["B1"] == .number(-42))
        #expect(cells["C1"] == .boolean(true))
        #expect(cells["D1"] == .error("#DIV/0!"))
        #expect(cells["E1"] == .text("1.5x"))
        #expect(cells["F1"] == nil, "a formula without a cached value is empty")
        #expect(cells["G1"] == .text("内联"))
        #expect(cells["H1"] == .dateTime(ExcelDate.serial(.init(year: 2024, month: 3, day: 1, hour: 8, minute: 30))))
    }

    /// A small sheet is scanned whole before its rows are delivered; one the
    /// scanner leaves to libxml2 (here for an `&amp;` in an attribute) reads
    /// the same. Either way an error comes after the rows before it, named
    /// by file, part and cell.
    @Test(arguments: ["", " x=\"&amp;\""])
    func smallSheetsReadAlikeScannedOrNotErrorsAfterTheRowsBefore(attribute: String) throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sheetData = """
            <row r="1"\(attribute)><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>甲 &amp; 乙</t></is></c></row>\
            <row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3" t="b"><v>7</v></c></row>
            """
        let path = try XLSXBuilder(sheetData: sheetData).write(in: folder)
        var rows: [[CellValue]] = []
        do {
            _ = try XLSXWorkbook(path: path).readRows(ofSheet: 0) { row in
                rows.append(row.cells.map { row.value(of: $0) })
            }
            Issue.record("row 3's boolean 7 was read")
        } catch let error as SheetError {
            #expect(error.code == .cellValueInvalid)
            #expect(error.file == path)
            #expect(error.part == "xl/worksheets/sheet1.xml")
            #expect(error.cell == CellReference(row: 3, column: 1))
        }
        #expect(rows == [[.number(1), .text("甲 & 乙")], [.number(2)]])
    }

    @Test func sharedStringsWithRichTextPhoneticRunsEscapesAndWhitespace() throws {
        let (cells, _) = try read(
            XLSXBuilder(
                sheetData: (0..<6).map { #"<c r="A\#($0 + 1)" t="s"><v>\#($0)</v></c>"# }.map { "<row>\($0)</row>" }
                    .joined(),
                sharedStrings: [
                    "<si><r><t>Bold</t></r><r><t xml:space=\"preserve\"> and plain</t></r></si>",
                    "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh></si>",
                    "<si><t>line_x000D_break_x005F_x000D_</t></si>",
                    "<si><t>  trimmed  </t></si>",
                    "<si><t xml:space=\"preserve\">  kept  </t></si>",
                    "<si><t/></si>",
                ]))
        #expect(cells["A1"] == .text("Bold and plain"))
        #expect(cells["A2"] == .text("漢字"))
        #expect(cells["A3"] == .text("line\rbreak_x000D_"))
        #expect(cells["A4"] == .text("trimmed"))
        #expect(cells["A5"] == .text("  kept  "))
        #expect(cells["A6"] == nil, "an empty shared string is an empty cell")
    }

    @Test func missingReferencesContinueFromThePreviousCellAndRow() throws {
        let (cells, summary) = try read(
            XLSXBuilder(
                sheetData: """
                    <row r="3"><c r="C3"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>
                    """))
        #expect(cells == ["C3": .number(1), "D3": .number(2), "A4": .number(3)])
        #expect(summary.rowCount == 2)
    }

    @Test func namespacePrefixesDoNotMatterOnlyNamespaces() throws {
        let sheet = """
            <?xml version="1.0"?><x:worksheet xmlns:x="\(XLSXBuilder.main)" xmlns:o="urn:other">\
            <x:sheetData><x:row r="1"><x:c r="A1"><x:v>7</x:v></x:c><o:c r="B1"><o:v>8</o:v></o:c></x:row></x:sheetData>\
            <x:mergeCells><x:mergeCell ref="A1:B2"/></x:mergeCells></x:worksheet>
            """
        let (cells, summary) = try read(XLSXBuilder(sheetData: "", rawSheet: sheet))
        #expect(cells == ["A1": .number(7)], "a <c> in another namespace is not a cell")
        #expect(summary.mergedRanges == [CellRange("A1:B2")!])
    }

    @Test func dateStylesFromBuiltInAndCustomFormats() throws {
        let (cells, _) = try read(
            XLSXBuilder(
                sheetData: """
                    <row r="1"><c r="A1" s="1"><v>45352</v></c><c r="B1" s="2"><v>0.5</v></c><c r="C1" s="3"><v>0.35</v></c>\
                    <c r="D1" s="4"><v>3</v></c><c r="E1" s="5"><v>1.25</v></c><c r="F1" s="9"><v>2</v></c></row>
                    """,
                styles: ([0, 14, 164, 9, 165, 166], [164: "h:mm", 165: #"&quot;Day&quot; 0"#, 166: "[h]:mm:ss"])))
        #expect(cells["A1"] == .dateTime(45352))
        #expect(cells["B1"] == .dateTime(0.5))
        #expect(cells["C1"] == .number(0.35), "a percentage is a number")
        #expect(cells["D1"] == .number(3), "quoted letters are not date codes")
        #expect(cells["E1"] == .number(1.25), "elapsed time is a duration in days")
        #expect(cells["F1"] == .number(2), "a style index past the table is General")
    }

    /// Workbooks of one template share their styles, remembered by their
    /// bytes (`BytesMemo`): one whose styles differ reads its own, however
    /// many read the other before and after it.
    @Test func eachWorkbookReadsItsOwnStylesThoughOthersWereRememberedBefore() throws {
        let sheet = #"<row r="1"><c r="A1" s="1"><v>45352</v></c></row>"#
        let dated = XLSXBuilder(sheetData: sheet, styles: ([0, 14], [:]))
        let percent = XLSXBuilder(sheetData: sheet, styles: ([0, 10], [:]))
        for builder in [dated, dated, percent, dated, percent] {
            let shown = try read(builder).cells["A1"]
            #expect(shown == (builder.styles!.formatIDs[1] == 14 ? .dateTime(45352) : .number(45352)))
        }
    }

    @Test func date1904SystemIsShiftedToThe1900System() throws {
        let (cells, _) = try read(
            XLSXBuilder(
                sheetData: #"<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="2"><v>0.5</v></c></row>"#,
                styles: ([0, 14, 21], [:]), workbookPr: #"<workbookPr date1904="1"/>"#))
        #expect(cells["A1"] == .dateTime(ExcelDate.offset1904 + 1), "1904-01-02")
        #expect(cells["B1"] == .dateTime(0.5), "a time of day stays a time, as in the 1900 system")
    }

    @Test func sheetsListVisibilityFromTheCorpus() throws {
        guard let corpus = TestFiles.corpus else { return }
        let workbook = try XLSXWorkbook(path: corpus.appendingPathComponent("xlsx-excel/hide01.xlsx").path)
        #expect(
            workbook.sheets == [
                SheetInfo(name: "Sheet1", index: 0), SheetInfo(name: "Sheet2", index: 1, visibility: .hidden),
                SheetInfo(name: "Sheet3", index: 2),
            ])
    }

    @Test func mergedRangesFromTheCorpus() throws {
        guard let corpus = TestFiles.corpus else { return }
        let workbook = try XLSXWorkbook(path: corpus.appendingPathComponent("xlsx-calamine/merged_range.xlsx").path)
        let summary = try workbook.readRows(ofSheet: 0) { _ in }
        #expect(!summary.mergedRanges.isEmpty)
    }

    /// An attribute's `&`, which libxml2 hands over as `&#38;`, reads as `&`;
    /// other text in attributes, `#` and `&` apart included, as written.
    @Test func ampersandsInAttributesReadAsWritten() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("names.xlsx").path
        let names = ["R&D 研发", "&#38;", "第#1 & 2", "汇总&"]
        let writer = try WorkbookWriter(path: path)
        for name in names { try writer.addSheet(name).addRow([.text(name)]) }
        try writer.close()
        #expect(try XLSXWorkbook(path: path).sheets.map(\.name) == names)
    }

    @Test func absoluteRelationshipTargetsAndMacroWorkbooks() throws {
        guard let corpus = TestFiles.corpus else { return }
        for file in ["xlsx-calamine/table_with_absolute_paths.xlsx", "xlsx-calamine/issue221.xlsm"] {
            let workbook = try openWorkbook(atPath: corpus.appendingPathComponent(file).path)
            #expect(try !TestFiles.canonicalCSV(workbook).isEmpty, "\(file)")
        }
    }

    @Test func relationshipTargetsResolveAgainstTheSourcePart() {
        #expect(Relationships.resolve("worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(
            Relationships.resolve("/xl/worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(Relationships.resolve("../media/a.png", from: "xl/drawings/drawing1.xml") == "xl/media/a.png")
        #expect(Relationships.resolve("xl/workbook.xml", from: "") == "xl/workbook.xml")
        // What needs resolving besides `..`: `.`, empty segments, a trailing
        // `/`; and what only looks like it (dots inside names, hidden names).
        #expect(
            Relationships.resolve("./worksheets//sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(Relationships.resolve("media/", from: "xl/workbook.xml") == "xl/media")
        #expect(Relationships.resolve("a..b/c.d.xml", from: "xl/workbook.xml") == "xl/a..b/c.d.xml")
        #expect(Relationships.resolve(".hidden/x.xml", from: "xl/workbook.xml") == "xl/.hidden/x.xml")
        #expect(Relationships.resolve("/", from: "xl/workbook.xml") == "")
        #expect(Relationships.relationshipsPartName(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
        #expect(Relationships.relationshipsPartName(of: "") == "_rels/.rels")
    }

    @Test(arguments: [
        ("yyyy-mm-dd", true), ("[$-409]d-mmm-yy;@", true), ("[h]:mm", true), ("mm:ss.0", true),
        ("0.00%", false), ("#,##0", false), (#""Date" 0"#, false), ("[Red]0.0", false), (#"0\d"#, false),
        ("General", false), ("@", false), (#"_-* #,##0_-;\-* #,##0_-"#, false), ("0;[Red]yyyy", false),
        ("上午/下午h\"时\"mm\"分\"", true),
    ])
    func customFormatDateDetection(_ code: String, _ isDate: Bool) {
        #expect(NumberFormat.isDate(code: code) == isDate, "\(code)")
    }

    @Test func isoDatesOfDateCells() {
        #expect(ISODateTime.serial(Array("2024-03-01".utf8)) == 45352)
        #expect(ISODateTime.serial(Array("1900-01-01T12:00:00Z".utf8)) == 1.5)
        #expect(ISODateTime.serial(Array("06:00:00".utf8)) == 0.25)
        #expect(ISODateTime.serial(Array("2024-13-01".utf8)) == nil)
    }
}
