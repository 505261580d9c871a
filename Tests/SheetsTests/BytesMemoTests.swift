import Testing

@testable import Sheets

/// `BytesMemo` gives a value only for the bytes it was made from, whatever
/// the key says, and stays bounded.
@Suite struct BytesMemoTests {
    /// Counts the makes, and makes a value that says which bytes it came from.
    final class Maker {
        var made = 0
        func make(_ bytes: [UInt8]) -> String {
            made += 1
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func aValueIsGivenOnlyForTheBytesItWasMadeFrom() {
        let memo = BytesMemo<Int, String>(largest: 64, capacity: 8)
        let maker = Maker()
        // One key for two byte strings, as a CRC-32 collision would give.
        #expect(memo.value(of: Array("styles A".utf8), key: 1, maker.make) == "styles A")
        #expect(memo.value(of: Array("styles A".utf8), key: 1, maker.make) == "styles A")
        #expect(maker.made == 1, "the same bytes again are remembered")
        #expect(memo.value(of: Array("styles B".utf8), key: 1, maker.make) == "styles B")
        #expect(maker.made == 2, "other bytes under the same key are made anew")
        #expect(memo.value(of: Array("styles A".utf8), key: 1, maker.make) == "styles A")
        #expect(memo.value(of: Array("styles B".utf8), key: 2, maker.make) == "styles B")
    }

    @Test func aMakeThatThrowsLeavesNothingBehind() throws {
        struct Refused: Error {}
        let memo = BytesMemo<Int, String>(largest: 64, capacity: 8)
        let bytes = Array("<styleSheet/>".utf8)
        #expect(throws: Refused.self) { try memo.value(of: bytes, key: 7) { _ in throw Refused() } }
        let maker = Maker()
        #expect(memo.value(of: bytes, key: 7, maker.make) == "<styleSheet/>")
        #expect(maker.made == 1, "the failed make was not remembered")
    }

    @Test func bytesLongerThanTheLargestAreMadeEveryTime() {
        let memo = BytesMemo<Int, String>(largest: 4, capacity: 8)
        let maker = Maker()
        for _ in 0..<3 { #expect(memo.value(of: Array("12345".utf8), key: 5, maker.make) == "12345") }
        #expect(maker.made == 3)
        for _ in 0..<3 { #expect(memo.value(of: Array("1234".utf8), key: 4, maker.make) == "1234") }
        #expect(maker.made == 4, "four bytes are kept")
    }

    @Test func aFullMemoStartsAgainEmpty() {
        let memo = BytesMemo<Int, String>(largest: 64, capacity: 2)
        let maker = Maker()
        for key in 0..<3 { _ = memo.value(of: Array("part \(key)".utf8), key: key, maker.make) }
        #expect(maker.made == 3)
        // The third value emptied the memo: it alone is remembered.
        #expect(memo.value(of: Array("part 2".utf8), key: 2, maker.make) == "part 2")
        #expect(maker.made == 3)
        #expect(memo.value(of: Array("part 0".utf8), key: 0, maker.make) == "part 0")
        #expect(maker.made == 4)
    }
}
