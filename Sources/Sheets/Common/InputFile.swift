#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

extension SheetError.Code {
    /// The file cannot be opened or read.
    public static let fileUnreadable = Self("file-unreadable")
    /// The file is larger than `ReadLimits.maxFileBytes`.
    public static let fileTooLarge = Self("file-too-large")
}

/// A file read in chunks, never whole into memory: from start to end by
/// the text-based readers (CSV, XML Spreadsheet 2003), at positions
/// (`pread`) by the ZIP reader.
///
/// A class so that the descriptor is closed when the last user lets go.
final class InputFile {
    /// The file as the caller named it, for error messages.
    let path: String
    /// Size in bytes when opened.
    let size: Int64
    private let descriptor: Int32

    /// Opens `path` for reading, refusing files larger than `limits.maxFileBytes`.
    init(path: String, limits: ReadLimits) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw SheetError(.fileUnreadable, "cannot open: \(String(cString: strerror(errno)))", file: path)
        }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw SheetError(.fileUnreadable, "not a regular file", file: path)
        }
        guard Int64(status.st_size) <= limits.maxFileBytes else {
            close(fd)
            throw SheetError(.fileTooLarge, "\(status.st_size) bytes, the limit is \(limits.maxFileBytes)", file: path)
        }
        descriptor = fd
        size = Int64(status.st_size)
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes into `buffer`; 0 means end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = systemRead(descriptor, base, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw SheetError(.fileUnreadable, "read failed: \(String(cString: strerror(errno)))", file: path)
        }
    }

    /// Reads the rest of the file in chunks of `size` bytes, each valid
    /// during its call to `body`, while `shouldGoOn` says so.
    func streamChunks(
        of size: Int = 256 << 10, while shouldGoOn: () -> Bool = { true },
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while shouldGoOn() {
            let count = try read(into: buffer)
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Fills `buffer` as far as the file allows; returns the bytes read,
    /// fewer than `buffer.count` only at end of file.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var total = 0
        while total < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]))
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// Fills `buffer` from `offset`; returns how many bytes were read, fewer
    /// than asked only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw SheetError(.fileUnreadable, "read failed: \(String(cString: strerror(errno)))", file: path)
            }
            done += n
        }
        return done
    }

    /// Reads exactly `count` bytes at `offset`, or nil if the file ends first.
    func bytes(at offset: Int64, count: Int) throws -> [UInt8]? {
        guard offset >= 0, count >= 0, offset + Int64(count) <= size else { return nil }
        var result = [UInt8](repeating: 0, count: count)
        let got = try result.withUnsafeMutableBytes { try read(into: $0, at: offset) }
        return got == count ? result : nil
    }
}
