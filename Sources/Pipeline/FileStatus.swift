import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `lstat` says of a path, as the inbox scan and the reading thread
/// need it. The modification time is computed as Foundation computes it, so
/// that it equals, to the last bit, the times earlier runs stored in the
/// file-state cache (the fast path compares them exactly).
struct FileStatus: Equatable {
    enum Kind { case file, folder, other }

    var kind: Kind
    var size: Int64
    var modified: Date

    /// The status of `name` in the folder open as `folder` (`AT_FDCWD`: a
    /// path); symbolic links are not followed. Nil when it does not exist.
    static func of(_ name: String, in folder: Int32 = AT_FDCWD) throws -> FileStatus? {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO, userInfo: [NSFilePathErrorKey: name])
        }
        let type = info.st_mode & S_IFMT
        #if canImport(Darwin)
        let (seconds, nanoseconds) = (info.st_mtimespec.tv_sec, info.st_mtimespec.tv_nsec)
        #else
        let (seconds, nanoseconds) = (info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
        #endif
        return FileStatus(
            kind: type == S_IFREG ? .file : type == S_IFDIR ? .folder : .other, size: Int64(info.st_size),
            modified: Date(timeIntervalSinceReferenceDate: TimeInterval(seconds) - Date.timeIntervalBetween1970AndReferenceDate
                + TimeInterval(nanoseconds) / 1_000_000_000))
    }
}
