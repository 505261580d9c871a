import Foundation

/// Runs jobs on worker threads and hands their results back in the order
/// the jobs were submitted: the reading thread cuts a document into pieces,
/// the workers parse them, and the reading thread delivers the rows in file
/// order. At most `maxPending` jobs are queued or unread, so memory stays
/// bounded however long the document is.
///
/// Used from one submitting thread, which must call `shutDown` when done:
/// the threads hold the workers until then. `@unchecked Sendable`: every
/// field is guarded by `condition`; jobs and results move between threads
/// only through it.
final class OrderedWorkers<Job, Result>: @unchecked Sendable {
    private let condition = NSCondition()
    private let work: (Job) -> Result
    let maxPending: Int
    /// Jobs not yet taken by a worker, with their sequence numbers.
    private var queue: [(sequence: Int, job: Job)] = []
    /// Results by sequence number, until the submitter takes them.
    private var finished: [Int: Result] = [:]
    private var nextSequence = 0, nextToHand = 0
    private var isShutDown = false
    private var runningWorkers = 0

    /// Starts `workers` threads that apply `work` to each job.
    init(workers: Int, maxPending: Int, work: @escaping (Job) -> Result) {
        self.work = work
        self.maxPending = maxPending
        runningWorkers = workers
        for _ in 0..<workers {
            let thread = Thread { [self] in runWorker() }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Jobs submitted whose results have not been taken.
    var pending: Int {
        condition.lock()
        defer { condition.unlock() }
        return nextSequence - nextToHand
    }

    /// Queues a job; the caller keeps `pending` below `maxPending` by taking results.
    func submit(_ job: Job) {
        condition.lock()
        defer { condition.unlock() }
        queue.append((nextSequence, job))
        nextSequence += 1
        condition.broadcast()
    }

    /// The result of the oldest job not yet taken: waits for it when `wait`,
    /// otherwise nil unless it is ready. Nil when nothing is pending.
    func next(wait: Bool) -> Result? {
        condition.lock()
        defer { condition.unlock() }
        guard nextToHand < nextSequence else { return nil }
        while wait, finished[nextToHand] == nil { condition.wait() }
        guard let result = finished.removeValue(forKey: nextToHand) else { return nil }
        nextToHand += 1
        return result
    }

    /// Drops the jobs not started, waits for running ones and ends the threads.
    func shutDown() {
        condition.lock()
        defer { condition.unlock() }
        isShutDown = true
        queue.removeAll()
        condition.broadcast()
        while runningWorkers > 0 { condition.wait() }
    }

    private func runWorker() {
        condition.lock()
        while true {
            while queue.isEmpty, !isShutDown { condition.wait() }
            if isShutDown { break }
            let (sequence, job) = queue.removeFirst()
            condition.unlock()
            let result = work(job)
            condition.lock()
            finished[sequence] = result
            condition.broadcast()
        }
        runningWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }
}
