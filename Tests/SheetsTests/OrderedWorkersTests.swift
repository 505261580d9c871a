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
        let started = NSLock()
        nonisolated(unsafe) var ran = 0
        let workers = OrderedWorkers<Int, Int>(workers: 2, maxPending: 100) { job in
            started.withLock { ran += 1 }
            usleep(20_000)
            return job
        }
        for job in 0..<50 { workers.submit(job) }
        usleep(5_000)
        workers.shutDown()
        let count = started.withLock { ran }
        #expect(count >= 1 && count < 50, "\(count) jobs ran before the shutdown")
    }
}
