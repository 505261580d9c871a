import Foundation

/// Running sums keyed by a byte string, without a String or an allocation
/// per lookup: keys live once in one arena, found by open addressing.
struct GroupedSums {
    private struct Group {
        var hash: UInt64
        var keyStart: Int
        var keyCount: Int
        var sum: Double
    }

    private var groups: [Group] = []
    private var keyBytes: [UInt8] = []
    /// Indexes into `groups`, -1 for free; the count is a power of two kept
    /// at least twice the number of groups.
    private var slots = [Int32](repeating: -1, count: 1024)

    var count: Int { groups.count }

    /// The sum of every group, added in the groups' order of first appearance.
    var total: Double { groups.reduce(0) { $0 + $1.sum } }

    /// Adds `value` to the group of `key`, creating it at its first sight.
    mutating func add(_ value: Double, to key: UnsafeRawBufferPointer) {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let index = Int(slots[slot])
            if index < 0 { break }
            if groups[index].hash == hash, equalKey(groups[index], key) {
                groups[index].sum += value
                return
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = Int32(groups.count)
        groups.append(Group(hash: hash, keyStart: keyBytes.count, keyCount: key.count, sum: value))
        keyBytes.append(contentsOf: key)
        if groups.count * 2 > slots.count { grow() }
    }

    private func equalKey(_ group: Group, _ key: UnsafeRawBufferPointer) -> Bool {
        group.keyCount == key.count && keyBytes.withUnsafeBytes { arena in
            memcmp(arena.baseAddress! + group.keyStart, key.baseAddress!, key.count) == 0
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (index, group) in groups.enumerated() {
            var slot = Int(truncatingIfNeeded: group.hash) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(index)
        }
    }

    /// FNV-1a, then a multiply-shift so that the low bits used for slots mix the whole key.
    private static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return (hash ^ (hash >> 29)) &* 0xbf58_476d_1ce4_e5b9
    }
}
