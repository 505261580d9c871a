import Foundation

/// Running sums keyed by a pair of byte strings, without a String or an
/// allocation per lookup: keys live once in one arena, found by open addressing.
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

    /// Adds `value` to the group of the key `first`, 0x1F, `second`,
    /// creating it at its first sight: the key is never assembled for a lookup.
    mutating func add(_ value: Double, to first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) {
        let hash = Self.hash(first, second)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { break }
            if groups[index].hash == hash, equalKey(groups[index], first, second) {
                groups[index].sum += value
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(groups.count)
        groups.append(Group(hash: hash, keyStart: keyBytes.count, keyCount: first.count + 1 + second.count, sum: value))
        keyBytes.append(contentsOf: first)
        keyBytes.append(Self.separator)
        keyBytes.append(contentsOf: second)
        if groups.count * 2 > slots.count { grow() }
    }

    private static let separator: UInt8 = 0x1F

    private func equalKey(_ group: Group, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> Bool {
        group.keyCount == first.count + 1 + second.count && keyBytes.withUnsafeBytes { arena in
            let key = arena.baseAddress! + group.keyStart
            return Self.equal(key, first) && key.load(fromByteOffset: first.count, as: UInt8.self) == Self.separator
                && Self.equal(key + first.count + 1, second)
        }
    }

    private static func equal(_ stored: UnsafeRawPointer, _ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.isEmpty || memcmp(stored, bytes.baseAddress!, bytes.count) == 0
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for (index, group) in groups.enumerated() {
            var slot = Int(truncatingIfNeeded: group.hash) & (slots.count - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(index)
        }
    }

    /// Eight bytes at a time (multiply-rotate), each part closed by its
    /// length, then a multiply-shift so that the low bits used for slots mix the whole key.
    private static func hash(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> UInt64 {
        let hash = absorb(absorb(0xcbf2_9ce4_8422_2325, first), second)
        return (hash ^ (hash >> 29)) &* 0xbf58_476d_1ce4_e5b9
    }

    @inline(__always)
    private static func absorb(_ start: UInt64, _ part: UnsafeRawBufferPointer) -> UInt64 {
        var hash = start
        var i = 0
        while i + 8 <= part.count {
            hash = mix(hash, part.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        while i < part.count {
            tail = tail << 8 | UInt64(part[i])
            i += 1
        }
        return mix(mix(hash, tail), UInt64(part.count))
    }

    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        ((hash ^ word) &* 0x9e37_79b9_7f4a_7c15).rotated(by: 31)
    }
}

private extension UInt64 {
    func rotated(by count: Int) -> UInt64 { self << UInt64(count) | self >> UInt64(64 - count) }
}
