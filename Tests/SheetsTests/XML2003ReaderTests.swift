import Foundation
import Testing

@testable import Sheets

@Suite struct XML2003ReaderTests {
    typealias F = ReaderFixtures

    static let header = """
        <?xml version="1.0"?>
        <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
         xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"
         xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
        """

    func built(_ xml: String) throws -> XML2003Workbook {
        try XML2003Workbook(path: F.temporaryFile("built.xml", Array(xml.utf8)))
    }

    func corpus(_ name: String) throws -> XML2003Workbook? {
        guard let path = F.corpusFile("xml2003", name) else { return nil }
        return try XML2003Workbook(path: path)
    }

    // MARK: The corpus

    @Test func iso88591PrologIsDecoded() throws {
        guard let workbook = try corpus("excel2003.iso8859-1.xml") else { return }
        #expect(try F.grid(workbook) == [[.text("Voilà")], [.text("PhpSpreadsheet")]])
    }

    @Test func formulaCellsGiveTheirCachedValue() throws {
        guard let workbook = try corpus("ArrayFormula.xml") else { return }
        #expect(
            try F.grid(workbook) == [
                [.text("a"), .text("a-1"), .number(1)], [.text("b"), .text("b-2"), .number(2)],
                [.text("c"), .text("c-3"), .number(3)],
            ])
    }

    @Test(
        .needsCorpus,
        arguments: [
            "XEETestInvalidUTF-8.xml", "XEETestInvalidUTF-16.xml", "XEETestInvalidUTF-16BE.xml",
            "XEETestInvalidUTF-16LE.xml",
        ])
    func doctypeIsRefused(_ name: String) throws {
        guard let path = F.corpusFile("xml2003", name) else { return }
        #expect(F.sheetError { _ = try XML2003Workbook(path: path) }?.code == .xmlDoctype)
    }

    @Test(
        .needsCorpus,
        arguments: [
            "XEETestInvalidUTF-7.xml", "XEETestInvalidUTF-7-single-quote.xml", "XEETestInvalidUTF-7-whitespace.xml",
            "XEETestInvalidUTF-7_DoubleEncoded.xml", "CorruptedXmlFile.xml",
        ])
    func unreadableXMLIsMalformed(_ name: String) throws {
        // UTF-7 (which hides a DOCTYPE) is not an encoding libxml2 reads: refused before any DOCTYPE is seen.
        guard let path = F.corpusFile("xml2003", name) else { return }
        let code = F.sheetError { _ = try F.grid(XML2003Workbook(path: path)) }?.code
        #expect(code == .xmlMalformed || code == .xmlDoctype)
    }

    @Test(
        .needsCorpus,
        arguments: [
            "XEETestValidUTF-8.xml", "XEETestValidUTF-16.xml", "XEETestValidUTF-16BE.xml", "XEETestValidUTF-16LE.xml",
            "XEETestValidUTF-8-single-quote.xml", "XEETestValidUTF-8-whitespace.xml",
            "SecurityScannerWithCallbackExample.xml",
        ])
    func otherXMLIsNotAWorkbook(_ name: String) throws {
        guard let path = F.corpusFile("xml2003", name) else { return }
        #expect(F.sheetError { _ = try XML2003Workbook(path: path) }?.code == .xml2003NotWorkbook)
    }

    @Test(arguments: ["x5j6.dontuse", "x5j6.b.dontuse"])
    func positionsPastTheLastRowAreRefused(_ name: String) throws {
        guard let workbook = try corpus(name) else { return }
        let error = F.sheetError { _ = try F.grid(workbook) }
        #expect(error?.code == .xml2003BadPosition)
        #expect(error?.sheet == "Sheet1")
    }

    @Test(.needsCorpus) func htmlEntitiesAreNotXML() throws {
        // `&Tau;` is HTML, undefined in XML; the file also has blank lines before its declaration, which are skipped.
        // It is in a cell, which opening leaves out: reading the sheet finds it.
        guard let workbook = try corpus("issue.2157.small.xml") else { return }
        let error = F.sheetError { _ = try F.grid(workbook) }
        #expect(error?.code == .xmlMalformed)
        #expect(error?.line == 59)
    }

    @Test func formulaWithEmptyCachedStringIsNoCell() throws {
        guard let workbook = try corpus("sec-w24f.dontuse") else { return }
        #expect(workbook.sheets.map(\.name) == ["Лист1"])
        #expect(try F.grid(workbook) == [])
    }

    @Test(.needsCorpus) func everyOtherCorpusFileReadsEverySheet() throws {
        guard F.corpusFile("xml2003", "") != nil, let directory = F.corpus("xml2003") else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".xml") && !$0.hasPrefix("XEE")
                && !["CorruptedXmlFile.xml", "SecurityScannerWithCallbackExample.xml", "issue.2157.small.xml"].contains(
                    $0)
        }
        #expect(names.count == 11)
        var withoutCells: [String] = []
        for name in names {
            let workbook = try XML2003Workbook(path: directory.appendingPathComponent(name).path)
            #expect(!workbook.sheets.isEmpty, "\(name)")
            var cells = 0
            for sheet in workbook.sheets {
                _ = try workbook.readRows(ofSheet: sheet.index) { cells += $0.cells.count }
            }
            if cells == 0 { withoutCells.append(name) }
        }
        #expect(withoutCells == ["datavalidations.wholerow.xml"])  // only data validations, no cells
    }

    // MARK: Built files

    @Test func indexGapsPlaceRowsAndCells() throws {
        let workbook = try built(
            Self.header + """
                <Worksheet ss:Name="表1"><Table>
                 <Row><Cell><Data ss:Type="String">地区</Data></Cell><Cell ss:Index="3"><Data ss:Type="Number">12.5</Data></Cell><Cell><Data ss:Type="String">D1</Data></Cell></Row>
                 <Row ss:Index="4"><Cell ss:Index="2"><Data ss:Type="String">B4</Data></Cell></Row>
                 <Row><Cell><Data ss:Type="Number">001</Data></Cell></Row>
                </Table></Worksheet></Workbook>
                """)
        #expect(
            try F.grid(workbook) == [
                [.text("地区"), .empty, .number(12.5), .text("D1")], [], [], [.empty, .text("B4")], [.number(1)],
            ])
    }

    @Test func mergedRangesAreReportedWithTheValueTopLeft() throws {
        let workbook = try built(
            Self.header + """
                <Worksheet ss:Name="S"><Table>
                 <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">标题</Data></Cell><Cell><Data ss:Type="String">D1</Data></Cell></Row>
                 <Row><Cell ss:MergeDown="1"><Data ss:Type="String">A2</Data></Cell><Cell ss:MergeAcross="1" ss:MergeDown="1"/></Row>
                </Table></Worksheet></Workbook>
                """)
        var rows: [[CellValue]] = []
        let summary = try workbook.readRows(ofSheet: 0) { row in rows.append(row.cells.map { row.value(of: $0) }) }
        #expect(rows == [[.text("标题"), .text("D1")], [.text("A2")]])
        #expect(summary.mergedRanges == [CellRange("A1:C1")!, CellRange("A2:A3")!, CellRange("B2:C3")!])
        #expect(try F.grid(workbook)[0] == [.text("标题"), .empty, .empty, .text("D1")])
    }

    @Test func everyTypeAndDateStyles() throws {
        let workbook = try built(
            Self.header + """
                <Styles><Style ss:ID="d1"><NumberFormat ss:Format="Short Date"/></Style>
                 <Style ss:ID="d2"><NumberFormat ss:Format="yyyy\\-mm\\-dd;@"/></Style>
                 <Style ss:ID="p"><NumberFormat ss:Format="0%"/></Style>
                 <Style ss:ID="f"><NumberFormat ss:Format="Fixed"/></Style></Styles>
                <Worksheet ss:Name="S"><Table><Row>
                 <Cell><Data ss:Type="String"> 甲 </Data></Cell>
                 <Cell><Data ss:Type="Number">-1.5E3</Data></Cell>
                 <Cell><Data ss:Type="DateTime">2024-01-15T00:00:00.000</Data></Cell>
                 <Cell ss:StyleID="d1"><Data ss:Type="Number">45306</Data></Cell>
                 <Cell ss:StyleID="d2"><Data ss:Type="Number">45306.5</Data></Cell>
                 <Cell ss:StyleID="p"><Data ss:Type="Number">0.35</Data></Cell>
                 <Cell ss:StyleID="f"><Data ss:Type="Number">2</Data></Cell>
                 <Cell><Data ss:Type="Boolean">1</Data></Cell>
                 <Cell><Data ss:Type="Boolean">0</Data></Cell>
                 <Cell ss:Formula="=1/0"><Data ss:Type="Error">#DIV/0!</Data></Cell>
                 <Cell><Data ss:Type="DateTime">1899-12-31T06:00:00.000</Data></Cell><!-- Excel's 1900-01-00 is serial 0 -->
                </Row></Table></Worksheet></Workbook>
                """)
        #expect(
            try F.grid(workbook) == [
                [
                    .text(" 甲 "), .number(-1500), .dateTime(45306), .dateTime(45306), .dateTime(45306.5), .number(0.35),
                    .number(2),
                    .boolean(true), .boolean(false), .error("#DIV/0!"), .dateTime(0.25),
                ]
            ])
    }

    @Test func richTextDataIsConcatenated() throws {
        let workbook = try built(
            Self.header + """
                <Worksheet ss:Name="S"><Table><Row>
                 <Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>嘉祥</B><Font html:Color="#FF0000">县</Font> &amp; 梁山</ss:Data></Cell>
                </Row></Table></Worksheet></Workbook>
                """)
        #expect(try F.grid(workbook) == [[.text("嘉祥县 & 梁山")]])
    }

    @Test func prefixesAreMatchedByNamespace() throws {
        let workbook = try built(
            """
            <?xml version="1.0"?>
            <s:Workbook xmlns:s="urn:schemas-microsoft-com:office:spreadsheet" xmlns:e="urn:schemas-microsoft-com:office:excel">
            <s:Worksheet s:Name="可见"><s:Table><s:Row><s:Cell><s:Data s:Type="Number">7</s:Data></s:Cell></s:Row></s:Table></s:Worksheet>
            <s:Worksheet s:Name="隐藏"><e:WorksheetOptions><e:Visible>SheetHidden</e:Visible></e:WorksheetOptions></s:Worksheet>
            <s:Worksheet s:Name="深藏"><s:Table><s:Row><s:Cell><s:Data s:Type="String">x</s:Data></s:Cell></s:Row></s:Table>
             <e:WorksheetOptions><e:Visible>SheetVeryHidden</e:Visible></e:WorksheetOptions></s:Worksheet>
            <Worksheet Name="other namespace"/>
            </s:Workbook>
            """)
        #expect(
            workbook.sheets == [
                SheetInfo(name: "可见", index: 0), SheetInfo(name: "隐藏", index: 1, visibility: .hidden),
                SheetInfo(name: "深藏", index: 2, visibility: .veryHidden),
            ])
        #expect(try F.grid(workbook) == [[.number(7)]])
        #expect(try F.grid(workbook, sheet: 2) == [[.text("x")]])
        #expect(try F.grid(workbook, sheet: 1) == [])
    }

    @Test func utf16PrologIsDecoded() throws {
        let xml =
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + Self.header.dropFirst(21) + """
                <Worksheet ss:Name="表"><Table><Row><Cell><Data ss:Type="String">嘉祥县</Data></Cell></Row></Table></Worksheet></Workbook>
                """
        let bytes = xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let workbook = try XML2003Workbook(path: F.temporaryFile("utf16.xml", bytes))
        #expect(workbook.sheets.map(\.name) == ["表"])
        #expect(try F.grid(workbook) == [[.text("嘉祥县")]])
    }

    @Test func billionLaughsIsRefusedFast() throws {
        var entities = "<!ENTITY lol0 \"lol\">"
        for i in 1...12 { entities += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">" }
        let xml =
            "<?xml version=\"1.0\"?><!DOCTYPE Workbook [\(entities)]>" + Self.header.dropFirst(21) + """
                <Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">&lol12;</Data></Cell></Row></Table></Worksheet></Workbook>
                """
        let clock = ContinuousClock()
        let started = clock.now
        #expect(F.sheetError { _ = try built(xml) }?.code == .xmlDoctype)
        #expect(clock.now - started < .seconds(1))
    }

    @Test func externalEntityIsRefused() throws {
        let xml =
            "<?xml version=\"1.0\"?><!DOCTYPE Workbook SYSTEM \"file:///etc/passwd\">" + Self.header.dropFirst(21)
            + "</Workbook>"
        #expect(F.sheetError { _ = try built(xml) }?.code == .xmlDoctype)
    }

    @Test func malformedXMLNamesTheLine() throws {
        let error = F.sheetError {
            _ = try built(Self.header + "\n<Worksheet ss:Name=\"S\"><Table></Worksheet></Workbook>")
        }
        #expect(error?.code == .xmlMalformed)
        #expect(error?.line == 5)
    }

    @Test func cellLengthLimit() throws {
        var limits = ReadLimits()
        limits.maxCellBytes = 8
        let path = try F.temporaryFile(
            "long.xml",
            Array(
                (Self.header + """
                    <Worksheet ss:Name="S"><Table><Row/><Row><Cell ss:Index="2"><Data ss:Type="String">0123456789</Data></Cell></Row></Table></Worksheet></Workbook>
                    """).utf8))
        let error = F.sheetError { _ = try F.grid(XML2003Workbook(path: path, limits: limits)) }
        #expect(error?.code == .cellTooLong)
        #expect(error?.cell == CellReference("B2"))
    }

    /// A small file is scanned whole before its rows are delivered; one the
    /// scanner leaves to libxml2 (an `&amp;` in an attribute) reads the same.
    /// Either way an error comes after the rows before it, naming file and cell.
    @Test(arguments: ["", " x=\"&amp;\""])
    func smallFilesReadAlikeScannedOrNotErrorsAfterTheRowsBefore(attribute: String) throws {
        var limits = ReadLimits()
        limits.maxCellBytes = 8
        let path = try F.temporaryFile(
            "small.xml",
            Array(
                (Self.header + """
                    <Worksheet ss:Name="S"><Table><Row\(attribute)><Cell><Data ss:Type="String">甲&#10;乙</Data></Cell></Row>
                    <Row><Cell><Data ss:Type="Number">2</Data></Cell></Row>
                    <Row><Cell><Data ss:Type="String">0123456789</Data></Cell></Row></Table></Worksheet></Workbook>
                    """).utf8))
        var rows: [[CellValue]] = []
        let error = F.sheetError {
            _ = try XML2003Workbook(path: path, limits: limits).readRows(ofSheet: 0) { row in
                rows.append(row.cells.map { row.value(of: $0) })
            }
        }
        #expect(error?.code == .cellTooLong)
        #expect(error?.file == path)
        #expect(error?.cell == CellReference("A3"))
        #expect(rows == [[.text("甲\n乙")], [.number(2)]])
    }
}
