/// Texts kept once each and named by a small number: the regions,
/// indicators, units and sheets a file's million rows repeat.
struct TextPool: Sendable {
    private var texts: [String] = []
    private var index: [String: Int32] = [:]

    /// The number of `text`, added if new.
    mutating func number(of text: String) -> Int32 {
        if let number = index[text] { return number }
        let number = Int32(texts.count)
        texts.append(text)
        index[text] = number
        return number
    }

    /// The number of `text`, nil when it is not kept.
    func existingNumber(of text: String) -> Int32? { index[text] }

    /// The number of `text`, or −1 for nil.
    mutating func number(of text: String?) -> Int32 { text.map { number(of: $0) } ?? -1 }

    subscript(number: Int32) -> String { texts[Int(number)] }

    /// The text numbered `number`, nil for −1.
    func text(_ number: Int32) -> String? { number < 0 ? nil : texts[Int(number)] }
}
