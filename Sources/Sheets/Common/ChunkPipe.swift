import Foundation

/// A bounded hand-over of bytes from one producer thread to one consumer:
/// a few reused buffers, each filled by the producer and then read whole by
/// the consumer, so that neither waits for the other while one is free.
/// XLSX entries are inflated ahead through one (`streamEntryInflatingAhead`),
/// CSV text is read and decoded ahead through another (`DecodingAhead`).
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

    /// Runs `produce` on a new thread, writing into this pipe, and ends the
    /// stream with its error if it throws. `produce` may use what is not
    /// thread-safe (an archive, a decoder and its file): the consumer leaves
    /// that alone until `stopAndWaitForProducer` has returned.
    func startProducer(_ produce: @escaping () throws -> Void) {
        let job = ProducerJob(pipe: self, produce: produce)
        Thread { job.run() }.start()
    }

    /// Copies `bytes` into the pipe, waiting for a free buffer when all are published.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            try fill(atLeast: 1) { space in
                let piece = min(rest.count, space.count)
                space.copyMemory(from: UnsafeRawBufferPointer(rebasing: rest[..<piece]))
                rest = UnsafeRawBufferPointer(rebasing: rest[piece...])
                return piece
            }
        }
    }

    /// Lets `produce` write straight into the pipe, without a copy: it gets
    /// the free end of the buffer being filled, at least `minimum` bytes
    /// (publishing the buffer first when less is left), and returns how many
    /// bytes it wrote there.
    @discardableResult
    func fill(atLeast minimum: Int, _ produce: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> Int {
        precondition(minimum <= buffers[tail].count, "a pipe buffer holds at least the minimum asked for")
        if buffers[tail].count - filled < minimum { try publish() }
        let written = try produce(UnsafeMutableRawBufferPointer(rebasing: buffers[tail][filled...]))
        filled += written
        return written
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

    /// Whether nothing follows the bytes of the last `next`: waits until the
    /// producer has published more or finished. False when its error follows.
    func isAtEnd() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while published == 0, !isFinished { condition.wait() }
        return published == 0 && failure == nil
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

/// A producer's work, handed to its thread.
///
/// `@unchecked Sendable`: `produce` runs on that thread only, and the
/// consumer waits in the pipe, then joins it, before it touches what
/// `produce` uses.
private final class ProducerJob: @unchecked Sendable {
    private let pipe: ChunkPipe
    private let produce: () throws -> Void

    init(pipe: ChunkPipe, produce: @escaping () throws -> Void) {
        self.pipe = pipe
        self.produce = produce
    }

    func run() {
        do {
            try produce()
            pipe.finish(nil)
        } catch {
            pipe.finish(error)
        }
    }
}
