import Foundation
import Testing

@testable import Sheets

@Suite("ZIP archive")
struct ZipArchiveTests {
    /// A 300 KiB text that needs several 64 KiB chunks.
    static let bigText = String((0..<30_000).map { "line \($0 % 97)\n" }.joined().prefix(300 << 10))

    func roundTrip(_ configure: (inout ZipBuilder) -> Void) throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var zip = ZipBuilder()
        zip.add("stored.txt", "plain 文本", deflate: false)
        zip.add("dir\\deflated.txt", Self.bigText)
        zip.add("empty.txt", "")
        configure(&zip)
        let path = folder.appendingPathComponent("a.zip").path
        try zip.write(to: path)

        let archive = try ZipArchive(path: path)
        #expect(archive.entries.map(\.name) == ["stored.txt", "dir/deflated.txt", "empty.txt"])
        #expect(String(decoding: try archive.readEntry("stored.txt"), as: UTF8.self) == "plain 文本")
        var chunks = 0
        var bytes: [UInt8] = []
        try archive.streamEntry("dir/deflated.txt") {
            chunks += 1
            bytes += $0
        }
        #expect(String(decoding: bytes, as: UTF8.self) == Self.bigText)
        #expect(chunks > 1, "streamed, not whole")
        #expect(try archive.readEntry("EMPTY.TXT").isEmpty, "names match ignoring case as a fallback")
        #expect { try archive.readEntry("missing") } throws: { ($0 as? SheetError)?.code == .zipMissingEntry }
    }

    @Test func storedAndDeflatedEntries() throws {
        try roundTrip { _ in }
    }

    @Test func zip64Records() throws {
        try roundTrip { $0.zip64 = true }
    }

    @Test func dataDescriptorsAfterTheData() throws {
        try roundTrip { $0.dataDescriptors = true }
    }

    @Test func tooManyEntries() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var zip = ZipBuilder()
        for i in 0..<20 { zip.add("f\(i)", "x") }
        let path = folder.appendingPathComponent("many.zip").path
        try zip.write(to: path)
        var limits = ReadLimits()
        limits.maxZipEntries = 10
        #expect { try ZipArchive(path: path, limits: limits) } throws: {
            ($0 as? SheetError)?.code == .zipTooManyEntries
        }
    }

    @Test func fileLargerThanTheLimit() throws {
        let folder = try TestFiles.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var zip = ZipBuilder()
        zip.add("big", Self.bigText, deflate: false)
        let path = folder.appendingPathComponent("big.zip").path
        try zip.write(to: path)
        var limits = ReadLimits()
        limits.maxFileBytes = 1000
        #expect { try ZipArchive(path: path, limits: limits) } throws: { ($0 as? SheetError)?.code == .fileTooLarge }
    }

    @Test func missingFileIsUnreadable() {
        #expect { try openWorkbook(atPath: "/nonexistent/x.xlsx") } throws: {
            ($0 as? SheetError)?.code == .fileUnreadable
        }
    }
}
