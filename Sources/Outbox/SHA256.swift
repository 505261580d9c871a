import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), fed in pieces: the ledger knows every file version
/// by this hash. Small and dependency-free, so that one hash does not bring
/// a whole crypto library into the build; the blocks are compressed in C
/// (`CSHA256`), with the processor's SHA instructions where it has them.
///
/// ```swift
/// var hash = SHA256()
/// hash.update(bytes)
/// let hex = hash.finalize().hex
/// ```
public struct SHA256: Sendable {
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Bytes of an incomplete 64-byte block, waiting for more input.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    public init() {
        pending.reserveCapacity(64)
    }

    /// Whether the blocks go through the processor's SHA instructions (x86 SHA extensions).
    public static var isAccelerated: Bool { huanxin_sha256_accelerated() != 0 }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
            offset = take
            guard pending.count == 64 else { return }
            pending.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
            pending.removeAll(keepingCapacity: true)
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 { compress(base + offset, blocks: blocks) }
        offset += blocks * 64
        pending.append(contentsOf: UnsafeRawBufferPointer(start: base + offset, count: bytes.count - offset))
    }

    public mutating func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 32-byte digest. The hasher is spent afterwards.
    public mutating func finalize() -> Digest {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        tail += [UInt8](repeating: 0, count: (119 - pending.count) % 64)
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        let savedLength = length
        update(tail)
        length = savedLength
        return Digest(bytes: state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) } })
    }

    /// The digest of a whole file, read in pieces (constant memory).
    public static func hash(fileAtPath path: String) throws -> Digest {
        var hasher = SHA256()
        try FileChunks.stream(path) { hasher.update($0) }
        return hasher.finalize()
    }

    /// A 32-byte SHA-256 digest.
    public struct Digest: Hashable, Sendable {
        public let bytes: [UInt8]

        /// Lower-case hexadecimal, as `sha256sum` prints it and the ledger stores it.
        public var hex: String {
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
        }
    }

    /// Whole 64-byte blocks into the state.
    private mutating func compress(_ data: UnsafeRawPointer, blocks: Int) {
        state.withUnsafeMutableBufferPointer { words in
            huanxin_sha256_blocks(words.baseAddress!, data.assumingMemoryBound(to: UInt8.self), blocks)
        }
    }
}
