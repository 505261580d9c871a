extension SheetError.Code {
    /// The package is an OpenDocument file but has no `content.xml`.
    public static let odsMissingContent = Self("ods-missing-content")
}

/// An OpenDocument spreadsheet (`.ods`, as LibreOffice and WPS write it):
/// `content.xml` in a ZIP package, streamed in constant memory for each
/// sheet's rows.
///
/// The sheet list takes a pass over all of `content.xml` (its tables follow
/// one another), as long as a read, so it is made only when asked for:
/// reading a sheet by its index needs no list. Opening checks the package
/// and the prolog of `content.xml` (a DOCTYPE is refused at once).
///
/// Not thread-safe; open one per thread.
public final class ODSWorkbook: Workbook {
    public static let mimetype = "application/vnd.oasis.opendocument.spreadsheet"
    static let contentPart = "content.xml"

    public let path: String
    private let archive: ZipArchive
    private let limits: ReadLimits
    private let parallel: ParallelReading
    private var listedSheets: [SheetInfo]?

    /// Opens the package at `path`.
    public convenience init(path: String, limits: ReadLimits = .standard) throws {
        try self.init(ZipArchive(path: path, limits: limits), limits: limits)
    }

    /// The spreadsheet in an open package; refuses encrypted packages (the
    /// manifest names how each part is encrypted).
    init(_ archive: ZipArchive, limits: ReadLimits, parallel: ParallelReading = .standard) throws {
        path = archive.path
        self.archive = archive
        self.limits = limits
        self.parallel = parallel
        if let manifest = archive.entry(named: "META-INF/manifest.xml"), manifest.uncompressedSize < 1 << 20,
            String(decoding: try archive.readEntry("META-INF/manifest.xml"), as: UTF8.self).contains("encryption-data")
        {
            throw SheetError(
                .fileEncrypted, "the workbook is password-protected: remove the password and submit again", file: path)
        }
        guard archive.entry(named: Self.contentPart) != nil else {
            throw SheetError(.odsMissingContent, "the OpenDocument package has no content.xml", file: path)
        }
        try checkProlog()
    }

    /// The sheets, listed by one pass over `content.xml` on first use; the
    /// tables' rows are left out unparsed.
    public var sheets: [SheetInfo] {
        get throws {
            if let listedSheets { return listedSheets }
            let outline = ODSOutline()
            let parser = parser(handler: outline)
            var filter = XML2003TableFilter(elementName: "table")
            try archive.streamEntryInflatingAhead(Self.contentPart) { try filter.feed($0, to: parser) }
            try filter.finish(parser)
            listedSheets = outline.sheets
            return outline.sheets
        }
    }

    public func readRows(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        try readCountingPieces(ofSheet: index, body).summary
    }

    /// Reads a sheet as `readRows` does; also says how many pieces workers parsed (0: none).
    func readCountingPieces(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> (
        summary: SheetSummary, pieces: Int
    ) {
        let knownName = try listedSheets.map { _ in try sheet(at: index).name }
        let limits = limits
        func reader(isPiece: Bool = false, _ deliver: @escaping (SheetRow) throws -> Void) -> ODSTableReader {
            ODSTableReader(sheetIndex: index, sheetName: knownName, limits: limits, isPiece: isPiece, deliver: deliver)
        }
        return try withoutActuallyEscaping(body) { body in
            let (summary, pieces, reader) = try parallel.read(
                size: archive.entry(named: Self.contentPart)?.uncompressedSize ?? 0,
                inPieces: { try readInPieces(reader, body) },
                sequentially: { body in
                    let sequential = try archive.parseXML(
                        Self.contentPart, namespaces: ODSNamespace.namespaces, rows: { reader($0) }, body)
                    return (sequential.summary, 0, sequential)
                },
                body: body)
            guard reader.tablesSeen > index else {
                throw SheetError.noSheet(index, of: reader.tablesSeen, file: path)
            }
            return (summary, pieces)
        }
    }

    /// Reads a large `content.xml` on two cores (`XMLRowSegmenter`): inflated
    /// on one thread, the sheet's rows cut into pieces parsed by two workers.
    private func readInPieces(
        _ reader: @escaping (Bool, @escaping (SheetRow) throws -> Void) -> ODSTableReader,
        _ body: @escaping (SheetRow) throws -> Void
    ) throws -> (SheetSummary, Int, ODSTableReader) {
        let handler = reader(false, body)
        let segmenter = XMLRowSegmenter(
            parser: parser(handler: handler), handler: handler, rowName: "table-row", rowNeedsNumber: false,
            limits: limits, settings: parallel,
            parseSegment: { piece in
                var (segment, reader) = RowSegment.parsing(piece, namespaces: ODSNamespace.namespaces) {
                    reader(true, $0)
                }
                // Every row of a piece counts from its start.
                (segment.relativeRows, segment.relativeMerges) = (reader.rowCount, reader.mergedRanges.count)
                (segment.relativeRowsEnd, segment.endsRelative) = (reader.lastDeliveredRow, true)
                return segment
            },
            deliver: body)
        try archive.streamEntryInflatingAhead(Self.contentPart) { try segmenter.take($0) }
        return (try segmenter.finish(), segmenter.piecesParsed, handler)
    }

    /// Parses `content.xml` up to its root's start tag: its encoding and prolog (no DOCTYPE).
    private func checkProlog() throws {
        struct PrologRead: Error {}
        let parser = parser(handler: RootFinder())
        do {
            try archive.streamEntry(Self.contentPart) { chunk in
                try parser.feed(chunk)
                if parser.isStopped { throw PrologRead() }
            }
            try parser.finish()
        } catch is PrologRead {}
    }

    /// A hardened parser of `content.xml` that streams into `handler`.
    private func parser(handler: some XMLStreamHandler) -> XMLStreamParser {
        XMLStreamParser(handler: handler, namespaces: ODSNamespace.namespaces, file: path, part: Self.contentPart)
    }
}

/// Stops a parse at the root element's start tag.
private final class RootFinder: XMLStreamHandler {
    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws { throw XMLStreamParser.Done() }
    func endElement(_ name: XMLName) throws {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
}

extension ODSTableReader {
    /// What the read found out at the end.
    fileprivate var summary: SheetSummary { SheetSummary(mergedRanges: mergedRanges, rowCount: rowCount) }
}
