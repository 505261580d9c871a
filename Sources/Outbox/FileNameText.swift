/// File names as text. Linux names are bytes; one copied from a Chinese
/// Windows machine is often GBK, not UTF-8, and cannot be a Swift String as
/// it is. Such a name is shown and its receipt named in an escaped form:
/// each byte that is not part of a UTF-8 character as `%XX`, and `%` itself
/// as `%25`, so that the text
/// stands for the bytes and nothing else.
enum FileNameText {
    /// `报表.csv` as is; the GBK bytes of `报表.csv` as `%B1%A8%B1%ED.csv`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length =
                lead < 0x80
                ? 1
                : (0xC2...0xDF).contains(lead)
                    ? 2
                    : (0xE0...0xEF).contains(lead)
                        ? 3
                        : (0xF0...0xF4).contains(lead) ? 4 : 0
            if length > 0, index + length <= bytes.count,
                let character = String(validating: bytes[index..<index + length], as: UTF8.self)
            {
                text += character == "%" ? "%25" : character
                index += length
            } else {
                text +=
                    "%" + String(lead >> 4, radix: 16, uppercase: true) + String(lead & 0xF, radix: 16, uppercase: true)
                index += 1
            }
        }
        return text
    }
}
