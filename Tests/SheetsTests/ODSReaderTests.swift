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
}
