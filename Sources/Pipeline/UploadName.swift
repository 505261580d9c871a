import Foundation

/// The name an uploaded file is kept under in its submitter's folder, made
/// from the name the browser sent: the client's name never becomes a path.
///
/// Only the last component is kept (browsers on Windows may send
/// `C:\fakepath\…`); control characters and characters Windows or shells
/// trip on are dropped; leading dots and spaces go (no hidden files), and
/// the name is cut to `maximumBytes` of UTF-8, keeping its extension, so
/// that the receipts' longer names still fit in a file system's 255 bytes.
/// A name the inbox scan would pass over (`~$…`, `*.tmp`, `*.part`) or
/// that is empty once cleaned is refused.
public enum UploadName {
    public static let maximumBytes = 180

    public struct Refused: Error, Equatable, CustomStringConvertible {
        public var name: String
        public var description: String { "文件名不可用，请改名后重新上传 File name not usable: \(name.debugDescription)" }
    }

    public static func sanitised(_ raw: String) throws(Refused) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let forbidden = Set("<>:\"|?*")
        var name = String(
            String.UnicodeScalarView(
                last.precomposedStringWithCanonicalMapping.unicodeScalars.filter {
                    !($0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.properties.generalCategory == .format
                        || $0.properties.generalCategory == .lineSeparator
                        || $0.properties.generalCategory == .paragraphSeparator
                        || forbidden.contains(Character($0)))
                }))
        name = name.trimmingCharacters(in: .whitespaces)
        // An Office owner file (`~$…`) is no report: refused, not renamed.
        guard !name.hasPrefix("~$") else { throw Refused(name: raw) }
        name = String(name.drop(while: { $0 == "." || $0 == " " }))
        while let last = name.last, last == " " || last == "." { name.removeLast() }
        name = cut(name)
        guard !name.isEmpty, !InboxScanner.isIgnored(fileName: name) else { throw Refused(name: raw) }
        return name
    }

    /// The name cut to `maximumBytes`, shortening the part before the extension
    /// (an "extension" over 16 bytes is not one), by whole characters.
    private static func cut(_ name: String) -> String {
        guard name.utf8.count > maximumBytes else { return name }
        let dot = name.lastIndex(of: ".")
        var ext = dot.map { String(name[$0...]) } ?? ""
        if ext.utf8.count > 16 { ext = "" }
        var stem = ext.isEmpty ? name : String(name[..<dot!])
        while stem.utf8.count + ext.utf8.count > maximumBytes { stem.removeLast() }
        return stem + ext
    }
}
