extension SheetError.Code {
    /// The file is in a format huanxin cannot read (ODS, legacy `.xls`, ...).
    public static let unsupportedFormat = Self("unsupported-format")
    /// The workbook is password-protected (encrypted OOXML in a compound file).
    public static let fileEncrypted = Self("file-encrypted")
}

/// Opens any supported spreadsheet file, choosing the reader by the file's
/// content, not its name: department files arrive misnamed often enough.
public func openWorkbook(atPath path: String, limits: ReadLimits = .standard,
                         csvEncoding: String? = nil) throws -> any Workbook {
    let head = try InputFile(path: path, limits: limits)
    let magic = try head.bytes(at: 0, count: Int(min(head.size, 512))) ?? []
    if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) || magic.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
        let archive = try ZipArchive(path: path, limits: limits)
        if let mimetype = archive.entry(named: "mimetype"), mimetype.uncompressedSize < 256,
           String(decoding: try archive.readEntry("mimetype"), as: UTF8.self).hasPrefix("application/vnd.oasis.opendocument") {
            throw SheetError(.unsupportedFormat, "OpenDocument spreadsheets (ODS) are not yet supported: save as .xlsx", file: path)
        }
        return try XLSXWorkbook(path: path, limits: limits)
    }
    if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        throw try compoundFileError(head)
    }
    if startsWithMarkup(magic) {
        return try XML2003Workbook(path: path, limits: limits)
    }
    return try CSVWorkbook(path: path, limits: limits, encoding: csvEncoding)
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
    let first = ascii.first { ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains($0) }
    return first == UInt8(ascii: "<")
}

/// A compound (OLE) file is either a password-protected OOXML workbook,
/// whose directory names an `EncryptionInfo` stream, or a legacy `.xls`.
private func compoundFileError(_ file: InputFile) throws -> SheetError {
    let scanned = Int(min(file.size, 4 << 20))
    let bytes = try file.bytes(at: 0, count: scanned) ?? []
    let marker = Array("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    let encrypted = bytes.count >= marker.count
        && (0...(bytes.count - marker.count)).contains { bytes[$0] == marker[0] && bytes[$0..<$0 + marker.count].elementsEqual(marker) }
    return encrypted
        ? SheetError(.fileEncrypted, "the workbook is password-protected: remove the password and submit again", file: file.path)
        : SheetError(.unsupportedFormat, "legacy Excel 97-2003 (.xls) files are not supported: save as .xlsx", file: file.path)
}
