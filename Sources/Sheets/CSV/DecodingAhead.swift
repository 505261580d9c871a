import Foundation

/// A `CharsetDecoder` run on a second thread: the file is read, validated
/// or converted to UTF-8 there, straight into the buffers of a `ChunkPipe`,
/// a few chunks ahead of the parsing on the calling thread, which parses
/// them where they lie. On two cores, reading and decoding overlap with
/// parsing and with what the caller does with the rows.
///
/// It hands out the same text, in the same order, as the decoder would
/// (an encoding error after every byte before it), so the reading that
/// uses it cannot tell the two apart. `stop` must be called before it is
/// dropped: it stops the thread if it is still decoding and joins it.
final class DecodingAhead: UTF8TextSource {
    let encoding: TextEncoding
    private let pipe: ChunkPipe

    /// Starts decoding `decoder`'s file on a second thread, into chunks of `chunkSize` bytes.
    init(_ decoder: CharsetDecoder, chunkSize: Int = CharsetDecoder.chunkSize) {
        encoding = decoder.encoding
        precondition(chunkSize >= 8, "the decoder writes at least 8 bytes at a time")
        let pipe = ChunkPipe(buffers: 4, bufferSize: chunkSize)
        self.pipe = pipe
        // Less room than this left in a pipe buffer is not worth a read: it is published.
        let smallestFill = min(4096, chunkSize)
        pipe.startProducer {
            while !decoder.isExhausted {
                if try pipe.fill(atLeast: smallestFill, { try decoder.decode(into: $0) }) == 0 { break }
            }
        }
    }

    /// Stops the decoding thread if it still runs, and waits until it has returned.
    func stop() { pipe.stopAndWaitForProducer() }

    func next() throws -> UnsafeRawBufferPointer? { try pipe.next() }

    /// Waits, if need be, until the thread has decoded more or finished.
    var isExhausted: Bool { pipe.isAtEnd() }
}
