import Foundation
import Testing

@testable import Sheets

/// The ODS reader on `content.xml` written here, one feature per cell.
@Suite struct ODSReaderTests {
    static let namespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
        """

    /// A package whose content.xml holds `body` inside `office:spreadsheet`.
    func package(_ body: String, prolog: String = "", styles: String = "") throws -> String {
        var zip = ZipBuilder()
        zip.add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", deflate: false)
        zip.add(
            "content.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>\(prolog)<office:document-content \(Self.namespaces)>\
            <office:automatic-styles>\(styles)</office:automatic-styles>\
            <office:body><office:spreadsheet>\(body)</office:spreadsheet></office:body></office:document-content>
            """)
        let path = try ReaderFixtures.temporaryFile("built.ods", [])
        try zip.write(to: path)
        return path
    }

    @Test func valuesTextAndRepeats() throws {
        let path = try package(
            """
            <table:table table:name="数据"><table:table-row>\
            <table:table-cell office:value-type="float" office:value="1234.5"><text:p>1,234.5</text:p></table:table-cell>\
            <table:table-cell office:value-type="percentage" office:value="0.35"><text:p>35%</text:p></table:table-cell>\
            <table:table-cell office:value-type="currency" office:currency="CNY" office:value="9.9"><text:p>¥9.90</text:p></table:table-cell>\
            <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>\
            <table:table-cell office:value-type="date" office:date-value="2025-03-31T08:30:00"><text:p>x</text:p></table:table-cell>\
            <table:table-cell office:value-type="time" office:time-value="PT10H10M10S"><text:p>x</text:p></table:table-cell>\
            <table:table-cell office:value-type="time" office:time-value="PT255H10M10S"><text:p>x</text:p></table:table-cell>\
            <table:table-cell office:value-type="string" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>\
            </table:table-row>\
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>\
            <table:table-cell table:number-columns-repeated="3" office:value-type="string"><text:p>a<text:s text:c="3"/>b<text:tab/>c</text:p>\
            <text:p>line<text:line-break/>two</text:p><office:annotation><text:p>a note</text:p></office:annotation></table:table-cell>\
            </table:table-row>\
            <table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>\
            </table:table>
            """)
        let workbook = try openWorkbook(atPath: path)
        #expect(try workbook.sheets.map(\.name) == ["数据"])
        let csv = try TestFiles.canonicalCSV(workbook)
        let spaced = "\"a   b\tc\nline\ntwo\""
        #expect(
            csv == "1234.5,0.35,9.9,TRUE,2025-03-31T08:30:00,10:10:10,255:10:10,#DIV/0!\n"
                + ",,\(spaced),\(spaced),\(spaced)\n,,\(spaced),\(spaced),\(spaced)\n")
        var rows: [Int] = []
        var percent = false
        _ = try workbook.readRows(ofSheet: 0) { row in
            rows.append(row.number)
            if row.number == 1 { percent = row.cells[1].isPercent && !row.cells[0].isPercent }
        }
        #expect(rows == [1, 2, 3], "the padding rows are not delivered")
        #expect(percent)
    }

    /// The text of each cell of column `column` of sheet 0, by row.
    func texts(_ path: String, column: Int = 2) throws -> [String] {
        var texts: [String] = []
        _ = try openWorkbook(atPath: path).readRows(ofSheet: 0) { row in
            texts.append(row.cell(atColumn: column).map { row.text(of: $0) } ?? "")
        }
        return texts
    }

    /// White space in a cell reads as LibreOffice reads it: literal spaces,
    /// tabs and line feeds as written, not collapsed as ODF 1.2 §6.1.2 says.
    /// LibreOffice relies on that: it writes a run of spaces as `text:s` but a
    /// later paragraph's leading spaces literally (`<text:p>  第二行缩进</text:p>`),
    /// which collapsing would drop. Its tab (`text:tab`) is a tab here;
    /// LibreOffice 7.4 itself loses it on reading (`XLSODSDifference`).
    @Test func whiteSpaceLibreOfficeWroteReadsAsItReadsIt() throws {
        let path = XLSODSConformanceTests.fixtures.appendingPathComponent("lo_whitespace.ods").path
        #expect(
            try texts(path) == [
                "文本", "  前导空格", "尾随空格  ", "中间   三个空格", "一个 空格", "多行第一行\n  第二行缩进", "   ",
                "单元格内\t制表符",
                "",  // 370829: LibreOffice's CSV import made it a number
                " 3.5 万辆",
            ])
    }

    /// Markup no LibreOffice writes, read as LibreOffice 7.4 reads it (each
    /// expectation is what it showed for the cell): no collapsing, `text:s`
    /// by its count (1 when the count is missing, 0 or not a number), in
    /// spans and links too; white space between paragraphs left out.
    /// Where it differs, on purpose: `text:tab` and `text:line-break` are a
    /// tab and a line feed (LibreOffice drops them).
    @Test func builtWhiteSpaceReadsAsLibreOfficeReadsIt() throws {
        let cases: [(xml: String, text: String)] = [
            ("<text:p>  a   b  </text:p>", "  a   b  "),
            ("<text:p>a <text:s/> b</text:p>", "a   b"),
            ("<text:p>a&#9;b&#10;c&#13;&#10;d</text:p>", "a\tb\nc\r\nd"),
            ("<text:p>a <text:span> b</text:span> c</text:p>", "a  b c"),
            ("<text:p> a </text:p><text:p> b</text:p>", " a \n b"),
            ("<text:p>a<text:s text:c=\"0\"/>b</text:p>", "a b"),
            ("<text:p>a<text:s text:c=\"x\"/>b</text:p>", "a b"),
            ("<text:p>a <text:span> <text:s text:c=\"2\"/> </text:span> b</text:p>", "a      b"),
            ("\n  <text:p>\n    <text:span>a</text:span>\n  </text:p>\n  <text:p>b</text:p>\n", "\n    a\n  \nb"),
            (
                "<text:p>x <text:a xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"http://e\"> y </text:a> z</text:p>",
                "x  y  z"
            ),
            ("<text:p>a\u{A0}\u{A0}b\u{3000}c</text:p>", "a\u{A0}\u{A0}b\u{3000}c"),
            ("<text:p>a</text:p><text:p/><text:p>b</text:p>", "a\n\nb"),
            ("<office:annotation><text:p>note</text:p></office:annotation><text:p>a <text:s/>b</text:p>", "a  b"),
            ("<text:p>a<text:tab/>b</text:p>", "a\tb"),
            ("<text:p>a<text:line-break/> b</text:p>", "a\n b"),
        ]
        let rows = cases.map { xml, _ in
            "<table:table-row><table:table-cell/><table:table-cell office:value-type=\"string\">\(xml)</table:table-cell></table:table-row>"
        }
        let path = try package("<table:table table:name=\"S\">\(rows.joined())</table:table>")
        let read = try texts(path)
        for (index, (xml, text)) in cases.enumerated() {
            #expect(read[index] == text, "\(xml)")
        }
        #expect(read.count == cases.count)
    }

    @Test func spansAreMergedRangesAndHiddenTablesHidden() throws {
        let path = try package(
            """
            <table:table table:name="A"><table:table-row>\
            <table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="3" office:value-type="string"><text:p>m</text:p></table:table-cell>\
            <table:covered-table-cell/></table:table-row></table:table>\
            <table:table table:name="B" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>
            """,
            styles:
                #"<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>"#
        )
        let workbook = try openWorkbook(atPath: path)
        #expect(try workbook.sheets.map(\.visibility) == [.visible, .hidden])
        #expect(try workbook.readRows(ofSheet: 0) { _ in }.mergedRanges == [CellRange("A1:B3")!])
        #expect(try TestFiles.canonicalCSV(workbook, sheet: 1) == "1\n")
    }

    @Test func aSheetIsReadByItsIndexWithoutTheSheetList() throws {
        let path = try package(
            """
            <table:table table:name="甲"><table:table-row><table:table-cell office:value-type="float" office:value="2"/>\
            </table:table-row></table:table><table:table table:name="乙"><table:table-row>\
            <table:table-cell office:value-type="float" office:value="x"/></table:table-row></table:table>
            """)
        var rows: [Double] = []
        _ = try ODSWorkbook(path: path).readRows(ofSheet: 0) { row in rows += row.cells.map(\.number) }
        #expect(rows == [2])
        // The name comes from the table's start tag, the count from the tables passed.
        #expect { _ = try ODSWorkbook(path: path).readRows(ofSheet: 1) { _ in } } throws: { error in
            let error = error as? SheetError
            return error?.code == .cellValueInvalid && error?.sheet == "乙" && error?.cell == CellReference("A1")
        }
        #expect { _ = try ODSWorkbook(path: path).readRows(ofSheet: 2) { _ in } } throws: { error in
            let error = error as? SheetError
            return error?.code == .sheetNotFound && error?.detail == "no sheet 3; the file has 2"
        }
    }

    @Test func doctypeIsRefused() throws {
        let path = try package("<table:table table:name=\"A\"/>", prolog: "<!DOCTYPE x [<!ENTITY a \"b\">]>")
        #expect { try openWorkbook(atPath: path) } throws: { ($0 as? SheetError)?.code == .xmlDoctype }
    }

    @Test func repeatedValuesPastTheLimitsAreRefusedAtOnce() throws {
        let path = try package(
            """
            <table:table table:name="A"><table:table-row table:number-rows-repeated="1000000">\
            <table:table-cell table:number-columns-repeated="100" office:value-type="float" office:value="1"/></table:table-row></table:table>
            """)
        var limits = ReadLimits()
        limits.maxCells = 1_000_000
        let workbook = try openWorkbook(atPath: path, limits: limits)
        let start = ContinuousClock.now
        #expect { _ = try workbook.readRows(ofSheet: 0) { _ in } } throws: {
            ($0 as? SheetError)?.code == .tooManyCells
        }
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    /// A small content.xml is scanned whole before its rows are delivered;
    /// one the scanner leaves to libxml2 (an `&amp;` in an attribute) reads
    /// the same. Either way an error comes after the rows before it, naming
    /// file, part and cell.
    @Test(arguments: ["", " x=\"&amp;\""])
    func smallContentReadsAlikeScannedOrNotErrorsAfterTheRowsBefore(attribute: String) throws {
        let path = try package(
            """
            <table:table table:name="甲"><table:table-row\(attribute)><table:table-cell office:value-type="string">\
            <text:p>甲 &amp; 乙</text:p></table:table-cell></table:table-row><table:table-row>\
            <table:table-cell office:value-type="float" office:value="2"/></table:table-row><table:table-row>\
            <table:table-cell office:value-type="float" office:value="x"/></table:table-row></table:table>
            """)
        var rows: [[CellValue]] = []
        #expect {
            _ = try ODSWorkbook(path: path).readRows(ofSheet: 0) { row in
                rows.append(row.cells.map { row.value(of: $0) })
            }
        } throws: { error in
            let error = error as? SheetError
            return error?.code == .cellValueInvalid && error?.file == path && error?.part == "content.xml"
                && error?.cell == CellReference("A3")
        }
        #expect(rows == [[.text("甲 & 乙")], [.number(2)]])
    }
}
