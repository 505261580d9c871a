import CSHA256
import Foundation
import Testing

@testable import Outbox

@Suite struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(bytes)
        return hash.finalize().hex
    }

    /// FIPS 180-2 appendix B and NIST's example values (one, two and 1,000,000-`a` blocks).
    @Test func nistVectors() {
        #expect(Self.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Self.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            Self.hex(
                Array(
                    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
                        .utf8))
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(
            Self.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Padding edges: 55, 56, 63, 64 and 65 bytes, fed whole and one byte at a time.
    @Test func piecesAndPaddingEdgesAgree() {
        for count in [55, 56, 63, 64, 65, 119, 120, 1000] {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var pieces = SHA256()
            for byte in bytes { pieces.update([byte]) }
            #expect(pieces.finalize().hex == Self.hex(bytes), "\(count) bytes")
        }
        #expect(
            Self.hex(Array(repeating: UInt8(ascii: "a"), count: 56))
                == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }

    /// A file of 1.5 MiB plus a bit (two read chunks) against the system's `sha256sum`.
    @Test func fileHashMatchesSha256sum() throws {
        let tool = ["/usr/bin/sha256sum", "/bin/sha256sum"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data((0..<(3 << 19) + 12_345).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }).write(to: url)
        let ours = try SHA256.hash(fileAtPath: url.path).hex
        guard let tool else {
            print("note: sha256sum not found; comparison skipped")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.prefix(64) == ours)
    }

    /// The processor's SHA instructions and the portable code leave the same
    /// state after runs of 1 to 40 blocks of varied bytes, from varied states.
    @Test func acceleratedAndPortableBlocksAgree() {
        if !SHA256.isAccelerated { print("note: no SHA instructions here; both calls take the portable code") }
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 11
        }
        for blocks in 1...40 {
            let data = (0..<(64 * blocks)).map { _ in UInt8(truncatingIfNeeded: next()) }
            let start = (0..<8).map { _ in UInt32(truncatingIfNeeded: next()) }
            var fast = start
            var portable = start
            huanxin_sha256_blocks(&fast, data, blocks)
            huanxin_sha256_blocks_portable(&portable, data, blocks)
            #expect(fast == portable, "\(blocks) blocks")
            #expect(fast != start)
        }
    }
}
