import Foundation
import Testing

@testable import Sheets

/// Big CSV files are read and decoded on a second thread (`DecodingAhead`)
/// while the calling thread parses: these tests read files both ways, the
/// second thread forced by a floor of 0, and want the same rows, lines,
/// summaries and errors.
@Suite struct CSVDecodingAheadTests {
    typealias F = ReaderFixtures
    struct Boom: Error {}

    static let chunk = CharsetDecoder.chunkSize

    /// Everything a reading shows: each row's number, line and cells, then
    /// the summary, or the error's code and line.
    static func transcript(
        _ path: String, encoding: String? = nil, limits: ReadLimits = .standard,
        ahead: Bool, maxRecordBytes: Int? = nil
    ) -> [String] {
        var lines: [String] = []
        do {
            var workbook = try CSVWorkbook(path: path, limits: limits, encoding: encoding)
            workbook.decodeAheadFloor = ahead ? 0 : .max
            if let maxRecordBytes { workbook.maxRecordBytes = maxRecordBytes }
            let summary = try workbook.readRecords { row in
                let cells = row.cells.map { "\($0.column)=\(row.text(of: $0))" }
                lines.append("#\(row.number) line \(row.line ?? -1): " + cells.joined(separator: " | "))
            }
            lines.append("\(summary)")
        } catch let error as SheetError {
            lines.append("error \(error.code) line \(error.line ?? -1)")
        } catch {
            lines.append("error \(error)")
        }
        return lines
    }

    /// Reads `path` both ways, expects the same transcript, and returns it.
    @discardableResult
    static func bothWays(
        _ path: String, encoding: String? = nil, limits: ReadLimits = .standard,
        maxRecordBytes: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [String] {
        let alone = transcript(path, encoding: encoding, limits: limits, ahead: false, maxRecordBytes: maxRecordBytes)
        let ahead = transcript(path, encoding: encoding, limits: limits, ahead: true, maxRecordBytes: maxRecordBytes)
        #expect(ahead == alone, sourceLocation: sourceLocation)
        return ahead
    }

    // MARK: The corpus

    @Test(.needsCorpus) func everyCorpusCSVReadsTheSameOnASecondThread() throws {
        guard let folder = F.corpus("csv") else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "LICENSE" }.sorted()
        #expect(names.count > 30)
        for name in names {
            let lines = Self.bothWays(folder.appendingPathComponent(name).path)
            #expect(!lines.isEmpty, "\(name)")
        }
        // The two that need their encoding named.
        #expect(
            Self.bothWays(folder.appendingPathComponent("premiere.win1252.csv").path, encoding: "windows-1252").count
                == 3)
        #expect(
            Self.bothWays(folder.appendingPathComponent("encoding.iso88591.csv").path, encoding: "latin1").count == 3)
    }

    // MARK: Chunk boundaries

    @Test func recordsCutByChunkEndsAtEveryOffsetReadTheSame() throws {
        // A CRLF, a doubled quote, a quoted line break, a three-byte character and the
        // full-width comma each cut by the first chunk's end at every offset.
        var limits = ReadLimits()
        limits.maxCellBytes = Self.chunk
        for tail in ["\"x\"\"y\"，嘉祥县\r\n", "嘉祥县，\"a\r\nb\"\r\n"] {
            for shift in 0..<8 {
                let filler = String(repeating: "z", count: Self.chunk - shift - 20)
                let text = "h1，h2\r\n" + filler + "，1\r\n" + tail + "末，尾"
                let lines = Self.bothWays(try F.temporaryFile("cut.csv", Array(text.utf8)), limits: limits)
                #expect(lines.count == 5)
                #expect(
                    lines[2] == (tail.hasPrefix("\"") ? "#3 line 3: 1=x\"y | 2=嘉祥县" : "#3 line 3: 1=嘉祥县 | 2=a\r\nb"))
                #expect(lines[3] == (tail.hasPrefix("\"") ? "#4 line 4: 1=末 | 2=尾" : "#4 line 5: 1=末 | 2=尾"))
            }
        }
    }

    @Test func manyChunksOfMixedRecordsReadTheSame() throws {
        // About 2.5 MB: BOM, CRLF, quoted fields with commas, doubled quotes and
        // line breaks, Chinese text, empty and ragged records, no final line break.
        var state: UInt32 = 11
        func random(_ bound: UInt32) -> Int {
            state = state &* 1_103_515_245 &+ 12_345
            return Int((state >> 16) % bound)
        }
        var text = "\u{FEFF}地区代码,地区名称,指标代码,数值,备注\r\n"
        var records = 1
        for row in 0..<40_000 {
            let note = ["", "\"说明,含逗号\"", "\"引\"\"号\"\"\"", "\"第一行\r\n第二行\"", "备注\(row)"][random(5)]
            text += "37\(1000 + random(900)),嘉祥县,code_\(random(50)),\(random(100_000)).\(random(100)),\(note)"
            text += [",extra", "", ""][random(3)]
            text += "\r\n"
            records += 1
            if random(40) == 0 {
                text += "\r\n"
                records += 1
            }
        }
        text += "末行,,,1"
        #expect(text.utf8.count > 2_000_000)
        let lines = Self.bothWays(try F.temporaryFile("mixed.csv", Array(text.utf8)))
        // The header, 40,000 rows and the last: empty records are not delivered.
        #expect(lines.count == 40_003)
        #expect(lines[0] == "#1 line 1: 1=地区代码 | 2=地区名称 | 3=指标代码 | 4=数值 | 5=备注")
        // Every CRLF, inside quotes or not, is a line break ("\r\n" is one Character).
        #expect(lines[40_001] == "#\(records + 1) line \(text.count(where: { $0 == "\r\n" }) + 1): 1=末行 | 4=1")
        #expect(lines[40_002].contains("recordCount: \(records + 1), rowCount: 40002, raggedRecordCount: "))
        #expect(!lines[40_002].contains("raggedRecordCount: 0,"))
    }

    @Test func fileOfExactlyOneChunkWithoutAFinalLineBreak() throws {
        // The decoder cannot know the file has ended until it reads 0 bytes: the
        // last record is parsed as final after an empty read.
        var limits = ReadLimits()
        limits.maxCellBytes = Self.chunk
        let head = "a,b\n"
        let last = "c," + String(repeating: "d", count: Self.chunk - head.utf8.count - 2)
        let lines = Self.bothWays(try F.temporaryFile("exact.csv", Array((head + last).utf8)), limits: limits)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("#2 line 2: 1=c | 2=ddd"))
    }

    @Test func recordLongerThanAChunkIsCarriedWhole() throws {
        // A quoted field of 700 KB with line breaks spans three chunks.
        var limits = ReadLimits()
        limits.maxCellBytes = 1 << 20
        let field = String(repeating: "长文本,\"\"x\"\"\n", count: 40_000)
        let text = "a,b\n1,\"" + field + "\"\n2,3\n"
        let lines = Self.bothWays(try F.temporaryFile("long.csv", Array(text.utf8)), limits: limits)
        #expect(lines.count == 4)
        #expect(lines[1] == "#2 line 2: 1=1 | 2=" + String(repeating: "长文本,\"x\"\n", count: 40_000))
        #expect(lines[2] == "#3 line 40003: 1=2 | 2=3")
    }

    @Test func recordLongerThanTheLimitIsRefusedWithItsLine() throws {
        var limits = ReadLimits()
        limits.maxCellBytes = 1 << 20
        let text = "a,b\nc,d\n1,\"" + String(repeating: "x\n", count: 400_000) + "\"\n2,3\n"
        let lines = Self.bothWays(
            try F.temporaryFile("limit.csv", Array(text.utf8)), limits: limits, maxRecordBytes: 600_000)
        #expect(lines == ["#1 line 1: 1=a | 2=b", "#2 line 2: 1=c | 2=d", "error csv-record-too-long line 3"])
        // Under the limit it is read.
        #expect(
            Self.bothWays(try F.temporaryFile("limit.csv", Array(text.utf8)), limits: limits, maxRecordBytes: 900_000)
                .count == 5)
    }

    // MARK: Errors

    @Test func badUTF8InALaterChunkNamesItsLine() throws {
        var bytes: [UInt8] = []
        for i in 1...150_000 { bytes += Array("\(i),值\n".utf8) }
        bytes += [0x78, 0x80, 0x0A]
        let lines = Self.bothWays(try F.temporaryFile("bad.csv", bytes))
        #expect(lines.count == 150_001)
        #expect(lines.last == "error encoding-error line 150001")
    }

    @Test func badGB18030InALaterChunkNamesItsLine() throws {
        // 地区,12 per line in GB18030, then a byte no GB18030 sequence starts with.
        let line: [UInt8] = [0xB5, 0xD8, 0xC7, 0xF8, 0x2C, 0x31, 0x32, 0x0D, 0x0A]
        let bytes = Array(repeatElement(line, count: 150_000).joined()) + [0x31, 0xFF, 0x0A]
        let lines = Self.bothWays(try F.temporaryFile("bad.csv", bytes), encoding: "gb18030")
        #expect(lines.count == 150_001)
        #expect(lines[149_999] == "#150000 line 150000: 1=地区 | 2=12")
        #expect(lines.last == "error encoding-error line 150001")
    }

    @Test func parseErrorAfterManyChunksComesAfterTheRowsBeforeIt() throws {
        let text = String(repeating: "a,b\n", count: 300_000) + "c,\"open\nmore\n"
        let lines = Self.bothWays(try F.temporaryFile("open.csv", Array(text.utf8)))
        #expect(lines.count == 300_001)
        #expect(lines.last == "error csv-unterminated-quote line 300001")
    }

    @Test func consumerStoppingEarlyStopsTheDecodingThread() throws {
        let path = try F.temporaryFile("stop.csv", Array(String(repeating: "a,b\n", count: 500_000).utf8))
        var workbook = try CSVWorkbook(path: path)
        workbook.decodeAheadFloor = 0
        var rows = 0
        #expect(throws: Boom.self) {
            _ = try workbook.readRecords { _ in
                rows += 1
                if rows == 10 { throw Boom() }
            }
        }
        #expect(rows == 10)
        // The thread has been joined: the next reading of the file starts afresh.
        #expect(try workbook.readRecords { _ in }.rowCount == 500_000)
    }

    // MARK: The decoder on its thread

    @Test(arguments: [8, 13, 4096])
    func decodingAheadHandsOutTheDecodersText(chunkSize: Int) throws {
        // 地区,12 CRLF 嘉祥县,"3" LF, in UTF-8 and in GB18030.
        let line = "地区,12\r\n嘉祥县,\"3\"\n"
        let gb18030: [UInt8] = [
            0xB5, 0xD8, 0xC7, 0xF8, 0x2C, 0x31, 0x32, 0x0D, 0x0A,
            0xBC, 0xCE, 0xCF, 0xE9, 0xCF, 0xD8, 0x2C, 0x22, 0x33, 0x22, 0x0A,
        ]
        for (bytes, encoding) in [(Array(line.utf8), TextEncoding.utf8), (gb18030, .gb18030)] {
            let path = try F.temporaryFile("text.csv", Array(repeatElement(bytes, count: 3_000).joined()))
            let ahead = DecodingAhead(try Self.decoder(path, encoding), chunkSize: chunkSize)
            defer { ahead.stop() }
            let decoded = Self.decoded(ahead)
            #expect(decoded.error == nil)
            #expect(decoded.text == Array(String(repeating: line, count: 3_000).utf8))
            #expect(ahead.isExhausted)
        }
    }

    @Test func decodingAheadHandsOutTheTextBeforeABadByteThenTheError() throws {
        let path = try F.temporaryFile("bad.csv", Array(String(repeating: "值,1\n", count: 100).utf8) + [0xC0, 0x41])
        let ahead = DecodingAhead(try Self.decoder(path, .utf8), chunkSize: 64)
        defer { ahead.stop() }
        let decoded = Self.decoded(ahead)
        #expect(decoded.text == Array(String(repeating: "值,1\n", count: 100).utf8))
        #expect(decoded.error?.code == .encodingError)
        #expect(decoded.error?.detail.contains("offset 600") == true)
    }

    /// A decoder of the file at `path`, which has read its first chunk.
    static func decoder(_ path: String, _ encoding: TextEncoding) throws -> CharsetDecoder {
        let file = try InputFile(path: path, limits: .standard)
        var sample = [UInt8](repeating: 0, count: chunk)
        let count = try sample.withUnsafeMutableBytes { try file.readFully(into: $0) }
        return try CharsetDecoder(file: file, encoding: encoding, sample: Array(sample[..<count]), skip: 0)
    }

    /// All text of `source`, and the error that ended it.
    static func decoded(_ source: some UTF8TextSource) -> (text: [UInt8], error: SheetError?) {
        var text: [UInt8] = []
        do {
            while let chunk = try source.next() { text += chunk }
            return (text, nil)
        } catch {
            return (text, error as? SheetError)
        }
    }
}
