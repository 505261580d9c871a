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

    /// Whether the key stored from `start` is `bytes` (as long as they are),
    /// compared by words as `hash` reads them.
    private func equals(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        keys.withUnsafeBytes { stored in
            let given = UnsafeRawBufferPointer(bytes)
            let count = given.count
            guard count >= 4 else {
                for offset in 0..<count where stored[start + offset] != given[offset] { return false }
                return true
            }
            func same<Word: FixedWidthInteger>(_ offset: Int, _: Word.Type) -> Bool {
                stored.loadUnaligned(fromByteOffset: start + offset, as: Word.self)
                    == given.loadUnaligned(fromByteOffset: offset, as: Word.self)
            }
            guard count >= 8 else { return same(0, UInt32.self) && same(count - 4, UInt32.self) }
            var offset = 0
            while offset + 8 < count {
                guard same(offset, UInt64.self) else { return false }
                offset += 8
            }
            return same(count - 8, UInt64.self)
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

    /// Eight bytes at a time, the last eight overlapping the words before
    /// (a shorter text in two overlapping halves, or three of its bytes),
    /// each word folded in by a multiply and the whole mixed by
    /// MurmurHash3's finaliser, so that every byte reaches the low bits the
    /// slot is taken from. The length is in the seed: overlaps cannot make
    /// two lengths alike.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        let count = raw.count
        var hash = 0xcbf2_9ce4_8422_2325 ^ UInt64(count)
        func fold(_ word: UInt64) { hash = (hash ^ word) &* 0x9e37_79b9_7f4a_7c15 }
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                fold(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            fold(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        } else if count >= 4 {
            let first = raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
            let last = raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            fold(UInt64(first) | UInt64(last) << 32)
        } else if count > 0 {
            fold(UInt64(raw[0]) | UInt64(raw[count / 2]) << 8 | UInt64(raw[count - 1]) << 16)
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        return hash ^ hash >> 33
    }
}
