import Foundation
import Testing

@testable import Sheets

/// Page setup against the Excel-made `print_*`, `fit_to_pages*`, `repeat*`,
/// `landscape*` and `gridlines*` files of the corpus: each rebuilt, and the
/// page elements of the sheet and the workbook's defined names compared.
@Suite struct PageSetupTests {
    /// The worksheet's page elements and the workbook's defined names. As in
    /// libxlsxwriter's tests, the printer's resolution is dropped, and margins
    /// are left out where Excel saved its own (centimetre) defaults.
    static func pageElements(_ zip: ZipArchive, margins: Bool) throws -> [String] {
        let sheet = String(decoding: try zip.readEntry("xl/worksheets/sheet1.xml"), as: UTF8.self)
        let book = String(decoding: try zip.readEntry("xl/workbook.xml"), as: UTF8.self)
        var patterns = [
            #"<sheetPr>.*?</sheetPr>"#, #"<sheetView [^>]*>"#, #"<printOptions[^>]*/>"#,
            #"<pageSetup[^>]*/>"#, #"<headerFooter>.*?</headerFooter>"#, #"<rowBreaks.*?</rowBreaks>"#,
        ]
        if margins { patterns.append(#"<pageMargins[^>]*/>"#) }
        var found = patterns.flatMap { pattern in
            sheet.matches(of: try! Regex(pattern)).map { String(sheet[$0.range]) }
        }
        found += book.matches(of: try! Regex(#"<definedName [^>]*>[^<]*</definedName>"#)).map { String(book[$0.range]) }
        return found.map {
            $0.replacingOccurrences(
                of: #" (horizontalDpi|verticalDpi)="[0-9]+""#, with: "", options: .regularExpression
            )
            .replacingOccurrences(of: "/>", with: ">")  // `<sheetView …/>` and `<sheetView …>` alike
        }
    }

    static func expectSame(
        _ corpusFile: String, margins: Bool = false, setup: PageSetup?, gridlines: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let path = try temporaryDirectory().appendingPathComponent("\(corpusFile).xlsx").path
        let workbook = try WorkbookWriter(path: path)
        let sheet = try workbook.addSheet("Sheet1")
        if let setup { try sheet.setPageSetup(setup) }
        if !gridlines { try sheet.hideGridlines() }
        try sheet.addRow([.text("Foo")])
        try workbook.close()
        let excel = try ZipArchive(path: TestFiles.corpus!.appendingPathComponent("xlsx-excel/\(corpusFile).xlsx").path)
        #expect(
            try pageElements(ZipArchive(path: path), margins: margins) == pageElements(excel, margins: margins),
            "\(corpusFile)", sourceLocation: sourceLocation)
    }

    static let corpus = TestFiles.corpus != nil

    /// A header's `&` is written twice, as a quoted sheet name's `'` is (`String.doubling`).
    @Test func marksAreDoubledWhereverTheyStand() {
        #expect(PageSetup.headerFooterText("R&D & 汇总&") == "R&&D && 汇总&&")
        #expect(PageSetup.headerFooterText("&") == "&&")
        #expect(PageSetup.headerFooterText("聊城市汇总") == "聊城市汇总")
        #expect(SheetName.quotedForFormula("'总览''") == "'''总览'''''!")
    }

    @Test(.enabled(if: corpus, "../shared/corpus is absent"))
    func landscapeMatchesExcel() throws {
        try Self.expectSame("landscape01", margins: true, setup: PageSetup(orientation: .landscape))
    }

    @Test(.enabled(if: corpus, "../shared/corpus is absent"))
    func fitToPagesMatchesExcel() throws {
        try Self.expectSame("fit_to_pages01", setup: PageSetup(fit: .init(width: 1, height: 1)))
        try Self.expectSame("fit_to_pages02", setup: PageSetup(fit: .init(width: 2, height: 1)))
        try Self.expectSame("fit_to_pages03", setup: PageSetup(fit: .init(width: 1, height: 2)))
    }

    @Test(.enabled(if: corpus, "../shared/corpus is absent"))
    func repeatedRowsAndPrintAreaMatchExcel() throws {
        try Self.expectSame("repeat01", setup: PageSetup(titleRows: 1...1))
        try Self.expectSame("repeat03", setup: PageSetup(titleRows: 1...1, titleColumns: 1...1))
        try Self.expectSame("print_area01", setup: PageSetup(printArea: CellRange("A1")!))
    }

    @Test(.enabled(if: corpus, "../shared/corpus is absent"))
    func pageBreaksMatchExcel() throws {
        try Self.expectSame("page_breaks01", margins: true, setup: PageSetup(pagesStartAt: [2]))
        try Self.expectSame("page_breaks02", setup: PageSetup(pagesStartAt: [16, 4, 8, 1]))
    }

    @Test(.enabled(if: corpus, "../shared/corpus is absent"))
    func centringAndGridlinesMatchExcel() throws {
        try Self.expectSame("print_options01", setup: PageSetup(printsGridlines: true))
        try Self.expectSame("print_options02", setup: PageSetup(centeredHorizontally: true))
        try Self.expectSame("gridlines01", setup: PageSetup(), gridlines: false)
    }

    @Test func headerFooterAndNamesForAChineseSheet() throws {
        let path = try temporaryDirectory().appendingPathComponent("report.xlsx").path
        let workbook = try WorkbookWriter(path: path)
        let sheet = try workbook.addSheet("总览")
        try sheet.setPageSetup(
            PageSetup(
                orientation: .landscape, fit: .init(width: 1, height: 0), margins: .narrow,
                header: "&C" + PageSetup.headerFooterText("聊城市 R&D 汇总") + "&R&A",
                footer: PageSetup.pageNumberFooter, centeredHorizontally: true,
                titleRows: 1...2, printArea: CellRange("A1:H40")!))
        try sheet.addRow([.text("地区"), .text("数值")])
        try sheet.setAutoFilter(CellRange("A1:B1")!)
        try workbook.close()
        let zip = try ZipArchive(path: path)
        let xml = String(decoding: try zip.readEntry("xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(xml.contains(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews>"#))
        #expect(
            xml.contains(
                #"<autoFilter ref="A1:B1"/><printOptions horizontalCentered="1"/><pageMargins left="0.25" right="0.25" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/><headerFooter><oddHeader>&amp;C聊城市 R&amp;&amp;D 汇总&amp;R&amp;A</oddHeader><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter></worksheet>"#
            ))
        let book = String(decoding: try zip.readEntry("xl/workbook.xml"), as: UTF8.self)
        #expect(
            book.contains(
                #"<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'总览'!$A$1:$B$1</definedName><definedName name="_xlnm.Print_Area" localSheetId="0">'总览'!$A$1:$H$40</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">'总览'!$1:$2</definedName></definedNames>"#
            ))
    }

    @Test func pageSetupAfterTheFirstRowIsRefused() throws {
        let workbook = try WorkbookWriter(path: try temporaryDirectory().appendingPathComponent("late.xlsx").path)
        let sheet = try workbook.addSheet("表")
        try sheet.addRow([.number(1)])
        #expect { try sheet.setPageSetup(PageSetup()) } throws: { ($0 as? SheetError)?.code == .writeOrder }
        #expect { try sheet.hideGridlines() } throws: { ($0 as? SheetError)?.code == .writeOrder }
        try workbook.close()
    }
}
