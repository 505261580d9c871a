import Foundation
import TestSupport
import Testing

@testable import Sheets

@Suite struct ZipWriterTests {
    /// Writes entries through a ZipWriter into a file and returns its path.
    private func writeArchive(threshold: UInt64 = UInt64(UInt32.max), entries: [(String, [UInt8])]) throws -> String {
        let path = try temporaryDirectory().appendingPathComponent("test.zip").path
        let file = try FileDescriptorSink(path: path)
        let zip = try ZipWriter(sink: file, compressionLevel: 6, zip64Threshold: threshold)
        for (name, bytes) in entries {
            try zip.beginEntry(name)
            // In uneven pieces, as rows come.
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + 1 + offset % 7_919)
                try bytes[offset..<end].withUnsafeBytes { try zip.write($0) }
                offset = end
            }
            try zip.endEntry()
        }
        try zip.finish()
        try file.close()
        return path
    }

    private let sample: [(String, [UInt8])] = [
        ("a.txt", Array("hello, 世界\n".utf8)),
        ("empty.txt", []),
        ("dir/big.xml", Array(String(repeating: "<row r=\"1\"><c><v>123</v></c></row>", count: 20_000).utf8)),
    ]

    @Test(.enabled(if: Prerequisite.enabled(PythonReadBack.isAvailable)))
    func pythonZipfileReadsEntriesBack() throws {
        let json = try PythonReadBack.read(try writeArchive(entries: sample), mode: "zip")
        #expect(json["testzip"] is NSNull)
        #expect(json["entries", "a.txt", "text"] as? String == "hello, 世界\n")
        #expect(json["entries", "empty.txt", "size"] as? Int == 0)
        #expect(json["entries", "dir/big.xml", "size"] as? Int == sample[2].1.count)
        #expect(json["entries", "a.txt", "zip64"] as? Bool == false)
    }

    @Test(.enabled(if: Prerequisite.enabled(PythonReadBack.isAvailable)))
    func zip64RecordsPastTheThreshold() throws {
        // With a 1000-byte threshold the big entry's sizes, the later offsets
        // and the central directory all need ZIP64 records.
        let path = try writeArchive(threshold: 1000, entries: sample + [("after.txt", Array("after".utf8))])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.containsSequence([0x50, 0x4B, 0x06, 0x06]))  // ZIP64 end of central directory
        #expect(bytes.containsSequence([0x50, 0x4B, 0x06, 0x07]))  // its locator
        let json = try PythonReadBack.read(path, mode: "zip")
        #expect(json["testzip"] is NSNull)
        #expect(json["entries", "dir/big.xml", "size"] as? Int == sample[2].1.count)
        #expect(json["entries", "dir/big.xml", "zip64"] as? Bool == true)
        #expect(json["entries", "after.txt", "text"] as? String == "after")
        #expect(json["entries", "a.txt", "zip64"] as? Bool == false)
    }

    @Test func sameEntriesGiveIdenticalBytes() throws {
        let first = try Data(contentsOf: URL(fileURLWithPath: writeArchive(entries: sample)))
        let second = try Data(contentsOf: URL(fileURLWithPath: writeArchive(entries: sample)))
        #expect(first == second)
        // Local header: deflate, data descriptor + UTF-8 flags, 1980-01-01 00:00.
        #expect(Array(first.prefix(14)) == [0x50, 0x4B, 0x03, 0x04, 20, 0, 0x08, 0x08, 8, 0, 0, 0, 0x21, 0])
    }

    /// Writers take their deflaters from `DeflaterPool`: one given back in
    /// the middle of a stream (a writer that failed) must, reset, write what
    /// a new deflater writes.
    @Test func aDeflaterGivenBackWritesAsANewOne() throws {
        let bytes = sample[2].1
        let used = try Deflater(level: 6)
        try Array(String(repeating: "其他 other ", count: 9_000).utf8).withUnsafeBytes {
            try used.compress($0, into: ByteStream(sink: CollectedBytes()))
        }
        used.reset()
        #expect(try used.deflated(bytes) == Deflater(level: 6).deflated(bytes))
    }

    @Test func endRecordCountsTheEntries() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: writeArchive(entries: sample))))
        let end = Array(bytes.suffix(22))
        #expect(Array(end.prefix(4)) == [0x50, 0x4B, 0x05, 0x06])
        #expect(end[10] == 3 && end[11] == 0)
    }
}

extension Array where Element == UInt8 {
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { self[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
