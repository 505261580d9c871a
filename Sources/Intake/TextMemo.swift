/// Values remembered by the exact bytes of a cell's text, looked up without
/// making a String: an open-addressing table whose keys are copied into one
/// byte arena. Bounded: past `capacity` entries nothing more is remembered
/// (a file of a million different notes must not grow it), and a text not
/// remembered is simply checked again.
struct TextMemo<Value> {
    /// Entries kept at most.
    let capacity: Int
    private var slots: [Int32]
    private var keys: [UInt8] = []
    private var entries: [(start: Int32, count: Int32, hash: UInt64, value: Value)] = []

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        slots = Array(repeating: -1, count: 64)
    }

    var count: Int { entries.count }

    /// The value remembered for `bytes`, if any.
    func value(for bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            guard index >= 0 else { return nil }
            // The entry's fields read in place: copying it whole would retain a value holding a String.
            if entries[index].hash == hash, Int(entries[index].count) == bytes.count,
                equals(bytes, at: Int(entries[index].start))
            {
                return entries[index].value
            }
            slot = (slot + 1) & mask
        }
    }

    /// Remembers `value` for `bytes` (the first value stays if there is one).
    mutating func remember(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>) {
        guard entries.count < capacity, self.value(for: bytes) == nil else { return }
        if (entries.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(bytes)
        entries.append((Int32(keys.count), Int32(bytes.count), hash, value))
        keys.append(contentsOf: bytes)
        place(entries.count - 1, hash: hash)
    }

    private func equals(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        keys.withUnsafeBufferPointer { stored in
            for offset in 0..<bytes.count where stored[start + offset] != bytes[offset] { return false }
            return true
        }
    }

    private mutating func place(_ index: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for (index, entry) in entries.enumerated() { place(index, hash: entry.hash) }
    }

    /// FNV-1a, its high bits folded down (the slot is taken from the low bits).
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash ^ (hash >> 29)
    }
}
