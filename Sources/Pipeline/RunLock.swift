import Foundation
import Outbox

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One run at a time: an exclusive `flock` on `Outbox/.huanxin.lock`.
///
/// The kernel holds the lock for the process, so a run killed at any
/// instant releases it; the file stays behind with its last holder's
/// details, and a file nobody holds a lock on is no lock at all. The file
/// records who holds it (pid, host, start time) so that a second run can say
/// whom it is waiting for.
public final class RunLock: Sendable {
    /// Who holds (or last held) the lock, as the file records it.
    public struct Holder: Codable, Sendable, Equatable, CustomStringConvertible {
        public var pid: Int32
        public var host: String
        /// ISO 8601, UTC.
        public var startedAt: String

        public var description: String {
            "进程 pid \(pid) @ \(host)，开始于 started \(startedAt)"
        }
    }

    /// Another process holds the lock.
    public struct Held: Error, CustomStringConvertible {
        public var path: String
        /// Nil when the holder had not yet written its details.
        public var holder: Holder?
        /// Nobody holds it, but another process waits for it (`isAwaited`) and is left to take it first.
        public var isLeftToAWaiter = false

        public var description: String {
            isLeftToAWaiter
                ? "另一进程正在等待运行锁，先让它运行 Another process waits for the lock \(path); it goes first"
                : "另一次运行正在进行 Another run holds the lock \(path): " + (holder?.description ?? "持有者未知 holder unknown")
        }
    }

    public let path: String
    private let descriptor: Int32

    /// Takes the lock without waiting, or throws `Held` saying who has it.
    public init(path: String, startedAt: Date = Date()) throws {
        self.path = path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FileIOError(.create, path: path, detail: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            let recorded = try? Data(contentsOf: URL(fileURLWithPath: path))
            close(descriptor)
            guard failure == EWOULDBLOCK else { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
            throw Held(path: path, holder: recorded.flatMap { try? JSONDecoder().decode(Holder.self, from: $0) })
        }
        self.descriptor = descriptor
        let holder = Holder(
            pid: getpid(), host: ProcessInfo.processInfo.hostName,
            startedAt: startedAt.formatted(.iso8601))
        // The details go into the locked file itself: writing another file
        // and renaming it would leave this descriptor on an unlinked inode.
        let bytes = [UInt8]((try JSONEncoder().encode(holder)) + Data("\n".utf8))
        guard ftruncate(descriptor, 0) == 0,
            bytes.withUnsafeBytes({ pwrite(descriptor, $0.baseAddress, $0.count, 0) }) == bytes.count
        else {
            let failure = errno
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
        }
    }

    /// Takes the lock, waiting up to `seconds` for its holder to let go
    /// (`rollup` during a run waits for the run's end, `run --wait` for the
    /// portal's uploads); then throws `Held`. While it waits it says so
    /// (`Waiter`), and the portal, which takes the lock round after round,
    /// leaves it free for this process. The wait is timed on the monotonic
    /// clock: a wall clock set back (NTP, an operator) would stretch it, one
    /// set forward would cut it short.
    public static func waiting(path: String, seconds: TimeInterval) throws -> RunLock {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(seconds))
        var waiter: Waiter?
        defer { withExtendedLifetime(waiter) {} }
        while true {
            do {
                return try RunLock(path: path)
            } catch is Held where clock.now < deadline {
                if waiter == nil { waiter = try Waiter(lockPath: path) }
                usleep(200_000)
            }
        }
    }

    /// Whether a process is waiting for the lock at `path` (`Waiter`). A
    /// process that takes the lock again and again (the portal) asks before
    /// each take and, while one waits, leaves the lock to it, so that a
    /// nightly run is not starved by a busy afternoon of uploads.
    public static func isAwaited(path: String) -> Bool {
        let descriptor = open(Waiter.path(forLock: path), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }  // nobody has ever waited
        defer { close(descriptor) }
        // Waiters hold the file shared; an exclusive try fails while any does.
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(descriptor, LOCK_UN)
        return false
    }

    /// A process's word that it waits for the lock: a shared `flock` on
    /// `<lock>.waiting`, held while the object lives (and let go by the
    /// kernel if the process dies). Several may wait at once.
    public final class Waiter {
        private let descriptor: Int32

        public init(lockPath: String) throws {
            let path = Self.path(forLock: lockPath)
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw FileIOError(.create, path: path, detail: String(cString: strerror(errno)))
            }
            // Blocks only for the instant an `isAwaited` test holds it.
            guard flock(descriptor, LOCK_SH) == 0 else {
                let failure = errno
                close(descriptor)
                throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
            }
            self.descriptor = descriptor
        }

        static func path(forLock lockPath: String) -> String { lockPath + ".waiting" }

        deinit {
            close(descriptor)
        }
    }

    /// Releases the lock; the file stays, naming its last holder.
    deinit {
        close(descriptor)
    }
}
