#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SheetError.Code {
    /// The file could not be opened or read (missing, permissions, I/O error).
    public static let fileUnreadable = Self("file-unreadable")
    /// The file is larger than `ReadLimits.maxFileBytes`.
    public static let fileTooLarge = Self("file-too-large")
}

/// A file opened for positioned reads (`pread`), so that archives are read
/// piece by piece instead of whole into memory.
final class ReadOnlyFile {
    let path: String
    let size: Int64
    private let descriptor: Int32

    /// Opens `path`, refusing files larger than `maxBytes`.
    init(path: String, maxBytes: Int64) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw SheetError(.fileUnreadable, "cannot open: \(String(cString: strerror(errno)))", file: path)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw SheetError(.fileUnreadable, "not a regular file", file: path)
        }
        guard Int64(info.st_size) <= maxBytes else {
            close(fd)
            throw SheetError(.fileTooLarge, "file is \(info.st_size) bytes, more than the limit of \(maxBytes)", file: path)
        }
        descriptor = fd
        size = Int64(info.st_size)
    }

    deinit { close(descriptor) }

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
