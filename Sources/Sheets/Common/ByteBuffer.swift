/// Bytes collected piece by piece, read, then dropped for the next value,
/// in one allocation: a parser's text buffer on its hot path, without an
/// Array's uniqueness checks and generic appends for every piece.
struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// The bytes, valid until the buffer next changes.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    mutating func removeAll() {
        count = 0
    }

    mutating func append(_ more: UnsafeBufferPointer<UInt8>) {
        guard let source = more.baseAddress else { return }
        if count + more.count > capacity {
            capacity = max(2 * capacity, count + more.count)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            larger.update(from: base, count: count)
            base.deallocate()
            base = larger
        }
        (base + count).update(from: source, count: more.count)
        count += more.count
    }
}
