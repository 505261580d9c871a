import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Many files published together, each whole or not at all, with two
/// flushes to disk for the lot instead of one per file (`AtomicFile`); a
/// few files (`flushedOneByOne`) are flushed each, as that is cheaper then.
///
/// `write` puts a file's bytes into its temporary file beside the
/// destination (named as `AtomicFile` names it), without flushing.
/// `publish` then makes every temporary's bytes durable (`syncfs`, once per
/// file system), renames each over its destination in the order written,
/// and makes the new names durable (`syncfs` again). So whatever instant a
/// run is killed or the power fails, a destination holds its previous file
/// or the whole new one: a rename reaches the disk only after the bytes it
/// names, and once `publish` returns every file is on disk under its name.
/// Temporaries of a run killed before `publish` are removed by the next run.
///
/// One owner at a time; temporaries not published are removed with the object.
public final class StagedFiles {
    /// Destinations in the order first written, and their temporaries.
    private var destinations: [String] = []
    private var temporaries: [String: String] = [:]
    /// Folders known to exist: each is created once per object, not per file.
    private var folders: Set<String> = []

    public init() {}

    deinit { discard() }

    /// How many files wait to be published.
    public var count: Int { destinations.count }

    public func write(_ data: some DataProtocol, to path: String) throws {
        try write(to: path) { handle in try handle.write(contentsOf: data) }
    }

    /// Lets `body` stream the file into its temporary. Writing the same
    /// destination again replaces what was staged for it.
    public func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
        let folder = AtomicFile.folder(of: path)
        let temporary = try AtomicFile.writeTemporary(
            for: path, creatingFolder: !folders.contains(folder),
            flush: false, body)
        folders.insert(folder)
        if temporaries.updateValue(temporary, forKey: path) == nil { destinations.append(path) }
    }

    /// Syncs the staged bytes, renames every temporary over its destination,
    /// syncs the new names. On failure the files not yet renamed are dropped
    /// and the error is thrown; those renamed are whole.
    public func publish() throws {
        guard !destinations.isEmpty else { return }
        defer { discard() }
        let folders = Set(destinations.map(AtomicFile.folder(of:)))
        // Nil: few enough files to flush one by one.
        let fileSystems = destinations.count <= Self.flushedOneByOne ? nil : try Self.fileSystems(of: folders)
        try Self.flush(temporaries.values, or: fileSystems)
        for path in destinations {
            try AtomicFile.moveIntoPlace(temporaries.removeValue(forKey: path)!, at: path)
        }
        try Self.flush(folders, or: fileSystems)
    }

    /// Makes `paths` durable: each by `fsync`, or with `fileSystems`, all
    /// that is written on those file systems (`sync`).
    private static func flush(_ paths: some Collection<String>, or fileSystems: [String]?) throws {
        guard let fileSystems else { return try flush(together: paths) }
        try sync(fileSystems, files: paths)
    }

    /// Up to this many files are flushed each by itself (each file, then
    /// each folder after the renames) rather than by `syncfs`, which also
    /// flushes every other writer's data on the file system: on a disk shared
    /// with busy neighbours, a portal upload's few receipts waited seconds
    /// for it. 64: a round of 8 uploads that correct earlier ones (4 files
    /// each and 4 for the receipt each reissues).
    static let flushedOneByOne = 64

    /// Flushes `paths` (files or folders) at once, each by `fsync` on a
    /// thread of its own: the file system commits flushes that wait together
    /// in one journal commit, so a few dozen cost about what a few do one
    /// after another (22 small files on ext4 beside busy neighbours: 100–210 ms
    /// one by one, 13–35 ms at once). Throws the first failure, after all have ended.
    public static func flush(together paths: some Collection<String>) throws {
        let paths = Array(paths)
        guard let first = paths.first else { return }
        let failures = FirstFailure()
        let done = DispatchGroup()
        // The first on this thread, the others each on a thread of its own.
        for path in paths.dropFirst() {
            done.enter()
            Thread.detachNewThread {
                do { try flush(path) { fsync($0) } } catch { failures.keep(error) }
                done.leave()
            }
        }
        do { try flush(first) { fsync($0) } } catch { failures.keep(error) }
        done.wait()
        if let error = failures.error { throw error }
    }

    /// The first error of flushes made at once.
    private final class FirstFailure: @unchecked Sendable {
        private let lock = NSLock()
        private var first: (any Error)?

        var error: (any Error)? { lock.withLock { first } }

        func keep(_ error: any Error) { lock.withLock { first = first ?? error } }
    }

    /// Removes the temporaries not published.
    public func discard() {
        for temporary in temporaries.values { unlink(temporary) }
        temporaries = [:]
        destinations = []
    }

    /// One folder of each file system among `folders`.
    private static func fileSystems(of folders: Set<String>) throws -> [String] {
        var byDevice: [UInt64: String] = [:]
        for folder in folders {
            var info = stat()
            guard stat(folder, &info) == 0 else { throw FileIOError.errno(.stat, path: folder) }
            byDevice[UInt64(info.st_dev)] = folder
        }
        return Array(byDevice.values)
    }

    /// Makes everything written on the file systems of `folders` durable.
    /// Where `syncfs` is missing (not Linux), `files` and `folders` are
    /// flushed one by one.
    private static func sync(_ folders: [String], files: some Collection<String>) throws {
        #if os(Linux)
            for folder in folders { try flush(folder) { syncfs($0) } }
        #else
            try flush(together: Array(files) + folders)
        #endif
    }

    /// Opens `path` read-only and runs `call` on the descriptor, throwing its errno.
    private static func flush(_ path: String, _ call: (Int32) -> Int32) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw FileIOError.errno(.flush, path: path) }
        defer { close(descriptor) }
        guard call(descriptor) == 0 else { throw FileIOError.errno(.flush, path: path) }
    }
}

#if os(Linux)
    /// glibc's `syncfs(2)`: flushes one file system's dirty data and metadata.
    /// Swift's Glibc module does not declare it, so it is looked up once.
    private let syncfs: @convention(c) (Int32) -> Int32 = {
        guard let symbol = dlsym(nil, "syncfs") else { fatalError("syncfs missing from the C library") }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()
#endif
