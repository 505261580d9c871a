#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SheetError.Code {
    /// The output file could not be created or written (disk full, permissions).
    static let writeFailed = Self("write-failed")
}

/// Where a writer's bytes end up: a file, or a ZIP entry that compresses them.
public protocol ByteSink: AnyObject {
    /// Takes all of `bytes`, or throws.
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// Writes straight to a file descriptor with `write(2)`. Callers batch their
/// bytes through a `ByteStream`, so every call here moves a large block.
public final class FileDescriptorSink: ByteSink {
    private let descriptor: Int32
    private var ownsDescriptor: Bool
    private let path: String?

    /// Writes to an open descriptor (e.g. `FileHandle.fileDescriptor` of the
    /// temporary file of `AtomicFile`); the caller closes it.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        self.ownsDescriptor = false
        self.path = nil
    }

    /// Creates or truncates the file at `path`; closed by `close()` or on deinit.
    public init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw SheetError(.writeFailed, "cannot create the file: \(String(cString: strerror(errno)))", file: path)
        }
        self.descriptor = fd
        self.ownsDescriptor = true
        self.path = path
    }

    deinit {
        if ownsDescriptor { _ = Glibc.close(descriptor) }
    }

    /// Closes a file this sink opened, reporting a failed final write
    /// (NFS, quotas); a borrowed descriptor stays open.
    public func close() throws {
        guard ownsDescriptor else { return }
        ownsDescriptor = false
        if Glibc.close(descriptor) != 0 {
            throw SheetError(.writeFailed, "close failed: \(String(cString: strerror(errno)))", file: path)
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            let written = Glibc.write(descriptor, rest.baseAddress, rest.count)
            if written < 0 {
                if errno == EINTR { continue }
                throw SheetError(.writeFailed, "write failed: \(String(cString: strerror(errno)))", file: path)
            }
            rest = UnsafeRawBufferPointer(rebasing: rest[written...])
        }
    }
}
