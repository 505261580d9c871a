import Testing

@testable import Intake

/// `TextMemo` answers for exactly the bytes it was told, whatever their
/// length: it hashes and compares them eight bytes at a time.
@Suite struct TextMemoTests {
    private func value(_ memo: TextMemo<Int>, _ text: String) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { memo.value(for: $0) }
    }

    private func remember(_ memo: inout TextMemo<Int>, _ value: Int, _ text: String) {
        Array(text.utf8).withUnsafeBufferPointer { memo.remember(value, for: $0) }
    }

    @Test func aTextIsFoundByItsExactBytesOnly() {
        var memo = TextMemo<Int>()
        // Every length from 0 to 40, sharing their first bytes: words and tails alike must tell them apart.
        let texts = (0...40).map { String(repeating: "3", count: $0) } + ["370829001", "370829002", "辆", "万辆"]
        for (number, text) in texts.enumerated() { remember(&memo, number, text) }
        for (number, text) in texts.enumerated() { #expect(value(memo, text) == number, "\(text)") }
        // One byte changed: in the first word, in a later word, in the tail.
        for text in ["4333333333", "3333333343", "33333333333333334", "370829003", "370829000", "万", "辆辆"] {
            #expect(value(memo, text) == nil, "\(text)")
        }
        #expect(memo.count == texts.count)
    }

    @Test func theFirstValueStaysAndTheCapacityBoundsIt() {
        var memo = TextMemo<Int>(capacity: 100)
        remember(&memo, 1, "370829")
        remember(&memo, 2, "370829")
        #expect(value(memo, "370829") == 1)
        for number in 0..<1_000 { remember(&memo, number, "note \(number)") }
        #expect(memo.count == 100)
        #expect(value(memo, "note 98") == 98 && value(memo, "note 99") == nil)
    }
}
