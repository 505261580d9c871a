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
