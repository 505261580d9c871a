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
        pipe.startProducer { try self.streamEntry(name) { try pipe.write($0) } }
        defer { pipe.stopAndWaitForProducer() }
        while let chunk = try pipe.next() {
            try consume(chunk)
        }
    }
}
