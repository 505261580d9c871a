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
public struct FileStatus: Equatable, Sendable {
    public enum Kind: Sendable { case file, folder, link, fifo, device, socket }

    public var kind: Kind
    public var size: Int64
    public var modified: Date

    /// The status of `name` in the folder open as `folder` (`AT_FDCWD`: a
    /// path); symbolic links are not followed. Nil when it does not exist.
    public static func of(_ name: String, in folder: Int32 = AT_FDCWD) throws -> FileStatus? {
        try name.withCString { try of(cName: $0, shown: name, in: folder) }
    }

    /// The status of the file named by the bytes `name` (which need not be
    /// UTF-8), `shown` as text in errors.
    public static func of(cName name: UnsafePointer<CChar>, shown: String, in folder: Int32 = AT_FDCWD) throws
        -> FileStatus?
    {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO, userInfo: [NSFilePathErrorKey: shown])
        }
        let type = info.st_mode & S_IFMT
        let kind: Kind =
            switch type {
            case S_IFREG: .file
            case S_IFDIR: .folder
            case S_IFLNK: .link
            case S_IFIFO: .fifo
            case S_IFSOCK: .socket
            default: .device
            }
        #if canImport(Darwin)
            let (seconds, nanoseconds) = (info.st_mtimespec.tv_sec, info.st_mtimespec.tv_nsec)
        #else
            let (seconds, nanoseconds) = (info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
        #endif
        return FileStatus(
            kind: kind, size: Int64(info.st_size),
            modified: Date(
                timeIntervalSinceReferenceDate: TimeInterval(seconds) - Date.timeIntervalBetween1970AndReferenceDate
                    + TimeInterval(nanoseconds) / 1_000_000_000))
    }
}

/// One entry of a folder, as `readdir` gives it.
public struct FolderEntry {
    /// The name; for a name that is not UTF-8, its escaped form
    /// (`FileNameText.escaped`), which names no file on disk.
    public let name: String
    /// The name's bytes when they are not UTF-8, nil when `name` is them.
    public let undecodable: [CChar]?
    /// The open folder, for `fstatat`.
    public let folder: Int32
    /// `readdir`'s type, `DT_UNKNOWN` where the file system does not say.
    public let type: UInt8

    /// What `lstat` says of it.
    public func status() throws -> FileStatus? {
        guard let undecodable else { return try FileStatus.of(name, in: folder) }
        return try undecodable.withUnsafeBufferPointer {
            try FileStatus.of(cName: $0.baseAddress!, shown: name, in: folder)
        }
    }

    /// Whether it is a folder (not a link to one), asking `fstatat` only
    /// when `readdir` could not tell.
    public func isFolder() throws -> Bool {
        Int(type) == Int(DT_UNKNOWN) ? try status()?.kind == .folder : Int(type) == Int(DT_DIR)
    }

    /// Calls `body` for each entry of the folder at `path` but `.` and
    /// `..`; returns false, calling nothing, when there is no such folder.
    public static func forEach(inFolder path: String, _ body: (FolderEntry) throws -> Void) throws -> Bool {
        guard let folder = opendir(path) else {
            if errno == ENOENT { return false }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO, userInfo: [NSFilePathErrorKey: path])
        }
        defer { closedir(folder) }
        while let entry = readdir(folder) {
            // The name read in place, not copied into an array first: a
            // province's Outbox has some 400,000 entries to go through.
            let (name, bytes) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = UnsafeRawBufferPointer(rebasing: raw[..<(raw.firstIndex(of: 0) ?? raw.count)])
                let name = String(validating: bytes, as: UTF8.self)
                return (name, name == nil ? Array(bytes) : [])
            }
            guard name != ".", name != ".." else { continue }
            try body(
                FolderEntry(
                    name: name ?? FileNameText.escaped(bytes),
                    undecodable: name == nil ? bytes.map { CChar(bitPattern: $0) } + [0] : nil,
                    folder: dirfd(folder), type: entry.pointee.d_type))
        }
        return true
    }
}
