extension SheetError.Code {
    /// An entry name that is absolute, climbs out with `..`, or uses
    /// control characters to pretend to be another path.
    public static let zipUnsafeEntryName = Self("zip-unsafe-entry-name")
}

/// One file of a ZIP archive, as its central-directory record describes it.
public struct ZipEntry: Sendable, Equatable {
    /// How the entry's bytes are stored.
    public enum Method: UInt16, Sendable {
        case stored = 0
        case deflated = 8
    }

    /// The name, a `/`-separated relative path such as `xl/workbook.xml`
    /// (backslashes of Windows-made archives already turned into `/`).
    public var name: String
    /// The raw compression method; only `Method` values can be read.
    public var method: UInt16
    /// General-purpose flags; bit 0 means encrypted.
    public var flags: UInt16
    public var crc32: UInt32
    public var compressedSize: Int64
    public var uncompressedSize: Int64
    /// Offset of the entry's local header in the archive.
    public var localHeaderOffset: Int64

    public var isEncrypted: Bool { flags & 0x0001 != 0 }
    public var isDirectory: Bool { name.hasSuffix("/") }

    /// The name with Windows separators turned into `/` (some writers use
    /// `xl\\workbook.xml`), refused if it could escape an extraction folder
    /// or disguise itself: absolute paths, drive letters, `..` segments,
    /// control characters. Nothing here extracts to disk, but a package
    /// carrying such a name was made by an attacker, not a spreadsheet program.
    static func normalizedName(_ raw: String) throws -> String {
        func refuse(_ why: String) -> SheetError {
            SheetError(.zipUnsafeEntryName, "entry name '\(raw)' \(why)", part: raw)
        }
        // On the bytes, not as Strings: every entry of every file a night reads comes through here.
        let (slash, dot) = (UInt8(ascii: "/"), UInt8(ascii: "."))
        let bytes = raw.utf8.map { $0 == UInt8(ascii: "\\") ? slash : $0 }
        if bytes.isEmpty { throw refuse("is empty") }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { throw refuse("contains control characters") }
        if bytes[0] == slash { throw refuse("is an absolute path") }
        if bytes.count >= 2, bytes[1] == UInt8(ascii: ":") { throw refuse("starts with a drive letter") }
        let segments = bytes.split(separator: slash, omittingEmptySubsequences: false)
        if segments.contains(where: { $0.count == 2 && $0.allSatisfy { $0 == dot } }) {
            throw refuse("climbs out of the archive with '..'")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
