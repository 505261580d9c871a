extension SheetError.Code {
    /// The package is an OpenDocument file but has no `content.xml`.
    public static let odsMissingContent = Self("ods-missing-content")
}

/// An OpenDocument spreadsheet (`.ods`, as LibreOffice and WPS write it):
/// `content.xml` in a ZIP package, read once at open for the sheet list and
/// streamed again, in constant memory, for each sheet's rows.
public final class ODSWorkbook: Workbook {
    public static let mimetype = "application/vnd.oasis.opendocument.spreadsheet"
    static let contentPart = "content.xml"

    public let path: String
    public let sheets: [SheetInfo]
    private let archive: ZipArchive
    private let limits: ReadLimits

    /// Opens the package at `path` and lists its sheets.
    public convenience init(path: String, limits: ReadLimits = .standard) throws {
        try self.init(ZipArchive(path: path, limits: limits), limits: limits)
    }

    /// The spreadsheet in an open package; refuses encrypted packages (the
    /// manifest names how each part is encrypted).
    init(_ archive: ZipArchive, limits: ReadLimits) throws {
        path = archive.path
        self.archive = archive
        self.limits = limits
        if let manifest = archive.entry(named: "META-INF/manifest.xml"), manifest.uncompressedSize < 1 << 20,
            String(decoding: try archive.readEntry("META-INF/manifest.xml"), as: UTF8.self).contains("encryption-data")
        {
            throw SheetError(
                .fileEncrypted, "the workbook is password-protected: remove the password and submit again", file: path)
        }
        guard archive.entry(named: Self.contentPart) != nil else {
            throw SheetError(.odsMissingContent, "the OpenDocument package has no content.xml", file: path)
        }
        // The sheet list needs only the tables' start tags: their rows are left out unparsed.
        let outline = ODSOutline()
        let parser = Self.parser(of: archive, handler: outline)
        var filter = XML2003TableFilter(elementName: "table")
        try archive.streamEntryInflatingAhead(Self.contentPart) { try filter.feed($0, to: parser) }
        try filter.finish(parser)
        sheets = outline.sheets
    }

    public func readRows(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        let info = try sheet(at: index)
        return try withoutActuallyEscaping(body) { body in
            let reader = ODSTableReader(sheetIndex: index, sheetName: info.name, limits: limits, deliver: body)
            try Self.parse(archive, with: reader)
            return SheetSummary(mergedRanges: reader.mergedRanges, rowCount: reader.rowCount)
        }
    }

    /// Streams `content.xml` through a hardened parser into `handler`.
    private static func parse(_ archive: ZipArchive, with handler: some XMLStreamHandler) throws {
        let parser = parser(of: archive, handler: handler)
        try archive.streamEntryInflatingAhead(contentPart) { try parser.feed($0) }
        try parser.finish()
    }

    private static func parser(of archive: ZipArchive, handler: some XMLStreamHandler) -> XMLStreamParser {
        XMLStreamParser(handler: handler, namespaces: ODSNamespace.namespaces, file: archive.path, part: contentPart)
    }
}
