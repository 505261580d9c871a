/// Deterministic pseudo-random numbers keyed by a text (SplitMix64 seeded by
/// FNV-1a): the same key gives the same numbers on every machine and run,
/// whatever order the figures are asked for in.
struct DemoRandom {
    private var state: UInt64

    init(_ key: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        state = hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in `range`.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        let unit = Double(next() >> 11) / Double(1 << 53)
        return range.lowerBound + unit * (range.upperBound - range.lowerBound)
    }

    /// One 64-bit number for `key`.
    static func number(_ key: String) -> UInt64 {
        var random = DemoRandom(key)
        return random.next()
    }

    /// One number in `range` for `key`.
    static func uniform(_ key: String, _ range: ClosedRange<Double>) -> Double {
        var random = DemoRandom(key)
        return random.uniform(range)
    }
}
