import Foundation
import Testing

@testable import Sheets

@Suite struct OrderedWorkersTests {
    @Test func resultsComeBackInSubmissionOrderWhateverOrderTheyFinishIn() {
        let workers = OrderedWorkers<Int, Int>(workers: 3, maxPending: 8) { job in
            usleep(UInt32((job * 7919) % 5) * 1000)  // later jobs often finish first
            return job * job
        }
        defer { workers.shutDown() }
        var results: [Int] = []
        for job in 0..<100 {
            workers.submit(job)
            while workers.pending >= workers.maxPending, let result = workers.next(wait: true) {
                results.append(result)
            }
        }
        while let result = workers.next(wait: true) { results.append(result) }
        #expect(results == (0..<100).map { $0 * $0 })
        #expect(workers.next(wait: true) == nil, "nothing pending")
    }

    @Test func shuttingDownDropsJobsNotStartedAndWaitsForRunningOnes() {
        let counts = NSLock()
        nonisolated(unsafe) var (ran, running) = (0, 0)
        let firstStarted = DispatchSemaphore(value: 0)
        let workers = OrderedWorkers<Int, Int>(workers: 2, maxPending: 1_000) { job in
            counts.withLock {
                ran += 1
                running += 1
            }
            if job == 0 { firstStarted.signal() }
            usleep(20_000)
            counts.withLock { running -= 1 }
            return job
        }
        // 200 jobs of 20 ms on two workers take 2 s: the shutdown, asked
        // once the first has started, comes long before the last would.
        for job in 0..<200 { workers.submit(job) }
        firstStarted.wait()
        workers.shutDown()
        let (count, stillRunning) = counts.withLock { (ran, running) }
        #expect(count >= 1 && count < 200, "\(count) jobs ran before the shutdown")
        #expect(stillRunning == 0, "the shutdown waited for the running jobs")
    }
}
