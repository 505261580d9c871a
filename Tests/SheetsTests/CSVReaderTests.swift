import Foundation
import Testing

@testable import Sheets

@Suite struct CSVReaderTests {
    typealias F = ReaderFixtures

    func corpusGrid(_ name: String, encoding: String? = nil) throws -> [[String]]? {
        guard let path = F.corpusFile("csv", name) else { return nil }
        return try F.textGrid(CSVWorkbook(path: path, encoding: encoding))
    }

    func grid(of bytes: [UInt8], encoding: String? = nil, limits: ReadLimits = .standard) throws -> [[String]] {
        try F.textGrid(CSVWorkbook(path: F.temporaryFile("built.csv", bytes), limits: limits, encoding: encoding))
    }

    func summary(of bytes: [UInt8]) throws -> CSVSummary {
        try CSVWorkbook(path: F.temporaryFile("built.csv", bytes)).readRecords { _ in }
    }

    // MARK: The corpus

    static let premiere = [["première", "second", "troisième"], ["Quatrième", "cinquième", "sixième"]]

    @Test(
        .needsCorpus,
        arguments: [
            "utf8", "utf8bom", "utf16be", "utf16bebom", "utf16lebom", "utf32be", "utf32bebom", "utf32le", "utf32lebom",
        ])
    func premiereInEveryEncodingGivesTheSameCells(_ encoding: String) throws {
        #expect(try corpusGrid("premiere.\(encoding).csv") == Self.premiere)
    }

    @Test(.needsCorpus) func premiereInUTF16LEWithoutMarkHasNonCharactersAndAnAstralCharacter() throws {
        // D801 DC00 is U+10400 as a surrogate pair.
        #expect(try corpusGrid("premiere.utf16le.csv") == Self.premiere + [["\u{10400}", "\u{FFFE}", "\u{FFFF}"]])
    }

    @Test(.needsCorpus) func windows1252NeedsTheEncodingNamed() throws {
        #expect(try corpusGrid("premiere.win1252.csv", encoding: "windows-1252") == Self.premiere)
        // Unnamed, its bytes are valid GB18030 (E8 72 is one character): read as such, as Chinese files need.
        guard let path = F.corpusFile("csv", "premiere.win1252.csv") else { return }
        #expect(try CSVWorkbook(path: path).readRecords { _ in }.encoding == .gb18030)
    }

    @Test(.needsCorpus, arguments: ["utf8", "utf8bom", "utf16be", "utf16le", "utf32be", "utf32le"])
    func encodingFilesGiveTheSameText(_ encoding: String) throws {
        #expect(try corpusGrid("encoding.\(encoding).csv") == [["Å", "1"], ["2", "3"]])
    }

    @Test(.needsCorpus) func latin1IsReadWhenNamedAndRefusedWhenNot() throws {
        #expect(try corpusGrid("encoding.iso88591.csv", encoding: "latin1") == [["Å", "1"], ["2", "3"]])
        guard let path = F.corpusFile("csv", "encoding.iso88591.csv") else { return }
        let error = F.sheetError { _ = try F.textGrid(CSVWorkbook(path: path)) }
        #expect(error?.code == .encodingError)
        #expect(error?.line == 1)
        #expect(error?.detail.contains("offset 0") == true)
    }

    @Test(.needsCorpus, arguments: ["mac", "unix", "win"])
    func everyLineEndingEndsARecord(_ ending: String) throws {
        #expect(try corpusGrid("linend.\(ending).csv") == [["A", "1"], ["2", "3"]])
    }

    @Test(.needsCorpus, arguments: ["line_break_in_enclosure.csv", "utf16be.line_break_in_enclosure.csv"])
    func lineBreaksInsideQuotesStayInTheField(_ name: String) throws {
        guard let path = F.corpusFile("csv", name) else { return }
        var lines: [Int?] = []
        let grid = try F.textGrid(CSVWorkbook(path: path))
        _ = try CSVWorkbook(path: path).readRows(ofSheet: 0) { lines.append($0.line) }
        let multiline = [
            "Test", "This is a test\r\nwith line breaks\r\nthat breaks the\r\ndelimiters", "http://google.com",
        ]
        #expect(
            grid == [["Name", "Copy", "URL"]] + Array(repeating: multiline, count: 4) + [
                ["Test", "This is a test", "http://google.com"]
            ])
        #expect(lines == [1, 2, 6, 10, 14, 18])
    }

    @Test(.needsCorpus, arguments: ["line_break_in_enclosure_with_escaped_quotes.csv", "line_break_escaped_32le.csv"])
    func doubledQuotesInsideMultilineFields(_ name: String) throws {
        let field =
            "This is a \"test csv file\"\nwith both \"line breaks\"\nand \"escaped\nquotes\" that breaks\nthe delimiters"
        #expect(
            try corpusGrid(name) == [["Name", "Copy", "URL"]]
                + Array(repeating: ["Test", field, "http://google.com"], count: 4))
    }

    @Test(.needsCorpus) func trailingEmptyFieldsMakeRaggedRecords() throws {
        #expect(
            try corpusGrid("enclosure.csv") == [
                ["Date/Time", "task", "username"],
                ["12/17/2017 14:35", "viewpage", "username1"],
                ["12/17/2017 04:00", "editpage", "username5"],
                ["11/29/2017 08:20", "deletepage", "username2"],
            ])
        guard let path = F.corpusFile("csv", "enclosure.csv") else { return }
        let summary = try CSVWorkbook(path: path).readRecords { _ in }
        #expect(summary.raggedRecordCount == 3)
        #expect(summary.firstRaggedLine == 2)
    }

    @Test(.needsCorpus, arguments: ["semicolon_separated.csv", "csv_without_extension"])
    func semicolonIsSniffed(_ name: String) throws {
        #expect(
            try corpusGrid(name) == [
                ["This", "Are", "Headers"], ["Cell A2", "Number with comma", "25,5"],
                ["Two colons and a comma", "B|3", ":,:"],
            ])
    }

    @Test(.needsCorpus) func sheetIsNamedAfterTheFile() throws {
        guard let path = F.corpusFile("csv", "csv_without_extension") else { return }
        #expect(try CSVWorkbook(path: path).sheets == [SheetInfo(name: "csv_without_extension", index: 0)])
        #expect(try CSVWorkbook(path: F.temporaryFile("地区.报表.csv", Array("a".utf8))).sheets[0].name == "地区.报表")
    }

    @Test(.needsCorpus) func sepLineNamesTheDelimiter() throws {
        #expect(try corpusGrid("sep.csv") == [["A", "1"], ["2", "3"]])
        guard let path = F.corpusFile("csv", "sep.csv") else { return }
        var lines: [Int?] = []
        _ = try CSVWorkbook(path: path).readRows(ofSheet: 0) { lines.append($0.line) }
        #expect(lines == [2, 3])
    }

    @Test(.needsCorpus) func quotedNumbersStayText() throws {
        #expect(
            try corpusGrid("NumberFormatTest.csv") == [
                ["-123", "1,234", "12,345.67"], ["123.4567", "123.456789012"], ["-1,234.567", "1234.567"],
            ])
        #expect(
            try corpusGrid("NumberFormatTest.de.csv") == [
                ["-123", "1.234", "12.345,67"], ["123,4567", "123,456789012"], ["-1.234,567"], ["WAHR", "FALSCH"],
                ["FALSE", "TRUE"],
            ])
        #expect(
            try corpusGrid("issue.2232.csv") == [
                ["1", "2", "3"], ["a", "FaLSe", "b"], ["cc", "tRUE", "cc"], ["dd", "Faux", "ee"], ["ff", "Vrai", "gg"],
            ])
    }

    @Test(.needsCorpus) func backslashIsNotAnEscape() throws {
        #expect(try corpusGrid("backslash.csv") == [["field 1", "field 2\\"], ["field 3\\", "field 4"]])
        #expect(try corpusGrid("contains_html.csv") == [["Column A", "<a href=''>Link</a>", "Column C"]])
    }

    @Test(.needsCorpus) func quotesInsideUnquotedFieldsAreText() throws {
        // Split by `;`, every record has ten fields; by `,` three or four: the sniffer takes `;`.
        let grid = try corpusGrid("escape.csv")
        #expect(grid?.count == 4)
        #expect(
            grid?[0] == [
                #"a\"hello"#, "hello", "hello", #"\",b\"hello"#, "hello", "hello", #"\",c\"\hello"#, "hello", "hello",
                #"\""#,
            ])
        #expect(grid?[1].last == #"\",d"#)
    }

    @Test(.needsCorpus) func singleColumnAndEmptyFiles() throws {
        #expect(try corpusGrid("no_delimiter.csv") == [["SingleLine"]])
        #expect(try corpusGrid("empty.csv") == [])
    }

    // MARK: Built files

    @Test func gb18030IsDetected() throws {
        // 地区代码,嘉祥县 in GB18030.
        let bytes: [UInt8] = [
            0xB5, 0xD8, 0xC7, 0xF8, 0xB4, 0xFA, 0xC2, 0xEB, 0x2C, 0xBC, 0xCE, 0xCF, 0xE9, 0xCF, 0xD8, 0x0D, 0x0A,
            0x33, 0x37, 0x30, 0x38, 0x32, 0x39, 0x2C, 0x30, 0x30, 0x31, 0x0D, 0x0A,
        ]
        #expect(try grid(of: bytes) == [["地区代码", "嘉祥县"], ["370829", "001"]])
        #expect(try grid(of: bytes, encoding: "GBK") == [["地区代码", "嘉祥县"], ["370829", "001"]])
        #expect(try summary(of: bytes).encoding == .gb18030)
    }

    @Test func fullWidthCommaIsADelimiter() throws {
        #expect(try grid(of: Array("地区，数量\n嘉祥县，12\n".utf8)) == [["地区", "数量"], ["嘉祥县", "12"]])
        // The same in GB18030, where ， is A3 AC.
        let gb: [UInt8] = [
            0xB5, 0xD8, 0xC7, 0xF8, 0xA3, 0xAC, 0x31, 0x32, 0x0A, 0xBC, 0xCE, 0xCF, 0xE9, 0xCF, 0xD8, 0xA3, 0xAC, 0x33,
            0x0A,
        ]
        #expect(try grid(of: gb) == [["地区", "12"], ["嘉祥县", "3"]])
    }

    @Test(arguments: [";", "\t", "|"])
    func otherDelimitersAreSniffed(_ delimiter: String) throws {
        let text =
            ["地区", "数量", "备注"].joined(separator: delimiter) + "\n" + ["嘉祥县", "1,5", "a"].joined(separator: delimiter)
            + "\n"
        #expect(try grid(of: Array(text.utf8)) == [["地区", "数量", "备注"], ["嘉祥县", "1,5", "a"]])
        #expect(try summary(of: Array(text.utf8)).delimiter == delimiter)
    }

    @Test func carriageReturnOnlyLineEndings() throws {
        let bytes = Array("a,\"x\ry\"\rb,c\r\rd".utf8)
        #expect(try grid(of: bytes) == [["a", "x\ry"], ["b", "c"], [], ["d"]])
        var lines: [Int?] = []
        _ = try CSVWorkbook(path: F.temporaryFile("cr.csv", bytes)).readRows(ofSheet: 0) { lines.append($0.line) }
        #expect(lines == [1, 3, 5])
    }

    @Test func controlCharactersOtherThanLineBreaksAreText() throws {
        // The scanning stops at every byte below 0x10 and must go on past those that are not CR or LF.
        let text =
            "col\tumn one,\u{01}\u{02}\u{03}\u{04}\u{05}\u{06}\u{07}\u{08}x\u{0B}\u{0C}\u{0E}\u{0F},end\r\n\u{0B}\u{0C},b,c\n"
        #expect(
            try grid(of: Array(text.utf8)) == [
                ["col\tumn one", "\u{01}\u{02}\u{03}\u{04}\u{05}\u{06}\u{07}\u{08}x\u{0B}\u{0C}\u{0E}\u{0F}", "end"],
                ["\u{0B}\u{0C}", "b", "c"],
            ])
    }

    @Test func emptyFieldsAreNoCellsButKeepColumns() throws {
        let path = try F.temporaryFile("gaps.csv", Array(",a,,b,\n\n,,\n001\n".utf8))
        var rows: [(Int, [Int])] = []
        let summary = try CSVWorkbook(path: path).readRecords { row in
            rows.append((row.number, row.cells.map(\.column)))
        }
        #expect(rows.map(\.0) == [1, 4])
        #expect(rows.map(\.1) == [[2, 4], [1]])
        #expect(summary.recordCount == 4)
        #expect(try F.textGrid(CSVWorkbook(path: path)) == [["", "a", "", "b"], [], [], ["001"]])
    }

    @Test func unterminatedQuoteNamesTheLineItOpened() throws {
        let error = F.sheetError { _ = try grid(of: Array("a,b\nc,\"open\nmore\n".utf8)) }
        #expect(error?.code == .csvUnterminatedQuote)
        #expect(error?.line == 2)
    }

    @Test func bytesNeitherUTF8NorGB18030AreRefused() throws {
        let error = F.sheetError { _ = try grid(of: Array("abc\nd".utf8) + [0xC0, 0x20, 0x0A]) }
        #expect(error?.code == .encodingError)
        #expect(error?.line == 2)
    }

    @Test func badByteAfterTheFirstChunkNamesItsLine() throws {
        // 40,000 lines of ASCII (over 256 KiB), then a lone continuation byte.
        var bytes: [UInt8] = []
        for i in 1...40_000 { bytes += Array("\(i),value\n".utf8) }
        bytes += [0x78, 0x80, 0x0A]
        let error = F.sheetError { _ = try grid(of: bytes) }
        #expect(error?.code == .encodingError)
        #expect(error?.line == 40_001)
    }

    @Test func raggedRecordsAreDeliveredAndCounted() throws {
        let bytes = Array("a,b,c\n1,2\n3,4,5,6\n7,8,9\n".utf8)
        #expect(try grid(of: bytes) == [["a", "b", "c"], ["1", "2"], ["3", "4", "5", "6"], ["7", "8", "9"]])
        let summary = try summary(of: bytes)
        #expect(summary.raggedRecordCount == 2)
        #expect(summary.firstRaggedLine == 2)
    }

    @Test func utf16WithMarkIsDecoded() throws {
        let text = "\u{FEFF}地区,数量\r\n\"嘉祥县\",12\r\n"
        let le = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try grid(of: le) == [["地区", "数量"], ["嘉祥县", "12"]])
        #expect(try grid(of: be) == [["地区", "数量"], ["嘉祥县", "12"]])
        // Named explicitly, the mark decodes to U+FEFF and is still stripped.
        #expect(try grid(of: le, encoding: "utf-16le") == [["地区", "数量"], ["嘉祥县", "12"]])
    }

    @Test func unknownEncodingNameIsRefused() throws {
        #expect(F.sheetError { _ = try grid(of: Array("a".utf8), encoding: "klingon") }?.code == .encodingUnknown)
    }

    @Test func limitsOnFieldLengthAndColumns() throws {
        var limits = ReadLimits()
        limits.maxCellBytes = 10
        limits.maxColumns = 3
        let long = F.sheetError { _ = try grid(of: Array("a\nb\n\"0123456789A\"\n".utf8), limits: limits) }
        #expect(long?.code == .cellTooLong)
        #expect(long?.line == 3)
        let wide = F.sheetError { _ = try grid(of: Array("a,b,c\n1,2,3,4\n".utf8), limits: limits) }
        #expect(wide?.code == .tooManyColumns)
        #expect(wide?.line == 2)
    }

    @Test func fieldsRebuiltFromQuotesKeepTheirColumnsBesideSpansOfTheRecord() throws {
        // Plain spans, a doubled quote, text after a closing quote, a quoted line break and an
        // empty quoted field in one record: the rebuilt fields go after the record's bytes.
        let text = "a,\"x\"\"y\",\"q\"tail,\"l1\nl2\",\"\",z\n\"\"\"\",b\n"
        var rows: [(cells: [SheetCell], values: [String])] = []
        _ = try CSVWorkbook(path: F.temporaryFile("built.csv", Array(text.utf8))).readRecords { row in
            rows.append((row.cells, row.cells.map { row.text(of: $0) }))
        }
        #expect(rows.count == 2)
        #expect(rows[0].values == ["a", "x\"y", "qtail", "l1\nl2", "z"])
        #expect(rows[0].cells.map(\.column) == [1, 2, 3, 4, 6])
        #expect(rows[1].values == ["\"", "b"])
        #expect(rows[1].cells.map(\.column) == [1, 2])
    }

    @Test func recordsWithManyFieldsAreWhole() throws {
        // More fields than the parser's first room for cells, some rebuilt.
        let fields = (1...300).map { $0 % 7 == 0 ? "\"f\"\"\($0)\"" : "f\($0)" }
        let rows = try grid(of: Array((fields.joined(separator: ",") + "\nend\n").utf8))
        #expect(rows.count == 2)
        #expect(rows[0] == (1...300).map { $0 % 7 == 0 ? "f\"\($0)" : "f\($0)" })
        #expect(rows[1] == ["end"])
    }

    @Test func recordsStraddlingChunkBoundariesAreWhole() throws {
        // Records cut by the 256 KiB chunk boundary at every offset of a CRLF,
        // a doubled quote, a multi-byte character and the full-width comma.
        let chunk = CharsetDecoder.chunkSize
        var limits = ReadLimits()
        limits.maxCellBytes = chunk
        for tail in ["\"x\"\"y\"，嘉祥县\r\n", "嘉祥县，\"a\r\nb\"\r\n"] {
            for shift in 0..<8 {
                let filler = String(repeating: "z", count: chunk - shift - 20)
                let text = "h1，h2\r\n" + filler + "，1\r\n" + tail + "末，尾"
                let rows = try grid(of: Array(text.utf8), limits: limits)
                #expect(rows.count == 4)
                #expect(rows[1] == [filler, "1"])
                #expect(rows[2] == (tail.hasPrefix("\"") ? ["x\"y", "嘉祥县"] : ["嘉祥县", "a\r\nb"]))
                #expect(rows[3] == ["末", "尾"])
            }
        }
    }

    @Test func gb18030LargerThanAChunkStreamsThroughIconv() throws {
        // 地区,12 per line (GB18030), 40,000 lines: several iconv chunks.
        let line: [UInt8] = [0xB5, 0xD8, 0xC7, 0xF8, 0x2C, 0x31, 0x32, 0x0A]
        let bytes = Array((0..<40_000).map { _ in line }.joined())
        var count = 0
        var last = ""
        _ = try CSVWorkbook(path: F.temporaryFile("big.csv", bytes)).readRows(ofSheet: 0) { row in
            count += 1
            last = row.text(of: row.cells[0])
        }
        #expect(count == 40_000)
        #expect(last == "地区")
    }

    @Test func sheetBeyondTheFirstIsNotFound() throws {
        let workbook = try CSVWorkbook(path: F.temporaryFile("one.csv", Array("a".utf8)))
        #expect(F.sheetError { _ = try workbook.readRows(ofSheet: 1) { _ in } }?.code == .sheetNotFound)
        #expect(F.sheetError { _ = try CSVWorkbook(path: "/nonexistent/x.csv") }?.code == .fileUnreadable)
    }
}
