import Foundation

/// Running sums keyed by a pair of byte strings, without a String or an
/// allocation per lookup: keys are never assembled for a lookup, and each
/// group is one record of one arena — its sum, its key's length, its key —
/// found by open addressing. Rows come in no order, so every lookup is a
/// cache miss: slot and record are the only memory it touches.
struct GroupedSums {
    /// The groups in order of first appearance, each `recordHeader` bytes
    /// (sum, hash, key length) and then its key, padded to 8 bytes.
    private var arena: [UInt8] = []
    /// Per slot: 0 for free, else the high half of the group's hash and its
    /// record's offset plus one. The count is a power of two kept at least
    /// twice the number of groups.
    private var slots = [UInt64](repeating: 0, count: 1024)
    private(set) var count = 0

    private static let recordHeader = 24
    private static let separator: UInt8 = 0x1F

    /// The sum of every group, added in the groups' order of first appearance.
    var total: Double {
        var total = 0.0
        arena.withUnsafeBytes { records in
            var offset = 0
            while offset < records.count {
                total += records.loadUnaligned(fromByteOffset: offset, as: Double.self)
                offset += Self.recordLength(keyCount: records.loadUnaligned(fromByteOffset: offset + 16, as: Int.self))
            }
        }
        return total
    }

    /// Adds `value` to the group of the key `first`, 0x1F, `second`,
    /// creating it at its first sight.
    mutating func add(_ value: Double, to first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) {
        let hash = Self.hash(first, second)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let keyCount = first.count + 1 + second.count
        let mask = slots.count - 1
        // The slot of the group, or the free one where it goes; true when the value was added.
        let (slot, isAdded) = arena.withUnsafeMutableBytes { [slots] records in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = slots[slot]
                if entry == 0 { return (slot, false) }
                let offset = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if entry & 0xFFFF_FFFF_0000_0000 == tag,
                    records.loadUnaligned(fromByteOffset: offset + 16, as: Int.self) == keyCount,
                    Self.isKey(records.baseAddress! + offset + Self.recordHeader, first, second)
                {
                    let sum = records.loadUnaligned(fromByteOffset: offset, as: Double.self)
                    records.storeBytes(of: sum + value, toByteOffset: offset, as: Double.self)
                    return (slot, true)
                }
                slot = (slot + 1) & mask
            }
        }
        guard !isAdded else { return }
        slots[slot] = tag | UInt64(arena.count + 1)
        append(value, hash: hash, keyCount: keyCount, first, second)
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// Whether the key at `stored` is `first`, 0x1F, `second` (its length is already known equal).
    private static func isKey(
        _ stored: UnsafeMutableRawPointer, _ first: UnsafeRawBufferPointer,
        _ second: UnsafeRawBufferPointer
    ) -> Bool {
        equal(stored, first) && stored.load(fromByteOffset: first.count, as: UInt8.self) == separator
            && equal(stored + first.count + 1, second)
    }

    private static func equal(_ stored: UnsafeRawPointer, _ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.isEmpty || memcmp(stored, bytes.baseAddress!, bytes.count) == 0
    }

    private static func recordLength(keyCount: Int) -> Int { recordHeader + (keyCount + 7) & ~7 }

    private mutating func append(
        _ value: Double, hash: UInt64, keyCount: Int,
        _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer
    ) {
        withUnsafeBytes(of: value) { arena.append(contentsOf: $0) }
        withUnsafeBytes(of: hash) { arena.append(contentsOf: $0) }
        withUnsafeBytes(of: keyCount) { arena.append(contentsOf: $0) }
        arena.append(contentsOf: first)
        arena.append(Self.separator)
        arena.append(contentsOf: second)
        arena.append(
            contentsOf: repeatElement(0, count: Self.recordLength(keyCount: keyCount) - Self.recordHeader - keyCount))
    }

    /// Doubles the slots and places every group again by its stored hash.
    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        arena.withUnsafeBytes { records in
            var offset = 0
            while offset < records.count {
                let hash = records.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(offset + 1)
                offset += Self.recordLength(keyCount: records.loadUnaligned(fromByteOffset: offset + 16, as: Int.self))
            }
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

extension UInt64 {
    fileprivate func rotated(by count: Int) -> UInt64 { self << UInt64(count) | self >> UInt64(64 - count) }
}
