import Foundation
import Testing

@testable import Sheets

/// Files built to hurt a reader: each must end in its own error code,
/// quickly, without reading on.
@Suite("Hostile files")
struct HostileFileTests {
    /// Opens `path` and reads every sheet; returns the error, and fails if
    /// there is none or if it took more than a few seconds.
    func readError(_ path: String, limits: ReadLimits = .standard) -> SheetError? {
        let start = ContinuousClock.now
        defer { #expect(ContinuousClock.now - start < .seconds(5), "must fail fast") }
        do {
            let workbook = try openWorkbook(atPath: path, limits: limits)
            for sheet in try workbook.sheets { _ = try workbook.readRows(ofSheet: sheet.index) { _ in } }
        } catch let error as SheetError {
            return error
        } catch {
            Issue.record("not a SheetError: \(error)")
            return nil
        }
        Issue.record("read without error")
        return nil
    }

    @Test func zipBombPastTheInflatedSizeLimit() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bomb.xlsx").path
        try ZipBuilder.writeZeroBomb(to: path, name: "xl/worksheets/sheet1.xml", megabytes: 3 * 1024)
        #expect(readError(path)?.code == .zipBomb)
    }

    @Test func zipBombPastTheRatioLimit() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bomb.xlsx").path
        try ZipBuilder.writeZeroBomb(to: path, name: "xl/worksheets/sheet1.xml", megabytes: 64)
        var limits = ReadLimits()
        limits.maxCompressionRatio = 100
        let error = try #require(readError(path, limits: limits))
        #expect(error.code == .zipBomb)
        #expect(error.part == "xl/worksheets/sheet1.xml")
    }

    @Test func entryThatInflatesPastItsDeclaredSize() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var zip = XLSXBuilder(sheetData: "").archive()
        zip.entries[3].data = Array(repeating: UInt8(ascii: " "), count: 8 << 20)
        zip.entries[3].declaredSize = 1000
        let path = folder.appendingPathComponent("liar.xlsx").path
        try zip.write(to: path)
        let error = try #require(readError(path))
        #expect(error.code == .zipCorrupt)
        #expect(error.part == "xl/worksheets/sheet1.xml")
    }

    @Test(arguments: ["../../etc/passwd", "/etc/passwd", "xl/../../evil.xml", "C:/evil.xml", "..\\evil.xml"])
    func pathTraversalEntryName(_ name: String) throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var zip = XLSXBuilder(sheetData: "").archive()
        zip.add(name, "x")
        let path = folder.appendingPathComponent("traversal.xlsx").path
        try zip.write(to: path)
        #expect(readError(path)?.code == .zipUnsafeEntryName)
    }

    /// Entry names one by one: what is refused and why, and what passes (turned to `/`).
    @Test func entryNamesAreJudgedSegmentBySegment() throws {
        let refused: [(String, String)] = [
            ("", "is empty"), ("..", "'..'"), ("a/..", "'..'"), ("a\\..\\b", "'..'"), ("/a", "absolute"),
            ("\\a", "absolute"), ("C:a", "drive letter"), ("a\u{7F}", "control"), ("../a\u{01}", "control"),
        ]
        for (name, why) in refused {
            #expect(throws: SheetError.self, "\(name)") { try ZipEntry.normalizedName(name) }
            do { _ = try ZipEntry.normalizedName(name) } catch let error as SheetError {
                #expect(error.code == .zipUnsafeEntryName && error.detail.contains(why), "\(name): \(error.detail)")
            }
        }
        let passed = [
            "xl/workbook.xml": "xl/workbook.xml", "xl\\sheet.xml": "xl/sheet.xml", "...": "...",
            "a/..b": "a/..b", "a/b..": "a/b..", "./a": "./a", "a//b/": "a//b/", "表/数据.xml": "表/数据.xml",
        ]
        for (name, normalized) in passed { #expect(try ZipEntry.normalizedName(name) == normalized) }
    }

    @Test func truncatedArchive() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = XLSXBuilder(sheetData: #"<row r="1"><c r="A1"><v>1</v></c></row>"#).archive().bytes()
        let path = folder.appendingPathComponent("truncated.xlsx").path
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: path))
        #expect(readError(path)?.code == .zipTruncated)
    }

    @Test func damagedEntryFailsItsChecksum() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var zip = XLSXBuilder(sheetData: #"<row r="1"><c r="A1"><v>1</v></c></row>"#).archive()
        zip.entries[3].crc = 0xDEAD_BEEF
        let path = folder.appendingPathComponent("crc.xlsx").path
        try zip.write(to: path)
        #expect(readError(path)?.code == .zipChecksumMismatch)
    }

    /// The parsed styles of a template are remembered by their bytes: a
    /// damaged copy that claims the remembered part's CRC-32 and size is
    /// still inflated, checked and refused, not given the remembered value.
    @Test func damagedPartClaimingARememberedPartsChecksumIsRefused() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let builder = XLSXBuilder(sheetData: #"<row r="1"><c r="A1" s="1"><v>1</v></c></row>"#, styles: ([0, 14], [:]))
        let good = try builder.write(in: folder, name: "good.xlsx")
        let workbook = try openWorkbook(atPath: good)
        _ = try workbook.readRows(ofSheet: 0) { _ in }
        var zip = builder.archive()
        let styles = try #require(zip.entries.firstIndex { $0.name == "xl/styles.xml" })
        zip.entries[styles].crc = ZipBuilder.crc(zip.entries[styles].data)
        zip.entries[styles].data = Array(
            String(decoding: zip.entries[styles].data, as: UTF8.self).replacingOccurrences(of: "14", with: "10").utf8)
        let damaged = folder.appendingPathComponent("damaged.xlsx").path
        try zip.write(to: damaged)
        let error = try #require(readError(damaged))
        #expect(error.code == .zipChecksumMismatch)
        #expect(error.part == "xl/styles.xml")
    }

    @Test func encryptedEntry() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var zip = XLSXBuilder(sheetData: "").archive()
        zip.entries[3].flags = 1
        let path = folder.appendingPathComponent("encrypted.xlsx").path
        try zip.write(to: path)
        #expect(readError(path)?.code == .zipEncrypted)
    }

    @Test func billionLaughsInAWorksheet() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var entities = #"<!ENTITY lol0 "lol">"#
        for i in 1...9 { entities += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">" }
        let sheet = """
            <?xml version="1.0"?><!DOCTYPE worksheet [\(entities)]>
            <worksheet xmlns="\(XLSXBuilder.main)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>
            """
        let path = try XLSXBuilder(sheetData: "", rawSheet: sheet).write(in: folder)
        let error = try #require(readError(path))
        #expect(error.code == .xmlDoctype)
        #expect(error.part == "xl/worksheets/sheet1.xml")
    }

    @Test func externalEntityInTheWorkbookPart() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var zip = XLSXBuilder(sheetData: "").archive()
        zip.entries[1].data = Array(
            """
            <?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <workbook xmlns="\(XLSXBuilder.main)"><sheets><sheet name="&xxe;" sheetId="1"/></sheets></workbook>
            """.utf8)
        let path = folder.appendingPathComponent("xxe.xlsx").path
        try zip.write(to: path)
        let error = try #require(readError(path))
        #expect(error.code == .xmlDoctype)
        #expect(error.part == "xl/workbook.xml")
    }

    @Test func cellBeyondTheLastColumn() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try XLSXBuilder(sheetData: #"<row r="3"><c r="A3"><v>1</v></c><c r="XFE3"><v>2</v></c></row>"#)
            .write(in: folder)
        let error = try #require(readError(path))
        #expect(error.code == .cellOutOfRange)
        #expect(error.cell == CellReference(row: 3, column: 16_385))
        #expect(error.sheet == "表1")
    }

    @Test func rowBeyondTheLastRow() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try XLSXBuilder(sheetData: #"<row r="1048577"><c><v>1</v></c></row>"#).write(in: folder)
        #expect(readError(path)?.code == .cellOutOfRange)
    }

    @Test func sharedStringIndexPastTheTable() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try XLSXBuilder(
            sheetData: #"<row r="2"><c r="B2" t="s"><v>2</v></c></row>"#,
            sharedStrings: ["<si><t>a</t></si>", "<si><t>b</t></si>"]
        ).write(in: folder)
        let error = try #require(readError(path))
        #expect(error.code == .sharedStringMissing)
        #expect(error.cell == CellReference(row: 2, column: 2))
    }

    @Test func invalidUTF8InASharedString() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var zip = XLSXBuilder(
            sheetData: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, sharedStrings: ["<si><t>X</t></si>"]
        ).archive()
        let index = try #require(zip.entries.firstIndex { $0.name == "xl/sharedStrings.xml" })
        let x = try #require(zip.entries[index].data.lastIndex(of: UInt8(ascii: "X")))
        zip.entries[index].data.replaceSubrange(x...x, with: [0xC3, 0x28, 0xFF])
        let path = folder.appendingPathComponent("utf8.xlsx").path
        try zip.write(to: path)
        let error = try #require(readError(path))
        #expect(error.code == .xmlEncoding)
        #expect(error.part == "xl/sharedStrings.xml")
    }

    @Test func malformedWorksheet() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try XLSXBuilder(sheetData: #"<row r="1"><c r="A1"><v>1</v></row>"#).write(in: folder)
        #expect(readError(path)?.code == .xmlMalformed)
    }

    @Test func tooManyColumnsForTheLimit() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try XLSXBuilder(sheetData: #"<row r="1"><c r="Z1"><v>1</v></c></row>"#).write(in: folder)
        var limits = ReadLimits()
        limits.maxColumns = 10
        let error = try #require(readError(path, limits: limits))
        #expect(error.code == .tooManyColumns)
        #expect(error.cell == CellReference(row: 1, column: 26))
    }
}
