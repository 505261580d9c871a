extension SheetError.Code {
    /// The file is in a format huanxin cannot read (an OpenDocument text, ...).
    public static let unsupportedFormat = Self("unsupported-format")
    /// The workbook is password-protected (encrypted OOXML in a compound
    /// file, an `.xls` with `FILEPASS`, an `.ods` with encrypted parts).
    public static let fileEncrypted = Self("file-encrypted")
    /// The file has no bytes at all.
    public static let fileEmpty = Self("file-empty")
    /// The file's name says a workbook format (`.xlsx`, `.xls`, `.ods`, ...)
    /// but its bytes are something else (text, a PDF, ...).
    public static let formatMismatch = Self("format-mismatch")
}

/// Opens any supported spreadsheet file, choosing the reader by the file's
/// content, not its name: department files arrive misnamed often enough
/// (an `.xls` saved as `.xlsx` is read as what it is). Only a name that
/// promises a workbook on bytes that are none of the workbook formats is
/// refused rather than read as CSV.
///
/// `name` is the name the file is known by where `path` does not end in it
/// (a file opened by its bytes as `/dev/fd/N`): its extension is the promise.
public func openWorkbook(
    atPath path: String, named name: String? = nil, limits: ReadLimits = .standard,
    csvEncoding: String? = nil
) throws -> any Workbook {
    let head = try InputFile(path: path, limits: limits)
    guard head.size > 0 else { throw SheetError(.fileEmpty, "the file is empty (0 bytes)", file: path) }
    let magic = try head.bytes(at: 0, count: Int(min(head.size, 512))) ?? []
    if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) || magic.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
        let archive = try ZipArchive(head, limits: limits)
        if let mimetype = archive.entry(named: "mimetype"), mimetype.uncompressedSize < 256 {
            let type = String(decoding: try archive.readEntry("mimetype"), as: UTF8.self)
            // The spreadsheet and its template (`...spreadsheet-template`).
            if type.hasPrefix(ODSWorkbook.mimetype) { return try ODSWorkbook(archive, limits: limits) }
            if type.hasPrefix("application/vnd.oasis.opendocument") {
                throw SheetError(
                    .unsupportedFormat, "an OpenDocument file of type \(type), not a spreadsheet", file: path)
            }
        }
        return try XLSXWorkbook(archive, limits: limits)
    }
    if magic.starts(with: CompoundFile.signature) {
        return try XLSWorkbook(CompoundFile(file: head), limits: limits)
    }
    if startsWithMarkup(magic) {
        return try XML2003Workbook(path: path, limits: limits)
    }
    if let promised = WorkbookExtension(path: name ?? path) {
        throw SheetError(
            .formatMismatch,
            "the file is named .\(promised.rawValue) but holds \(contentDescription(magic)): save it again as a workbook",
            file: path)
    }
    return try CSVWorkbook(path: path, limits: limits, encoding: csvEncoding)
}

/// File names that promise a binary workbook format.
private enum WorkbookExtension: String {
    case xlsx, xlsm, xls, ods

    init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."),
            let value = Self(rawValue: name[name.index(after: dot)...].lowercased())
        else { return nil }
        self = value
    }
}

/// What bytes that are no workbook look like, for the error message.
private func contentDescription(_ bytes: [UInt8]) -> String {
    if bytes.starts(with: Array("%PDF".utf8)) { return "a PDF document" }
    if bytes.starts(with: [0x1F, 0x8B]) { return "gzip-compressed data" }
    if bytes.starts(with: Array("Rar!".utf8)) || bytes.starts(with: [0x37, 0x7A, 0xBC, 0xAF]) {
        return "a RAR or 7-Zip archive"
    }
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) || bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "an image" }
    let controls = bytes.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.count
    return controls == 0 ? "plain text (CSV or similar)" : "binary data of no known spreadsheet format"
}

/// Whether the file opens with `<` after an optional byte-order mark and
/// blank space, in UTF-8 or UTF-16: XML (XML Spreadsheet 2003, or an XML
/// or HTML file that its reader will refuse by name). No CSV starts so.
private func startsWithMarkup(_ bytes: [UInt8]) -> Bool {
    var text = bytes
    if text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
    if text.starts(with: [0xFF, 0xFE]) || text.starts(with: [0xFE, 0xFF]) { text.removeFirst(2) }
    // UTF-16 without or after its mark: drop the NUL halves of ASCII.
    let ascii = text.filter { $0 != 0 }
    let first = ascii.first {
        ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains($0)
    }
    return first == UInt8(ascii: "<")
}
