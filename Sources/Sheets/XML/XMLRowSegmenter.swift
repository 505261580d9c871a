#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The element that holds a sheet's rows (`sheetData`, a `Table`), as its
/// handler saw it start.
struct XMLRowContainer {
    /// The container's name as written (`sheetData`, `x:sheetData`).
    let qualifiedName: [UInt8]
    /// ` xmlns…="…"` declarations in scope at its start tag.
    let namespaceDeclarations: [UInt8]
    /// Whether its end tag is still to come.
    var isOpen = true
}

/// A handler whose rows all sit in one container element, so that the
/// container's content can be cut into pieces at row tags and parsed by
/// other handlers of the same kind (`XMLRowSegmenter`).
protocol RowContainerHandler: XMLStreamHandler {
    /// Set when the container's start tag has been parsed.
    var rowContainer: XMLRowContainer? { get }
    /// Rows delivered, and cells counted against `ReadLimits.maxCells`.
    var rowCount: Int { get }
    var cellCount: Int64 { get }
    /// The number of the last row started, delivered or not (empty rows are not).
    var lastRowNumber: Int { get }
    var mergedRanges: [CellRange] { get }
}

/// What a worker made of one piece of a container.
struct RowSegment {
    var rows = RowBatch()
    var mergedRanges: [CellRange] = []
    var cellCount: Int64 = 0
    /// Rows without a number of their own count from the row before (XML
    /// 2003): until the piece names one, its rows and merged ranges are
    /// numbered from 0 at the piece's start. How many leading rows and
    /// ranges are so numbered, and the relative number they reach.
    var relativeRows = 0, relativeMerges = 0, relativeRowsEnd = 0
    /// The number of the piece's last row, relative if no row of the piece named its number.
    var lastRowNumber = 0, endsRelative = false
    /// The piece did not parse cleanly: the reader starts again sequentially.
    var failed = false

    /// Parses a wrapped piece with the handler `make` returns for the piece's
    /// rows; returns what it made and the handler, for any more it knows.
    /// `PlainXMLScanner` parses it; a piece it leaves to libxml2 is parsed
    /// again from the start, with a new handler.
    static func parsing<Handler: RowContainerHandler>(
        _ piece: [UInt8], namespaces: [(uri: String, index: Int)],
        with make: (@escaping (SheetRow) throws -> Void) -> Handler
    ) -> (RowSegment, Handler) {
        var rows = RowBatch(reservingFor: piece.count)
        var handler = make { rows.append($0) }
        var segment = RowSegment()
        do {
            let scanner = PlainXMLScanner(handler: handler, namespaces: namespaces)
            if try !piece.withUnsafeBytes({ try scanner.parse($0) }) {
                rows = RowBatch(reservingFor: piece.count)
                handler = make { rows.append($0) }
                try XMLStreamParser(handler: handler, namespaces: namespaces).parse(piece)
            }
        } catch {
            segment.failed = true
        }
        segment.rows = rows
        segment.mergedRanges = handler.mergedRanges
        segment.cellCount = handler.cellCount
        segment.lastRowNumber = handler.lastRowNumber
        return (segment, handler)
    }
}

/// Thrown when the parallel reading must hand over to the sequential one,
/// which then skips the rows already delivered.
struct SequentialReadNeeded: Error {
    let rowsDelivered: Int
}

/// Reads a large XML sheet on two cores: the calling thread parses the
/// document around the rows with `parser` (the head up to the first rows,
/// and what follows the container), cuts the container's content into
/// pieces of about a megabyte at row start tags, and workers parse the
/// pieces; their rows are delivered in file order on the calling thread.
///
/// The cutting is a byte search, not a parse. That is safe because any
/// wrong cut shows: a cut inside a comment, CDATA section or processing
/// instruction leaves the piece before it unterminated, which its parser
/// reports. Then, and on any other error or limit in a piece or after the
/// cutting began, this throws `SequentialReadNeeded`, and the caller reads
/// the sheet again sequentially, skipping the rows already delivered: the
/// error is reported exactly as a sequential read reports it, with its
/// line and cell. Documents not in UTF-8 are not cut.
final class XMLRowSegmenter<Handler: RowContainerHandler> {
    private let parser: XMLStreamParser
    private let handler: Handler
    private let rowName: [UInt8]
    private let rowNeedsNumber: Bool
    private let maxCells: Int64
    private let settings: ParallelReading
    private let deliver: (SheetRow) throws -> Void
    private let workers: OrderedWorkers<[UInt8], RowSegment>

    private enum Phase {
        case head
        /// In the container, cutting at the row tags that `tags` finds.
        case cutting(ContainerTags)
        case tail
    }
    private var phase = Phase.head
    private var isInHead: Bool { if case .head = phase { true } else { false } }
    /// The piece being filled: the wrapper's start tag, then container content.
    private var piece: [UInt8] = []
    private var wrapperCount = 0
    /// How far `piece` has been searched for the container's end tag.
    private var endSearchedTo = 0
    /// The last bytes fed in the head phase, for an end tag split between two reads.
    private var headTail: [UInt8] = []
    /// Pieces whose rows were delivered, and their merged ranges (after the handler's).
    private(set) var piecesParsed = 0
    private var pieceMerges: [CellRange] = []
    /// The number of the last row before the next piece to deliver.
    private var lastRowNumber = 0
    /// Rows delivered from the workers' pieces; the handler counts its own.
    private var pieceRows = 0
    private var rowsDelivered: Int { handler.rowCount + pieceRows }
    private var cellCount: Int64 = 0
    private var row = SheetRow()

    /// `rowName` is the rows' local name; with `rowNeedsNumber`, pieces only
    /// start at a row tag that carries an `r` attribute (rows without one
    /// count from the row before). `parseSegment` parses a wrapped piece on a worker.
    init(
        parser: XMLStreamParser, handler: Handler, rowName: StaticString, rowNeedsNumber: Bool,
        limits: ReadLimits, settings: ParallelReading,
        parseSegment: @escaping ([UInt8]) -> RowSegment, deliver: @escaping (SheetRow) throws -> Void
    ) {
        self.parser = parser
        self.handler = handler
        self.rowName = Array(UnsafeBufferPointer(start: rowName.utf8Start, count: rowName.utf8CodeUnitCount))
        self.rowNeedsNumber = rowNeedsNumber
        self.maxCells = limits.maxCells
        self.settings = settings
        self.deliver = deliver
        workers = OrderedWorkers(workers: settings.workers, maxPending: 2 * settings.workers + 2, work: parseSegment)
    }

    deinit {
        workers.shutDown()
    }

    /// Takes the document's next bytes.
    func take(_ bytes: UnsafeRawBufferPointer) throws {
        switch phase {
        case .head:
            var rest = bytes
            while !rest.isEmpty, isInHead {
                let slice = UnsafeRawBufferPointer(rebasing: rest.prefix(settings.headSliceBytes))
                rest = UnsafeRawBufferPointer(rebasing: rest[slice.count...])
                try takeHead(slice)
            }
            if !rest.isEmpty { try take(rest) }
        case .cutting(let tags): try cut(bytes, tags)
        case .tail: try feedParser(bytes)
        }
    }

    /// Ends the document; returns what became known (the handler's merged ranges, then the pieces').
    func finish() throws -> SheetSummary {
        if case .cutting = phase {
            try submitPiece(upTo: piece.count)
            phase = .tail
        }
        while workers.pending > 0 { try deliverPieces(waiting: true) }
        do {
            try parser.finish()
        } catch {
            throw isInHead ? error : SequentialReadNeeded(rowsDelivered: rowsDelivered)
        }
        return SheetSummary(mergedRanges: handler.mergedRanges + pieceMerges, rowCount: rowsDelivered)
    }

    // MARK: Phases

    /// Before the container's rows: the parser takes the bytes up to the
    /// first row tag that may start a piece, then cutting begins.
    private func takeHead(_ bytes: UnsafeRawBufferPointer) throws {
        guard let container = handler.rowContainer, container.isOpen, isUTF8 else { return try feedParser(bytes) }
        let tags = ContainerTags(container, rowName: rowName, rowNeedsNumber: rowNeedsNumber)
        // The end tag may have begun in the bytes before.
        let seam = headTail + bytes.prefix(tags.end.needle.count + 1)
        headTail = Array(bytes.suffix(tags.end.needle.count))
        if seam.withUnsafeBytes({ tags.end.first(in: $0, from: 0) }) != nil {
            return try feedParser(bytes)
        }
        let end = tags.end.first(in: bytes, from: 0) ?? bytes.count
        guard let start = tags.firstPieceStart(in: bytes, from: 0, before: end) else { return try feedParser(bytes) }
        try feedParser(UnsafeRawBufferPointer(rebasing: bytes[..<start]))
        cellCount = handler.cellCount
        lastRowNumber = handler.lastRowNumber
        piece = Array("<_".utf8) + container.namespaceDeclarations + [UInt8(ascii: ">")]
        wrapperCount = piece.count
        phase = .cutting(tags)
        try cut(UnsafeRawBufferPointer(rebasing: bytes[start...]), tags)
    }

    /// In the container: pieces are cut and handed to the workers until the end tag.
    private func cut(_ bytes: UnsafeRawBufferPointer, _ tags: ContainerTags) throws {
        piece.append(contentsOf: bytes)
        let endSearch = max(wrapperCount, endSearchedTo - tags.end.needle.count)
        endSearchedTo = piece.count
        var end = piece.withUnsafeBytes { tags.end.first(in: $0, from: endSearch) }
        var limit = end ?? piece.count
        // Pieces of one to two `pieceBytes`, each ending where the last row tag in its reach begins.
        while limit - wrapperCount >= settings.pieceBytes {
            let reach = min(limit, wrapperCount + 2 * settings.pieceBytes)
            let half = wrapperCount + settings.pieceBytes / 2
            // Rows longer than the reach: the first row tag after it will do.
            guard
                let start = piece.withUnsafeBytes({
                    tags.lastPieceStart(in: $0, from: half, before: reach)
                        ?? tags.firstPieceStart(in: $0, from: half, before: limit)
                })
            else {
                if limit - wrapperCount >= settings.maxPieceBytes {
                    throw SequentialReadNeeded(rowsDelivered: rowsDelivered)
                }
                break
            }
            try submitPiece(upTo: start)
            let shift = start - wrapperCount
            limit -= shift
            end = end.map { $0 - shift }
        }
        if let end {
            let rest = Array(piece[end...])
            try submitPiece(upTo: end)
            piece = []
            phase = .tail
            while workers.pending > 0 { try deliverPieces(waiting: true) }
            try rest.withUnsafeBytes { try feedParser($0) }
        } else {
            try deliverPieces(waiting: false)
        }
    }

    private func feedParser(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            try parser.feed(bytes)
        } catch {
            throw isInHead ? error : SequentialReadNeeded(rowsDelivered: rowsDelivered)
        }
    }

    // MARK: Pieces

    /// Hands `piece[wrapperCount..<end]`, wrapped, to a worker and starts the next piece with the rest.
    private func submitPiece(upTo end: Int) throws {
        guard end > wrapperCount else { return }
        var next = Array(piece[..<wrapperCount])
        next.append(contentsOf: piece[end...])
        piece.removeSubrange(end...)
        piece.append(contentsOf: "</_>".utf8)
        while workers.pending >= workers.maxPending { try deliverPieces(waiting: true) }
        workers.submit(piece)
        piece = next
        endSearchedTo = piece.count
    }

    /// Delivers the rows of the pieces parsed, in order; waits for the oldest when `waiting`.
    private func deliverPieces(waiting: Bool) throws {
        var wait = waiting
        while let segment = workers.next(wait: wait) {
            wait = false
            cellCount += segment.cellCount
            let base = lastRowNumber
            guard !segment.failed, cellCount <= maxCells, base + segment.relativeRowsEnd <= CellReference.maxRow else {
                throw SequentialReadNeeded(rowsDelivered: rowsDelivered)
            }
            try segment.rows.deliver(through: &row, adding: base, toFirst: segment.relativeRows, deliver)
            for (i, range) in segment.mergedRanges.enumerated() {
                pieceMerges.append(i < segment.relativeMerges ? range.movedDown(by: base) : range)
            }
            lastRowNumber = segment.endsRelative ? base + segment.lastRowNumber : segment.lastRowNumber
            pieceRows += segment.rows.count
            piecesParsed += 1
        }
    }

    private var isUTF8: Bool { parser.readsUTF8 }
}

/// The tags a container's content is cut at: its rows' start tags (under
/// the container's prefix) and its own end tag, found by their bytes.
private struct ContainerTags {
    let end: TagFinder
    let row: TagFinder
    /// Pieces only start at a row tag with an `r` attribute (XLSX rows without one count from the row before).
    let rowNeedsNumber: Bool

    init(_ container: XMLRowContainer, rowName: [UInt8], rowNeedsNumber: Bool) {
        end = TagFinder(Array("</".utf8) + container.qualifiedName)
        let prefixEnd = container.qualifiedName.firstIndex(of: UInt8(ascii: ":")).map { $0 + 1 } ?? 0
        row = TagFinder([UInt8(ascii: "<")] + container.qualifiedName[..<prefixEnd] + rowName)
        self.rowNeedsNumber = rowNeedsNumber
    }

    /// Whether the row tag at `start` may start a piece: its whole tag is in
    /// `bytes` before `end`, and it carries an `r` attribute if asked.
    private func mayStartPiece(_ bytes: UnsafeRawBufferPointer, at start: Int, before end: Int) -> (Bool, tagEnd: Int?)
    {
        let attributes = start + row.needle.count
        guard let tagEnd = TagFinder.tagEnd(in: bytes, from: attributes, before: end) else { return (false, nil) }
        return (!rowNeedsNumber || TagFinder.hasAttribute(UInt8(ascii: "r"), in: bytes, attributes, tagEnd), tagEnd)
    }

    /// The first row tag at or after `from` and before `end` that may start a piece.
    func firstPieceStart(in bytes: UnsafeRawBufferPointer, from: Int, before end: Int) -> Int? {
        let bounded = UnsafeRawBufferPointer(rebasing: bytes[..<end])
        var position = from
        while let found = row.first(in: bounded, from: position) {
            let (may, tagEnd) = mayStartPiece(bytes, at: found, before: end)
            if may { return found }
            guard let tagEnd else { return nil }
            position = tagEnd
        }
        return nil
    }

    /// The last row tag at or after `lower` and before `end` that may start
    /// a piece: cutting there leaves the next piece only a row's bytes to copy.
    func lastPieceStart(in bytes: UnsafeRawBufferPointer, from lower: Int, before end: Int) -> Int? {
        var bound = end
        while let found = row.last(in: bytes, from: lower, before: bound) {
            if mayStartPiece(bytes, at: found, before: end).0 { return found }
            bound = found + row.needle.count
        }
        return nil
    }
}

extension CellRange {
    /// The range `rows` further down, its last row kept on the sheet as the readers keep it.
    fileprivate func movedDown(by rows: Int) -> CellRange {
        CellRange(
            first: CellReference(row: first.row + rows, column: first.column),
            last: CellReference(row: min(last.row + rows, CellReference.maxRow), column: last.column))
    }
}
