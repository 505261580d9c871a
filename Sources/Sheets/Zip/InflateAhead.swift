import Foundation

extension ZipArchive {
    /// Entries smaller than this are not worth a thread.
    static let inflateAheadFloor: Int64 = 4 << 20

    /// Streams entry `name` like `streamEntry`, but inflates it on a second
    /// thread while `consume` works on the calling one: on two cores, inflate
    /// and CRC overlap with parsing. Small entries stream on the calling thread.
    ///
    /// Chunks arrive in order, then the entry's error if any (CRC, size,
    /// damage). When `consume` throws, the inflater is stopped and joined
    /// before this returns, so the archive is never used by two threads at once.
    func streamEntryInflatingAhead(_ name: String, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let entry = entry(named: name), entry.uncompressedSize >= Self.inflateAheadFloor else {
            return try streamEntry(name, consume)
        }
        let pipe = ChunkPipe()
        let inflating = InflatingJob(archive: self, name: name, pipe: pipe)
        Thread { inflating.run() }.start()
        defer { pipe.stopAndWaitForProducer() }
        while let chunk = try pipe.next() {
            try consume(chunk)
        }
    }
}

/// The inflater thread's work: stream one entry into a pipe.
///
/// `@unchecked Sendable`: the archive is not thread-safe, but its caller
/// waits in `ChunkPipe.next` and joins this job before touching it again.
private final class InflatingJob: @unchecked Sendable {
    private let archive: ZipArchive
    private let name: String
    private let pipe: ChunkPipe

    init(archive: ZipArchive, name: String, pipe: ChunkPipe) {
        self.archive = archive
        self.name = name
        self.pipe = pipe
    }

    func run() {
        do {
            try archive.streamEntry(name) { try pipe.write($0) }
            pipe.finish(nil)
        } catch {
            pipe.finish(error)
        }
    }
}

/// A bounded hand-over of bytes from one producer thread to one consumer:
/// a few reused buffers, each filled by the producer and then read whole by
/// the consumer, so that neither waits for the other while one is free.
///
/// `@unchecked Sendable`: every field but the buffers' bytes is guarded by
/// `condition`; a buffer's bytes belong to the producer from the moment it
/// is free until it is published, then to the consumer until its next `next`.
final class ChunkPipe: @unchecked Sendable {
    /// Thrown to the producer when the consumer has stopped early.
    private struct Stopped: Error {}

    private let condition = NSCondition()
    private let buffers: [UnsafeMutableRawBufferPointer]
    private var counts: [Int]
    /// The buffer the consumer reads next, and how many are published.
    private var head = 0, published = 0
    /// The buffer the producer fills, and how far.
    private var tail = 0, filled = 0
    private var isFinished = false, isStopped = false, producerExited = false
    private var failure: Error?
    /// Whether the consumer holds buffer `head` from its last `next`.
    private var holdsHead = false

    init(buffers count: Int = 3, bufferSize: Int = 256 << 10) {
        buffers = (0..<count).map { _ in .allocate(byteCount: bufferSize, alignment: 16) }
        counts = Array(repeating: 0, count: count)
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    // MARK: Producer

    /// Copies `bytes` into the pipe, waiting for a free buffer when all are published.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            if filled == buffers[tail].count { try publish() }
            let piece = min(rest.count, buffers[tail].count - filled)
            UnsafeMutableRawBufferPointer(rebasing: buffers[tail][filled..<(filled + piece)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: rest[..<piece]))
            filled += piece
            rest = UnsafeRawBufferPointer(rebasing: rest[piece...])
        }
    }

    /// Publishes the buffer being filled and waits until the next one is free.
    private func publish() throws {
        condition.lock()
        defer { condition.unlock() }
        counts[tail] = filled
        published += 1
        condition.signal()
        // The consumer's buffer is not free until it asks for the next.
        while !isStopped, published + (holdsHead ? 1 : 0) == buffers.count { condition.wait() }
        if isStopped { throw Stopped() }
        tail = (tail + 1) % buffers.count
        filled = 0
    }

    /// Ends the stream: the last bytes, then `error` if any, reach the consumer.
    func finish(_ error: Error?) {
        condition.lock()
        defer { condition.unlock() }
        if filled > 0, !(error is Stopped) {
            counts[tail] = filled
            published += 1
        }
        failure = error is Stopped ? nil : error
        isFinished = true
        producerExited = true
        condition.broadcast()
    }

    // MARK: Consumer

    /// The next published bytes, valid until the next call; nil at the end,
    /// or the producer's error once every byte before it has been read.
    func next() throws -> UnsafeRawBufferPointer? {
        condition.lock()
        defer { condition.unlock() }
        if holdsHead {
            holdsHead = false
            head = (head + 1) % buffers.count
            condition.signal()
        }
        while published == 0, !isFinished { condition.wait() }
        guard published > 0 else {
            if let failure { throw failure }
            return nil
        }
        published -= 1
        holdsHead = true
        return UnsafeRawBufferPointer(rebasing: buffers[head][..<counts[head]])
    }

    /// Tells the producer to stop and waits until it has returned.
    func stopAndWaitForProducer() {
        condition.lock()
        defer { condition.unlock() }
        isStopped = true
        condition.broadcast()
        while !producerExited { condition.wait() }
    }
}
