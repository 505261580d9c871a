import Foundation

/// A bounded queue from one thread to another: the nightly run reads files
/// ahead on one thread and writes receipts on another (`NightlyRun`).
/// `put` waits while the queue is full, `take` while it is empty; the
/// producer calls `finish` after its last item, and a consumer that stops
/// early calls `cancel`, which makes `put` return false from then on.
///
/// `@unchecked Sendable`: every field is guarded by `condition`.
final class HandOver<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var items: [Item] = []
    private var head = 0
    private var isFinished = false, isCancelled = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds `item`, waiting for room; false (item dropped) once cancelled.
    @discardableResult
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !isCancelled, items.count - head >= capacity { condition.wait() }
        guard !isCancelled else { return false }
        if head > capacity {  // drop what was taken, now and then
            items.removeFirst(head)
            head = 0
        }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// No more items will come.
    func finish() {
        condition.lock()
        defer { condition.unlock() }
        isFinished = true
        condition.broadcast()
    }

    /// The next item, waiting for one; nil once finished (or cancelled) and empty.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count, !isFinished, !isCancelled { condition.wait() }
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        condition.broadcast()
        return item
    }

    /// The consumer stops: items waiting are dropped and `put` refuses more.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        isCancelled = true
        items = []
        head = 0
        condition.broadcast()
    }
}

/// Runs a closure on a thread of its own; `join` waits until it returned.
final class BackgroundThread: Sendable {
    private let done = DispatchSemaphore(value: 0)

    init(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [done] in
            body()
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    func join() {
        done.wait()
        done.signal()  // a second join returns at once
    }
}
