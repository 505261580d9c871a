import Foundation
import Testing

@testable import Sheets

/// Compound files and BIFF streams built by the tests: a sound one reads,
/// each broken one ends in its own code within a second.
@Suite struct CompoundFileTests {
    /// One sheet with a number at A1 and a text at B2.
    static func workbook(_ build: (inout BIFFBuilder) -> Void = { _ in }) -> [UInt8] {
        var biff = BIFFBuilder()
        biff.sheets = [("表1", [BIFFBuilder.number(0, 0, 42.5), biff.label(1, 1, Array("text".utf8))])]
        build(&biff)
        return biff.stream()
    }

    func write(_ bytes: [UInt8], _ name: String = "book.xls") throws -> String {
        try ReaderFixtures.temporaryFile(name, bytes)
    }

    /// Opens and reads every sheet; returns the error code, within a second.
    func errorCode(_ bytes: [UInt8]) throws -> SheetError.Code? {
        let path = try write(bytes)
        let start = ContinuousClock.now
        defer { #expect(ContinuousClock.now - start < .seconds(1), "must fail fast") }
        do {
            let workbook = try openWorkbook(atPath: path)
            for sheet in try workbook.sheets { _ = try workbook.readRows(ofSheet: sheet.index) { _ in } }
        } catch let error as SheetError {
            #expect(error.file == path, "the error names the file: \(error)")
            return error.code
        }
        return nil
    }

    @Test func builtWorkbookReads() throws {
        let path = try write(CompoundFileBuilder(streams: [("Workbook", Self.workbook())]).bytes())
        let workbook = try openWorkbook(atPath: path)
        #expect(workbook is XLSWorkbook)
        #expect(try workbook.sheets.map(\.name) == ["表1"])
        #expect(try TestFiles.canonicalCSV(workbook) == "42.5\n,text\n")
    }

    @Test func fatCycleIsRefused() throws {
        var file = CompoundFileBuilder(streams: [("Workbook", Self.workbook())])
        let first = file.firstSector(ofStream: 0)
        file.fat[first + 3] = UInt32(first + 1)
        #expect(try errorCode(file.bytes()) == .cfbChainCycle)
    }

    @Test func sectorBeyondTheEndIsRefused() throws {
        var file = CompoundFileBuilder(streams: [("Workbook", Self.workbook())])
        file.fat[file.firstSector(ofStream: 0) + 2] = 100_000
        #expect(try errorCode(file.bytes()) == .cfbSectorOutOfRange)
    }

    @Test func directoryLoopIsRefused() throws {
        var file = CompoundFileBuilder(streams: [("Workbook", Self.workbook()), ("Other", [1, 2, 3])])
        file.entries[2].left = 1  // "Other" leads back to "Workbook"
        #expect(try errorCode(file.bytes()) == .cfbDirectoryLoop)
    }

    @Test func hugeStreamSizeIsRefused() throws {
        var file = CompoundFileBuilder(streams: [("Workbook", Self.workbook())])
        file.entries[1].size = 0xFFFF_FFF0
        #expect(try errorCode(file.bytes()) == .cfbStreamTooLarge)
    }

    @Test func truncatedFileIsRefused() throws {
        let bytes = CompoundFileBuilder(streams: [("Workbook", Self.workbook())]).bytes()
        #expect(try errorCode(Array(bytes.prefix(bytes.count - 1536))) == .cfbTruncated)
        #expect(try errorCode(Array(bytes.prefix(300))) == .cfbTruncated)
    }

    @Test func compoundFileWithoutWorkbookIsNotExcel() throws {
        let file = CompoundFileBuilder(streams: [("WordDocument", [UInt8](repeating: 7, count: 5000))])
        #expect(try errorCode(file.bytes()) == .xlsNoWorkbook)
    }

    @Test func encryptedWorkbooksAreRefused() throws {
        let filePass = Self.workbook {
            $0.globals = [BIFFBuilder.record(0x002F, [1, 0, 1, 0, 1, 0] + [UInt8](repeating: 0, count: 48))]
        }
        #expect(try errorCode(CompoundFileBuilder(streams: [("Workbook", filePass)]).bytes()) == .fileEncrypted)
        let ooxml = CompoundFileBuilder(streams: [("EncryptionInfo", [4, 0, 4, 0]), ("EncryptedPackage", [0, 0])])
        #expect(try errorCode(ooxml.bytes()) == .fileEncrypted)
    }

    @Test func biff4IsTooOld() throws {
        let biff4 = BIFFBuilder.record(0x0409, [0, 0, 0x10, 0, 0, 0]) + BIFFBuilder.record(0x000A, [])
        #expect(try errorCode(CompoundFileBuilder(streams: [("Book", biff4)]).bytes()) == .xlsTooOld)
    }

    @Test func biff5TextInTheCodePage() throws {
        var biff = BIFFBuilder(version: 0x0500)
        biff.globals = [BIFFBuilder.record(0x0042, [0xA8, 0x03])]  // CODEPAGE 936
        let gbk: [UInt8] = [0xD2, 0xD4, 0xBE, 0xC9, 0xBB, 0xBB, 0xD0, 0xC2]  // 以旧换新
        biff.sheets = [("Sheet1", [biff.label(0, 0, gbk), BIFFBuilder.number(0, 1, 7)])]
        let path = try write(CompoundFileBuilder(streams: [("Book", biff.stream())]).bytes())
        let workbook = try openWorkbook(atPath: path)
        #expect(try TestFiles.canonicalCSV(workbook) == "以旧换新,7\n")
    }

    @Test func sharedStringCutAcrossContinueChangesWidth() throws {
        // "ab" compressed in the SST, then a CONTINUE whose option byte says UTF-16 for "中文";
        // the second string has a rich-text run whose bytes go on in a second CONTINUE.
        var sst: [UInt8] = [0, 0, 0, 0, 2, 0, 0, 0]
        sst += [4, 0, 0] + Array("ab".utf8)
        var first: [UInt8] = [1]
        for unit in "中文".utf16 { append16(&first, unit) }
        first += [3, 0, 0x08, 1, 0] + Array("xyz".utf8) + [0, 0]  // one run of 4 bytes, 2 here
        let second: [UInt8] = [5, 0]
        var biff = BIFFBuilder()
        biff.globals = [
            BIFFBuilder.record(0x00FC, sst), BIFFBuilder.record(0x003C, first), BIFFBuilder.record(0x003C, second),
        ]
        func labelSST(_ column: UInt16, _ index: UInt32) -> [UInt8] {
            var payload: [UInt8] = []
            for field in [0, column, 0] as [UInt16] { append16(&payload, field) }
            append32(&payload, index)
            return BIFFBuilder.record(0x00FD, payload)
        }
        biff.sheets = [("S", [labelSST(0, 0), labelSST(1, 1)])]
        let path = try write(CompoundFileBuilder(streams: [("Workbook", biff.stream())]).bytes())
        #expect(try TestFiles.canonicalCSV(openWorkbook(atPath: path)) == "ab中文,xyz\n")
        biff.sheets = [("S", [labelSST(0, 2)])]
        #expect(
            try errorCode(CompoundFileBuilder(streams: [("Workbook", biff.stream())]).bytes()) == .sharedStringMissing)
    }

    /// Some writers put `0.0%` at index 50, which CJK Excel reserves for a
    /// built-in date: the workbook's FORMAT record wins; an XF naming 50
    /// without one is the built-in date.
    @Test func formatRecordOverridesABuiltInIndex() throws {
        func xf(_ format: UInt16) -> [UInt8] {
            var payload: [UInt8] = [0, 0]
            append16(&payload, format)
            return BIFFBuilder.record(0x00E0, payload + [UInt8](repeating: 0, count: 16))
        }
        var overridden = BIFFBuilder()
        var code: [UInt8] = [50, 0, 4, 0, 0]
        code += Array("0.0%".utf8)
        overridden.globals = [BIFFBuilder.record(0x041E, code), xf(0), xf(50)]
        overridden.sheets = [("S", [BIFFBuilder.number(0, 0, 0.355, xf: 1)])]
        var builtIn = overridden
        builtIn.globals = [xf(0), xf(50)]
        for (biff, expected) in [(overridden, "0.355\n"), (builtIn, "08:31:12\n")] {
            let path = try write(CompoundFileBuilder(streams: [("Workbook", biff.stream())]).bytes())
            #expect(try TestFiles.canonicalCSV(openWorkbook(atPath: path)) == expected)
        }
    }

    /// BIFF8 keeps a row block's cells in no required row order, and other
    /// writers than Excel use that: rows 3, 1, 2, and row 2's cells right to
    /// left, read as Excel and LibreOffice show them, each row once, in order.
    @Test func cellRecordsGoingBackToAnEarlierRowRead() throws {
        var biff = BIFFBuilder()
        biff.sheets = [
            (
                "S",
                [
                    biff.label(2, 0, Array("third".utf8)), BIFFBuilder.number(2, 1, 3),
                    biff.label(0, 0, Array("first".utf8)),
                    BIFFBuilder.number(1, 2, 2.5), biff.label(1, 0, Array("second".utf8)),
                    BIFFBuilder.number(0, 1, 1),
                ]
            )
        ]
        let path = try write(CompoundFileBuilder(streams: [("Workbook", biff.stream())]).bytes())
        let workbook = try openWorkbook(atPath: path)
        var numbers: [Int] = []
        let summary = try workbook.readRows(ofSheet: 0) { numbers.append($0.number) }
        #expect(numbers == [1, 2, 3])
        #expect(summary.rowCount == 3)
        #expect(try TestFiles.canonicalCSV(workbook) == "first,1\nsecond,,2.5\nthird,3\n")
    }

    /// Each row block of a 60,000-row sheet written bottom row first reads
    /// as the same sheet written in order, in one pass (well within a second
    /// per 20,000 rows even in a debug build), not by searching back.
    @Test func sheetOfReversedRowBlocksReadsInOnePass() throws {
        let rows = 60_000
        /// Each row's number, its cells' columns and values.
        func sheet(_ order: [Int]) throws -> [(Int, [Int], [Double])] {
            var biff = BIFFBuilder()
            biff.sheets = [("S", order.map { BIFFBuilder.number(UInt16($0), UInt16($0 % 7), Double($0)) })]
            let path = try write(CompoundFileBuilder(streams: [("Workbook", biff.stream())]).bytes())
            var read: [(Int, [Int], [Double])] = []
            _ = try openWorkbook(atPath: path).readRows(ofSheet: 0) { row in
                read.append((row.number, row.cells.map(\.column), row.cells.map(\.number)))
            }
            return read
        }
        let blocks = stride(from: 0, to: rows, by: 32).flatMap { ($0..<min($0 + 32, rows)).reversed() }
        let start = ContinuousClock.now
        let reversed = try sheet(blocks)
        #expect(ContinuousClock.now - start < .seconds(3))
        let inOrder = try sheet(Array(0..<rows))
        #expect(reversed.count == rows)
        #expect(reversed.map(\.0) == Array(1...rows))
        #expect(reversed.map(\.1) == inOrder.map(\.1))
        #expect(reversed.map(\.2) == inOrder.map(\.2))
        #expect(reversed[40].0 == 41 && reversed[40].1 == [6] && reversed[40].2 == [40])
    }

    /// A cell further back than the window (`XLSRowWindow.depth` rows below
    /// the furthest row) is refused, naming its cell, not taken for a new row.
    @Test func cellFarBelowItsRowIsRefused() throws {
        var biff = BIFFBuilder()
        let far = UInt16(XLSRowWindow.depth + 10)
        biff.sheets = [
            ("S", [BIFFBuilder.number(0, 0, 1), BIFFBuilder.number(far, 0, 2), BIFFBuilder.number(5, 1, 3)])
        ]
        let path = try write(CompoundFileBuilder(streams: [("Workbook", biff.stream())]).bytes())
        #expect(
            try errorCode(CompoundFileBuilder(streams: [("Workbook", biff.stream())]).bytes()) == .xlsRowsOutOfOrder)
        do {
            _ = try openWorkbook(atPath: path).readRows(ofSheet: 0) { _ in }
            Issue.record("a cell \(far - 5) rows back was read")
        } catch let error as SheetError {
            #expect(error.cell == CellReference("B6"))
            #expect(error.sheet == "S")
        }
    }

    /// The window's edge: back from row 64 to row 1 reads (row 1 waits for
    /// a cell 64 rows further down), back from row 65 is refused.
    @Test func cellsGoBackAtMostTheWindowsDepth() throws {
        let depth = UInt16(XLSRowWindow.depth)
        var biff = BIFFBuilder()
        biff.sheets = [
            (
                "S",
                [
                    BIFFBuilder.number(0, 0, 1), BIFFBuilder.number(depth - 1, 0, 2), BIFFBuilder.number(0, 1, 3),
                    BIFFBuilder.number(depth, 0, 4),
                ]
            )
        ]
        let path = try write(CompoundFileBuilder(streams: [("Workbook", biff.stream())]).bytes())
        var rows: [(Int, [Double])] = []
        _ = try openWorkbook(atPath: path).readRows(ofSheet: 0) { rows.append(($0.number, $0.cells.map(\.number))) }
        #expect(rows.map(\.0) == [1, Int(depth), Int(depth) + 1] && rows.map(\.1) == [[1, 3], [2], [4]])
        biff.sheets[0].records.append(BIFFBuilder.number(0, 2, 5))
        #expect(
            try errorCode(CompoundFileBuilder(streams: [("Workbook", biff.stream())]).bytes()) == .xlsRowsOutOfOrder)
    }
}
