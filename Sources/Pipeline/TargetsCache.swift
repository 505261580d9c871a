import Foundation
import Vocabulary

/// `TargetsQuery`'s answers, kept per region and period with the ledger
/// state they were computed from, so that no request recomputes the
/// roll-up (seconds on a province's ledger, and uploads share the cores).
///
/// A request gets the answer at hand at once. When files have been recorded
/// since (an upload, a night in another process), that answer comes marked
/// not `upToDate`, and a new one is computed in the background; the next
/// request gets it. Only the first request for a region and period waits,
/// for the one computation every request of that moment shares. The
/// answers are computed one at a time, on a thread of their own.
public final class TargetsCache: @unchecked Sendable {
    public let query: TargetsQuery
    /// How many answers are kept; beyond, the one asked for longest ago goes.
    let capacity: Int

    private struct Key: Hashable {
        var region: String
        var period: Period?
    }

    private struct Kept {
        var answer: TargetsQuery.Answer
        /// When it was last asked for, in requests counted by `asked`.
        var lastAsked: UInt64
    }

    private let queue = DispatchQueue(label: "huanxin-targets")
    private let lock = NSLock()
    // Guarded by `lock`:
    private var kept: [Key: Kept] = [:]
    /// Requests waiting for a first answer.
    private var waiting: [Key: [CheckedContinuation<TargetsQuery.Answer, any Error>]] = [:]
    /// Computations queued or running: a key is computed once at a time.
    private var computing: Set<Key> = []
    private var asked: UInt64 = 0

    public init(query: TargetsQuery, capacity: Int = 64) {
        self.query = query
        self.capacity = capacity
    }

    /// The targets of `region` (default: the account's own) for `period`
    /// (default: the latest period with figures), as `TargetsQuery`
    /// computes them; authority is checked before anything is read.
    public func targets(
        for scope: AccessScope, region: String? = nil, period: Period? = nil, calendar: ProgrammeCalendar
    ) async throws -> TargetsQuery.Answer {
        let key = Key(region: try query.visibleRegion(region, for: scope), period: period)
        let state = try query.ledgerState()
        let found = lock.withLock { () -> TargetsQuery.Answer? in
            asked += 1
            kept[key]?.lastAsked = asked
            return kept[key]?.answer
        }
        if var answer = found {
            if answer.ledgerState != state {
                answer.upToDate = false
                compute(key, calendar: calendar)
            }
            return answer
        }
        return try await withCheckedThrowingContinuation { continuation in
            lock.withLock { waiting[key, default: []].append(continuation) }
            compute(key, calendar: calendar)
        }
    }

    /// Returns once every computation asked for so far is done (for tests,
    /// and for a caller that wants the recomputed figures).
    public func settled() async {
        await withCheckedContinuation { continuation in queue.async { continuation.resume() } }
    }

    /// Queues the computation of `key` unless it is already queued or running.
    private func compute(_ key: Key, calendar: ProgrammeCalendar) {
        guard lock.withLock({ computing.insert(key).inserted }) else { return }
        queue.async {
            let result = Result { try self.query.targets(of: key.region, period: key.period, calendar: calendar) }
            let waiters = self.lock.withLock {
                if case .success(let answer) = result {
                    self.kept[key] = Kept(answer: answer, lastAsked: self.asked)
                    self.evict()
                }
                self.computing.remove(key)
                return self.waiting.removeValue(forKey: key) ?? []
            }
            for waiter in waiters { waiter.resume(with: result) }
        }
    }

    /// Drops the answers asked for longest ago beyond `capacity`; under `lock`.
    private func evict() {
        while kept.count > capacity, let oldest = kept.min(by: { $0.value.lastAsked < $1.value.lastAsked }) {
            kept[oldest.key] = nil
        }
    }
}
