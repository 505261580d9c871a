/// A character encoding of a text file, as the CSV reader decodes it.
public enum TextEncoding: Equatable, Sendable, CustomStringConvertible {
    case utf8
    case utf16LE
    case utf16BE
    case utf32LE
    case utf32BE
    /// GB18030, which contains GBK and GB2312: what Excel and WPS write on
    /// Chinese Windows.
    case gb18030
    /// Any other encoding glibc's iconv knows, by its iconv name
    /// (`ISO-8859-1`, `WINDOWS-1252`).
    case other(String)

    /// The encoding a user names, e.g. on `--encoding`: case and punctuation
    /// do not matter, `gbk` and `gb2312` mean GB18030, `latin1` means
    /// ISO-8859-1; names not listed here go to iconv as they are.
    public init(name: String) {
        let key = String(name.lowercased().filter { $0.isLetter || $0.isNumber })
        switch key {
        case "utf8": self = .utf8
        case "utf16le": self = .utf16LE
        case "utf16be": self = .utf16BE
        case "utf32le": self = .utf32LE
        case "utf32be": self = .utf32BE
        case "gb18030", "gbk", "gb2312", "cp936", "euccn": self = .gb18030
        case "latin1", "iso88591", "l1": self = .other("ISO-8859-1")
        case "windows1252", "cp1252": self = .other("WINDOWS-1252")
        default: self = .other(name)
        }
    }

    /// The name glibc's iconv knows the encoding by.
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .utf32LE: "UTF-32LE"
        case .utf32BE: "UTF-32BE"
        case .gb18030: "GB18030"
        case .other(let name): name
        }
    }

    public var description: String { iconvName }
}

extension SheetError.Code {
    /// The bytes are not text in the file's encoding (detected or given).
    public static let encodingError = Self("encoding-error")
    /// iconv does not know the encoding the caller named.
    public static let encodingUnknown = Self("encoding-unknown")
}
