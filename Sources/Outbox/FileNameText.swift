import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// File names as text. Linux names are bytes; one copied from a Chinese
/// Windows machine is often GBK, not UTF-8, and cannot be a Swift String as
/// it is. Such a name is shown and its receipt named in an escaped form:
/// each byte that is not part of a UTF-8 character as `%XX`, and `%` itself
/// as `%25`, so that the text stands for the bytes and nothing else. The
/// file itself is opened by its bytes.
public enum FileNameText {
    /// `报表.csv` as is; the GBK bytes of `报表.csv` as `%B1%A8%B1%ED.csv`.
    public static func escaped(_ bytes: [UInt8]) -> String {
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

    /// The name read as GB18030 (GBK's superset, what Chinese Windows
    /// writes), when every byte is part of a GB18030 character: what the
    /// sender typed, most likely, for the receipt to show beside the
    /// escaped form. Nil when the bytes are no GB18030 text.
    public static func gb18030Reading(_ bytes: [UInt8]) -> String? {
        guard let converter = iconv_open("UTF-8", "GB18030"), converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: 4 * bytes.count + 4)
        let produced = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target -> Int? in
                var inPointer = source.baseAddress
                var inLeft = source.count
                var outPointer = target.baseAddress
                var outLeft = target.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                    return nil
                }
                return target.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(validating: output[..<produced].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs `body` with a path that opens the file whose path is the bytes
    /// `path` (not UTF-8, so no String can name it): the file is opened by
    /// its bytes and handed on as `/dev/fd/N`, which every reader opens
    /// like any path, for as long as `body` runs. Links are not followed,
    /// as the inbox scan follows none. `shown` names it in errors.
    public static func withOpenPath<T>(bytes path: [UInt8], shown: String, _ body: (String) throws -> T) throws -> T {
        let descriptor = (path.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer {
            open($0.baseAddress!, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard descriptor >= 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO, userInfo: [NSFilePathErrorKey: shown])
        }
        defer { close(descriptor) }
        return try body("/dev/fd/\(descriptor)")
    }
}
