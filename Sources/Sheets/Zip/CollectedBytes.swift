/// A sink that keeps what it is given, for an entry deflated on its own.
final class CollectedBytes: ByteSink {
    private(set) var bytes: [UInt8] = []

    func write(_ chunk: UnsafeRawBufferPointer) throws {
        bytes.append(contentsOf: chunk)
    }
}
