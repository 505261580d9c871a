import Foundation
import Testing

@testable import Sheets

@Suite struct InflateAheadTests {
    struct Boom: Error {}

    /// An archive holding `big.xml`, large enough to be inflated on a second thread.
    static func archive() throws -> (ZipArchive, [UInt8]) {
        var state: UInt32 = 7
        let text = (0..<600_000).map { _ in
            state = state &* 1_103_515_245 &+ 12_345
            return "<c>\(state >> 20)</c>"
        }.joined()
        let bytes = Array(text.utf8)
        #expect(Int64(bytes.count) >= ZipArchive.inflateAheadFloor)
        let path = try temporaryDirectory().appendingPathComponent("big.zip").path
        let sink = try FileDescriptorSink(path: path)
        let zip = try ZipWriter(sink: sink)
        try zip.addEntry("big.xml", bytes)
        try zip.finish()
        try sink.close()
        return (try ZipArchive(path: path), bytes)
    }

    /// Runs `produce` on a thread writing into `pipe`, collects what the consumer reads.
    func pumped(_ pipe: ChunkPipe, _ produce: @escaping (ChunkPipe) throws -> Void) -> ([UInt8], Error?) {
        pipe.startProducer { try produce(pipe) }
        defer { pipe.stopAndWaitForProducer() }
        var read: [UInt8] = []
        do {
            while let chunk = try pipe.next() { read += chunk }
            return (read, nil)
        } catch {
            return (read, error)
        }
    }

    @Test func bytesArriveInOrderThroughFewSmallBuffers() {
        let pipe = ChunkPipe(buffers: 2, bufferSize: 7)
        let (read, error) = pumped(pipe) { pipe in
            for n in 0..<500 {
                try [UInt8](repeating: UInt8(n % 251), count: n % 13).withUnsafeBytes { try pipe.write($0) }
            }
        }
        let expected = (0..<500).flatMap { n in [UInt8](repeating: UInt8(n % 251), count: n % 13) }
        #expect(error == nil)
        #expect(read == expected)
    }

    @Test func producerErrorComesAfterItsBytes() {
        let (read, error) = pumped(ChunkPipe(buffers: 2, bufferSize: 4)) { pipe in
            try Array("0123456789".utf8).withUnsafeBytes { try pipe.write($0) }
            throw SheetError(.zipChecksumMismatch, "damaged")
        }
        #expect(read == Array("0123456789".utf8))
        #expect((error as? SheetError)?.code == .zipChecksumMismatch)
    }

    @Test func largeEntryStreamsWhole() throws {
        let (archive, bytes) = try Self.archive()
        var read: [UInt8] = []
        try archive.streamEntryInflatingAhead("big.xml") { read += $0 }
        #expect(read == bytes)
    }

    @Test func consumerStoppingEarlyLeavesTheArchiveUsable() throws {
        let (archive, bytes) = try Self.archive()
        var chunks = 0
        #expect(throws: Boom.self) {
            try archive.streamEntryInflatingAhead("big.xml") { _ in
                chunks += 1
                if chunks == 2 { throw Boom() }
            }
        }
        #expect(chunks == 2)
        // The inflater thread has been joined: the archive's buffers are free again.
        #expect(try archive.readEntry("big.xml") == bytes)
    }
}
