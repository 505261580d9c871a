import Foundation

/// Keeps what it is given in memory, for a document returned whole (a
/// receipt's JSON, which is written to two files and kept for the answer).
public final class DataSink: ByteSink {
    public private(set) var data = Data()

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        data.append(contentsOf: bytes)
    }
}
