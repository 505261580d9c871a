import Foundation
import Testing

@testable import Sheets

/// A large sheet is read on two cores (`XMLRowSegmenter`): its rows are cut
/// into pieces at row tags and parsed by workers. These tests force tiny
/// pieces on small files and check that every outcome — rows, numbers,
/// merged ranges, counts, errors with their line and cell — is exactly the
/// sequential reading's.
@Suite("Sheets read in pieces on two cores")
struct ParallelReadingTests {
    static let inPieces = ParallelReading(
        minimumBytes: 0, headSliceBytes: 64, pieceBytes: 48, maxPieceBytes: 1 << 20, workers: 2)
    static let sequential = ParallelReading(minimumBytes: .max)

    /// Everything a reading of one sheet shows, as text to compare.
    static func outcome(
        _ path: String, sheet: Int, _ settings: ParallelReading,
        stopAfter: Int? = nil, limits: ReadLimits = .standard
    ) -> (text: String, pieces: Int) {
        var lines: [String] = []
        var pieces = 0
        func take(_ row: SheetRow) throws {
            if let stopAfter, lines.count == stopAfter { throw ConsumerStopped() }
            lines.append(
                "\(row.number): "
                    + row.cells.map { "\($0.column)=\(row.value(of: $0))\($0.isPercent ? "%" : "")" }
                    .joined(separator: " "))
        }
        do {
            let summary: SheetSummary
            if path.hasSuffix(".xml") {
                (summary, pieces) = try XML2003Workbook(path: path, limits: limits, parallel: settings)
                    .readCountingPieces(ofSheet: sheet, take)
            } else if path.hasSuffix(".ods") {
                (summary, pieces) = try ODSWorkbook(
                    ZipArchive(path: path, limits: limits), limits: limits, parallel: settings
                )
                .readCountingPieces(ofSheet: sheet, take)
            } else {
                (summary, pieces) = try XLSXWorkbook(path: path, limits: limits, parallel: settings)
                    .readCountingPieces(ofSheet: sheet, take)
            }
            lines.append("summary: \(summary.rowCount) rows, merged \(summary.mergedRanges)")
        } catch let error as SheetError {
            lines.append(
                "error: \(error.code) sheet \(error.sheet ?? "-") cell \(error.cell?.a1 ?? "-") line \(error.line.map(String.init) ?? "-") \(error.detail)"
            )
        } catch {
            lines.append("error: \(error)")
        }
        return (lines.joined(separator: "\n"), pieces)
    }

    struct ConsumerStopped: Error {}

    /// Reads `sheet` both ways and expects the same; returns the pieces cut.
    @discardableResult
    static func expectSameBothWays(
        _ path: String, sheet: Int = 0, stopAfter: Int? = nil,
        limits: ReadLimits = .standard, sourceLocation: SourceLocation = #_sourceLocation
    ) -> Int {
        let expected = outcome(path, sheet: sheet, sequential, stopAfter: stopAfter, limits: limits)
        let actual = outcome(path, sheet: sheet, inPieces, stopAfter: stopAfter, limits: limits)
        #expect(actual.text == expected.text, "\(path) sheet \(sheet)", sourceLocation: sourceLocation)
        #expect(expected.pieces == 0, sourceLocation: sourceLocation)
        return actual.pieces
    }

    func write(_ builder: XLSXBuilder) throws -> (path: String, folder: URL) {
        let folder = try TestFiles.temporaryFolder()
        return (try builder.write(in: folder), folder)
    }

    /// Rows of mixed cells, as many as `count`.
    static func rows(_ count: Int, from first: Int = 1) -> String {
        (first..<(first + count)).map { r in
            "<row r=\"\(r)\" spans=\"1:4\"><c r=\"A\(r)\" t=\"s\"><v>\(r % 3)</v></c><c r=\"B\(r)\"><v>\(r).25</v></c>"
                + "<c r=\"C\(r)\" t=\"inlineStr\"><is><t>第\(r)行 &amp; x</t></is></c><c r=\"D\(r)\" s=\"1\"><v>\(45000 + r)</v></c></row>"
        }.joined()
    }

    static let strings = ["<si><t>甲</t></si>", "<si><t>乙</t></si>", "<si><t>丙</t></si>"]
    static let styles: (formatIDs: [Int], custom: [Int: String]) = ([0, 14], [:])

    /// Reads every sheet of the corpus files in `folders` with a name ending
    /// in one of `extensions` both ways; returns the sheets, and those cut into pieces.
    static func readCorpusBothWays(
        _ folders: [String], _ extensions: [String],
        sheetCount: (String) -> Int
    ) throws -> (sheets: Int, cut: Int) {
        var sheets = 0
        var cut = 0
        for folder in folders {
            let directory = TestFiles.corpus!.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            where extensions.contains(where: name.hasSuffix) {
                let path = directory.appendingPathComponent(name).path
                for sheet in 0..<sheetCount(path) {
                    sheets += 1
                    if expectSameBothWays(path, sheet: sheet) > 0 { cut += 1 }
                }
            }
        }
        return (sheets, cut)
    }

    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent beside the package"))
    func everyCorpusWorkbookReadsTheSameInPieces() throws {
        let (sheets, cut) = try Self.readCorpusBothWays(["xlsx-calamine", "xlsx-excel"], [".xlsx", ".xlsm"]) {
            (try? XLSXWorkbook(path: $0).sheets.count) ?? 1
        }
        #expect(sheets > 900)
        #expect(cut > 100, "pieces were cut in \(cut) of \(sheets) sheets")
    }

    @Test func aLargerSheetIsCutIntoManyPiecesAndReadsTheSame() throws {
        let (path, folder) = try write(
            XLSXBuilder(
                sheetData: Self.rows(3000), sharedStrings: Self.strings,
                styles: Self.styles))
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(Self.expectSameBothWays(path) > 1000)
        let (text, _) = Self.outcome(path, sheet: 0, Self.inPieces)
        #expect(text.contains("2999: 1=text(\"丙\") 2=number(2999.25) 3=text(\"第2999行 & x\") 4=dateTime(47999.0)"))
    }

    @Test func prefixedNamesAndNamespacesDeclaredOnTheRootCarryIntoThePieces() throws {
        let rows = Self.rows(200).replacingOccurrences(of: "<", with: "<x:").replacingOccurrences(
            of: "<x:/", with: "</x:")
        let sheet = """
            <?xml version="1.0" encoding="UTF-8"?>\n<x:worksheet xmlns:x="\(XLSXBuilder.main)" xmlns:o="urn:other">\
            <x:sheetData>\(rows)<o:row r="300"><x:c r="A300"><x:v>1</x:v></x:c></o:row></x:sheetData>\
            <x:mergeCells><x:mergeCell ref="A1:B2"/></x:mergeCells></x:worksheet>
            """
        let (path, folder) = try write(
            XLSXBuilder(sheetData: "", sharedStrings: Self.strings, styles: Self.styles, rawSheet: sheet))
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(Self.expectSameBothWays(path) > 50)
        #expect(Self.outcome(path, sheet: 0, Self.inPieces).text.hasSuffix("summary: 200 rows, merged [A1:B2]"))
    }

    @Test func rowTagsInCommentsAndCDATAAndRowsWithoutNumbersReadTheSame() throws {
        let sheetData =
            Self.rows(100)
            + "<!-- <row r=\"500\"><c r=\"A500\"><v>9</v></c></row> </sheetData> -->"
            + Self.rows(50, from: 101)
            + "<row><c><v>1</v></c></row><row><c/><c><v>2</v></c></row>"
            + "<row r=\"153\"><c r=\"A153\" t=\"inlineStr\"><is><t><![CDATA[<row r=\"7\"> & </sheetData>]]></t></is></c></row>"
            + "<?pi <row r=\"8\"> ?>" + Self.rows(50, from: 154)
        let (path, folder) = try write(
            XLSXBuilder(sheetData: sheetData, sharedStrings: Self.strings, styles: Self.styles))
        defer { try? FileManager.default.removeItem(at: folder) }
        Self.expectSameBothWays(path)
        let text = Self.outcome(path, sheet: 0, Self.inPieces).text
        #expect(text.contains("152: 2=number(2.0)\n153: 1=text(\"<row r=\\\"7\\\"> & </sheetData>\")"))
        #expect(text.hasSuffix("summary: 203 rows, merged []"))
    }

    @Test func errorsLateInTheSheetAreReportedAsTheSequentialReadingReportsThem() throws {
        let cases = [
            "malformed": Self.rows(300) + "<row r=\"301\"><c r=\"A301\"><v>1</v></x></row>" + Self.rows(10, from: 302),
            "shared string": Self.rows(300) + "<row r=\"301\"><c r=\"C301\" t=\"s\"><v>99</v></c></row>",
            "bad number": Self.rows(300) + "<row r=\"301\"><c r=\"E301\"><v>1,5</v></c></row>",
            "unclosed": Self.rows(300),
        ]
        for (name, sheetData) in cases {
            var builder = XLSXBuilder(sheetData: sheetData, sharedStrings: Self.strings, styles: Self.styles)
            if name == "unclosed" {
                builder.rawSheet = "<worksheet xmlns=\"\(XLSXBuilder.main)\"><sheetData>\n" + sheetData
            }
            let (path, folder) = try write(builder)
            defer { try? FileManager.default.removeItem(at: folder) }
            Self.expectSameBothWays(path)
            #expect(Self.outcome(path, sheet: 0, Self.inPieces).text.contains("error: "), "\(name)")
        }
    }

    @Test func aConsumerThatStopsStopsTheWorkers() throws {
        let (path, folder) = try write(
            XLSXBuilder(sheetData: Self.rows(2000), sharedStrings: Self.strings, styles: Self.styles))
        defer { try? FileManager.default.removeItem(at: folder) }
        Self.expectSameBothWays(path, stopAfter: 1234)
        #expect(Self.outcome(path, sheet: 0, Self.inPieces, stopAfter: 1234).text.hasSuffix("error: ConsumerStopped()"))
    }

    @Test func theCellLimitIsReportedAtTheSameCell() throws {
        let (path, folder) = try write(
            XLSXBuilder(sheetData: Self.rows(500), sharedStrings: Self.strings, styles: Self.styles))
        defer { try? FileManager.default.removeItem(at: folder) }
        var limits = ReadLimits.standard
        limits.maxCells = 1234
        Self.expectSameBothWays(path, limits: limits)
        let last = Self.outcome(path, sheet: 0, Self.inPieces, limits: limits).text.split(separator: "\n").last
        #expect(last == "error: too-many-cells sheet 表1 cell C309 line - the sheet has more than 1234 cells")
    }

    // MARK: XML Spreadsheet 2003

    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent beside the package"))
    func everyCorpusXML2003FileReadsTheSameInPieces() throws {
        let (sheets, cut) = try Self.readCorpusBothWays(["xml2003"], [".xml"]) {
            (try? XML2003Workbook(path: $0).sheets.count) ?? 1
        }
        #expect(sheets > 5)
        #expect(cut > 3, "pieces were cut in \(cut) of \(sheets) sheets")
    }

    /// An XML 2003 workbook of two sheets whose first table has rows with
    /// and without `ss:Index`, empty rows, merges across pieces and, when
    /// `tricky`, markup that looks like rows in a comment and a CDATA section
    /// (a cut there fails its piece, and the reading goes on sequentially).
    static func xml2003Workbook(rows: Int, tricky: Bool = false) -> String {
        var table = ""
        for r in 1...rows {
            switch r % 50 {
            case 7:
                table +=
                    "<Row ss:Index=\"\(r * 2)\"><Cell ss:MergeDown=\"2\"><Data ss:Type=\"Number\">\(r)</Data></Cell></Row>\n"
            case 13:
                table +=
                    "<Row/><Row><Cell ss:Index=\"3\" ss:MergeAcross=\"1\"><Data ss:Type=\"String\">跨 \(r)</Data></Cell></Row>\n"
            case 21 where tricky:
                table += "<!-- <Row><Cell><Data ss:Type=\"Number\">999</Data></Cell></Row> </Table> -->\n"
            case 33 where tricky:
                table += "<Row><Cell><Data ss:Type=\"String\"><![CDATA[<Row> & </Table>]]></Data></Cell></Row>\n"
            default:
                table +=
                    "<Row><Cell><Data ss:Type=\"String\">第\(r)行</Data></Cell><Cell ss:StyleID=\"d\"><Data ss:Type=\"DateTime\">2025-0\(r % 9 + 1)-15T00:00:00.000</Data></Cell>"
                    + "<Cell><Data ss:Type=\"Number\">\(r).5</Data></Cell></Row>\n"
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
             <Styles><Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style></Styles>
             <Worksheet ss:Name="甲"><Table>
            \(table)</Table></Worksheet>
             <Worksheet ss:Name="乙"><Table>
            <Row><Cell><Data ss:Type="String">乙表</Data></Cell></Row>
            \(table)</Table></Worksheet>
            </Workbook>
            """
    }

    @Test func anXML2003TableIsCutIntoPiecesAndRowsKeepTheirNumbers() throws {
        let path = try ReaderFixtures.temporaryFile("pieces.xml", Array(Self.xml2003Workbook(rows: 600).utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(Self.expectSameBothWays(path, sheet: 0) > 100)
        #expect(Self.expectSameBothWays(path, sheet: 1) > 100)
        let first = Self.outcome(path, sheet: 0, Self.inPieces).text
        #expect(first.contains("\n1114: 1=number(557.0)\n1115: 1=text(\"第558行\")"))
        #expect(first.contains("merged [A14:A16, C21:D21, A114:A116"))
        #expect(!first.contains("乙表") && !first.contains("999"))
        let second = Self.outcome(path, sheet: 1, Self.inPieces).text
        #expect(second.hasPrefix("1: 1=text(\"乙表\")\n2: 1=text(\"第1行\")"))
    }

    @Test func rowTagsInXML2003CommentsAndCDATAReadTheSame() throws {
        let path = try ReaderFixtures.temporaryFile(
            "tricky.xml", Array(Self.xml2003Workbook(rows: 600, tricky: true).utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        Self.expectSameBothWays(path, sheet: 0)
        Self.expectSameBothWays(path, sheet: 1)
        let first = Self.outcome(path, sheet: 0, Self.inPieces).text
        #expect(first.contains("1=text(\"<Row> & </Table>\")"))
        #expect(!first.contains("999"))
    }

    @Test func errorsAndLimitsLateInAnXML2003TableAreReportedAsSequentially() throws {
        let good = Self.xml2003Workbook(rows: 300)
        let cases = [
            good.replacingOccurrences(of: "第250行</Data>", with: "第250行</Dat>"),
            good.replacingOccurrences(
                of: "<Row><Cell><Data ss:Type=\"String\">第270行",
                with: "<Row ss:Index=\"1048577\"><Cell><Data ss:Type=\"String\">第270行"),
            good.replacingOccurrences(of: "</Table></Worksheet>\n <Worksheet ss:Name=\"乙\">", with: ""),
        ]
        for (i, text) in cases.enumerated() {
            #expect(text != good, "case \(i) changes the file")
            let path = try ReaderFixtures.temporaryFile("broken\(i).xml", Array(text.utf8))
            defer { try? FileManager.default.removeItem(atPath: path) }
            Self.expectSameBothWays(path)
            #expect(Self.outcome(path, sheet: 0, Self.inPieces).text.contains("error: "), "case \(i)")
        }
        let path = try ReaderFixtures.temporaryFile("limit.xml", Array(good.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var limits = ReadLimits.standard
        limits.maxCells = 500
        Self.expectSameBothWays(path, limits: limits)
        #expect(Self.outcome(path, sheet: 0, Self.inPieces, limits: limits).text.contains("error: too-many-cells"))
    }

    // MARK: OpenDocument

    @Test(.enabled(if: TestFiles.corpus != nil, "../shared/corpus is absent beside the package"))
    func everyCorpusODSFileReadsTheSameInPieces() throws {
        let fixtures = XLSODSConformanceTests.fixtures.path
        var sheets = 0
        var cut = 0
        for folder in [TestFiles.corpus!.appendingPathComponent("xlsx-calamine").path, fixtures] {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            where name.hasSuffix(".ods") {
                let path = "\(folder)/\(name)"
                guard let count = try? ODSWorkbook(path: path).sheets.count else { continue }
                for sheet in 0..<count {
                    sheets += 1
                    if Self.expectSameBothWays(path, sheet: sheet) > 0 { cut += 1 }
                }
            }
        }
        #expect(sheets > 30)
        #expect(cut > 10, "pieces were cut in \(cut) of \(sheets) sheets")
    }

    /// Rows of an OpenDocument table as LibreOffice writes them, with
    /// repeated rows and cells, spans and covered cells, spaces, an
    /// annotation, and a row repeated empty.
    static func odsRows(_ count: Int) -> String {
        (1...count).map { r in
            switch r % 40 {
            case 5:
                return
                    "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell table:number-columns-repeated=\"2\" "
                    + "office:value-type=\"float\" office:value=\"\(r)\"><text:p>\(r)</text:p></table:table-cell></table:table-row>"
            case 9:
                return
                    "<table:table-row table:number-rows-repeated=\"7\"><table:table-cell table:number-columns-repeated=\"4\"/></table:table-row>"
            case 17:
                return
                    "<table:table-row><table:table-cell table:number-columns-spanned=\"2\" table:number-rows-spanned=\"2\" "
                    + "office:value-type=\"string\"><text:p>并\(r)</text:p></table:table-cell><table:covered-table-cell/>"
                    + "<table:table-cell office:value-type=\"percentage\" office:value=\"0.5\"><text:p>50%</text:p></table:table-cell></table:table-row>"
            default:
                return
                    "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>第\(r)行<text:s text:c=\"2\"/>&amp;</text:p>"
                    + "<office:annotation><text:p>注</text:p></office:annotation></table:table-cell>"
                    + "<table:table-cell office:value-type=\"date\" office:date-value=\"2025-0\(r % 9 + 1)-15\"><text:p>x</text:p></table:table-cell>"
                    + "<table:table-cell/><table:table-cell office:value-type=\"float\" office:value=\"\(r).5\"><text:p>\(r).5</text:p></table:table-cell></table:table-row>"
            }
        }.joined()
    }

    /// Two sheets of `odsRows`, the first padded with a million empty rows, as LibreOffice does.
    static func odsWorkbook(rows: Int, last: String = "") throws -> String {
        try ODSReaderTests().package(
            "<table:table table:name=\"甲\"><table:table-column table:number-columns-repeated=\"4\"/>"
                + odsRows(rows) + last
                + "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"4\"/></table:table-row>"
                + "</table:table><table:table table:name=\"乙\"><table:table-row><table:table-cell office:value-type=\"string\">"
                + "<text:p>乙表</text:p></table:table-cell></table:table-row>\(odsRows(rows))</table:table>")
    }

    @Test func anODSTableIsCutIntoPiecesAndRowsKeepTheirNumbers() throws {
        let path = try Self.odsWorkbook(rows: 400)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(Self.expectSameBothWays(path, sheet: 0) > 100)
        #expect(Self.expectSameBothWays(path, sheet: 1) > 100)
        let first = Self.outcome(path, sheet: 0, Self.inPieces).text
        // Row 5 of every 40 repeats 3 times and row 9 is 7 empty rows: 40 rows of markup are 48 of the sheet.
        #expect(first.contains("\n480: 1=text(\"第400行  &\") 2=dateTime(45792.0) 4=number(400.5)\nsummary: 410 rows"))
        #expect(first.contains("merged [A25:B26, A73:B74, A121:B122"))
        #expect(!first.contains("乙表") && !first.contains("注"))
        let second = Self.outcome(path, sheet: 1, Self.inPieces).text
        #expect(second.hasPrefix("1: 1=text(\"乙表\")\n2: 1=text(\"第1行  &\")"))
    }

    @Test func errorsAndLimitsLateInAnODSTableAreReportedAsSequentially() throws {
        let cases = [
            "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1,5\"/></table:table-row>",
            "<table:table-row><table:table-cell></table:table-row>",
            "<table:table-row table:number-rows-repeated=\"1048576\"/><table:table-row><table:table-cell "
                + "office:value-type=\"float\" office:value=\"1\"/></table:table-row>",
        ]
        for (i, last) in cases.enumerated() {
            let path = try Self.odsWorkbook(rows: 300, last: last)
            defer { try? FileManager.default.removeItem(atPath: path) }
            Self.expectSameBothWays(path)
            #expect(Self.outcome(path, sheet: 0, Self.inPieces).text.contains("error: "), "case \(i)")
        }
        let path = try Self.odsWorkbook(rows: 300)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var limits = ReadLimits.standard
        limits.maxCells = 500
        Self.expectSameBothWays(path, limits: limits)
        #expect(Self.outcome(path, sheet: 0, Self.inPieces, limits: limits).text.contains("error: too-many-cells"))
        Self.expectSameBothWays(path, stopAfter: 777)
    }
}
