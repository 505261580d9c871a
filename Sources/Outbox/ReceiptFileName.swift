/// A receipt's file name from the inbox file's: `<file><suffix>`, shortened
/// when that would pass `maxBytes` (a 254-byte name plus `.回执.xlsx` would
/// pass the 255 bytes of a Linux file name), to the name's first bytes, `~` and 16 hex
/// digits of a hash of the whole name: the same name always gives the same
/// receipt name, and two long names alike in their first 200-odd bytes do not
/// meet. The receipt's own content keeps the full name.
enum ReceiptFileName {
    /// 255 less the room of the temporary name it is written under
    /// (`.<name>.<pid>.tmp`, `AtomicFile`).
    static let maxBytes = 240

    static func name(for fileName: String, suffix: String) -> String {
        guard fileName.utf8.count + suffix.utf8.count > maxBytes else { return fileName + suffix }
        let hash = "~" + fnv1a64Hex(fileName)
        let room = maxBytes - suffix.utf8.count - hash.utf8.count
        var kept = ""
        var bytes = 0
        for character in fileName {
            bytes += character.utf8.count
            guard bytes <= room else { break }
            kept.append(character)
        }
        return kept + hash + suffix
    }

    /// FNV-1a, 64 bits: deterministic across runs and machines, as Swift's `Hasher` is not.
    private static func fnv1a64Hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
