import Foundation
import Testing

@testable import Pipeline

@Suite struct RunLockTests {
    static func lockPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)/Outbox/.huanxin.lock")
            .path
    }

    @Test func aSecondTakerIsToldWhoHoldsTheLock() throws {
        let path = Self.lockPath()
        let started = Date(timeIntervalSince1970: 1_795_399_200)
        var first: RunLock? = try RunLock(path: path, startedAt: started)
        #expect {
            try RunLock(path: path)
        } throws: { error in
            guard let held = error as? RunLock.Held, let holder = held.holder else { return false }
            return holder.pid == getpid() && holder.startedAt == "2026-11-23T02:00:00Z"
                && held.description.contains("另一次运行") && held.description.contains("pid \(getpid())")
        }
        // Released with its holder; the file stays and is no lock by itself.
        first = nil
        #expect(FileManager.default.fileExists(atPath: path))
        let second = try RunLock(path: path)
        withExtendedLifetime((first, second)) {}
    }

    @Test func aStaleFileIsNoLock() throws {
        let path = Self.lockPath()
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(#"{"pid":99999,"host":"gone","startedAt":"2020-01-01T00:00:00Z"}"#.utf8).write(
            to: URL(fileURLWithPath: path))
        let lock = try RunLock(path: path)
        let recorded = try JSONDecoder().decode(RunLock.Holder.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(recorded.pid == getpid())
        withExtendedLifetime(lock) {}
    }
}

/// `rollup` waits for a run in progress, and no longer than it is told.
@Suite struct RunLockWaitingTests {
    @Test func aWaiterGivesUpAfterItsTimeNamingTheHolder() throws {
        let path = RunLockTests.lockPath()
        let holder = try RunLock(path: path)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: RunLock.Held.self) { try RunLock.waiting(path: path, seconds: 0.5) }
        #expect(clock.now - start >= .milliseconds(500))
        withExtendedLifetime(holder) {}
    }

    @Test func aWaiterTakesTheLockWhenItsHolderLetsGo() throws {
        let path = RunLockTests.lockPath()
        let holder = LockHolder()
        holder.lock = try RunLock(path: path)
        let released = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            holder.lock = nil
        }
        released.start()
        let lock = try RunLock.waiting(path: path, seconds: 10)
        withExtendedLifetime(lock) {}
    }

    /// The portal asks before each take whether another process waits, and leaves the lock to it.
    @Test func aWaiterIsSeenWhileItWaitsAndNoLongerOnceItHasTheLock() throws {
        let path = RunLockTests.lockPath()
        #expect(!RunLock.isAwaited(path: path))
        let holder = LockHolder()
        holder.lock = try RunLock(path: path)
        let taken = DispatchSemaphore(value: 0)
        let waiter = LockHolder()
        Thread {
            waiter.lock = try? RunLock.waiting(path: path, seconds: 10)
            taken.signal()
        }.start()
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while !RunLock.isAwaited(path: path), clock.now < deadline { usleep(10_000) }
        #expect(RunLock.isAwaited(path: path))
        holder.lock = nil
        taken.wait()
        #expect(waiter.lock != nil)
        #expect(!RunLock.isAwaited(path: path))
        // A waiter that gives up says so no longer either.
        #expect(throws: RunLock.Held.self) { try RunLock.waiting(path: path, seconds: 0.3) }
        #expect(!RunLock.isAwaited(path: path))
    }
}

/// A run lock a test lets go of from another thread.
final class LockHolder: @unchecked Sendable {
    var lock: RunLock?
}
