extension SheetError.Code {
    /// One record is larger than the reader's buffer may grow.
    public static let csvRecordTooLong = Self("csv-record-too-long")
}

/// A CSV file read as a one-sheet workbook, named after the file.
///
/// Reading streams the file through a buffer of 256 KiB (grown only for a
/// record longer than that): the encoding is detected (or given), the text
/// decoded to UTF-8, the delimiter sniffed, and the records parsed in
/// place. Files of `decodeAheadFloor` bytes or more are read and decoded on
/// a second thread (`DecodingAhead`) while the calling thread parses them
/// and receives the rows. Every field is a text cell: CSV has no types,
/// `001` stays `001`.
public struct CSVWorkbook: Workbook {
    public let path: String
    public let limits: ReadLimits
    /// The encoding the caller named; nil to detect it.
    public let encoding: TextEncoding?
    public let sheets: [SheetInfo]

    /// Longest record read: one longer is refused, not buffered on.
    static let defaultMaxRecordBytes = 64 << 20
    /// Files smaller than this are not worth a second thread.
    static let defaultDecodeAheadFloor: Int64 = 1 << 20
    /// This workbook's: tests lower them to reach the limit with small files
    /// and to read small files on a second thread as well.
    var maxRecordBytes = defaultMaxRecordBytes
    var decodeAheadFloor = defaultDecodeAheadFloor

    /// Opens the CSV file at `path`, checking that it can be read; `encoding`
    /// names its encoding (`gb18030`, `utf-16le`, `latin1`, ...) instead of detecting it.
    public init(path: String, limits: ReadLimits = .standard, encoding: String? = nil) throws {
        _ = try InputFile(path: path, limits: limits)
        self.path = path
        self.limits = limits
        self.encoding = encoding.map(TextEncoding.init(name:))
        sheets = [SheetInfo(name: Self.sheetName(path), index: 0)]
    }

    public func readRows(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        _ = try sheet(at: index)
        let summary = try readRecords(body)
        return SheetSummary(rowCount: summary.rowCount)
    }

    /// Streams the records with a value, as `readRows` does, and returns
    /// what the reading found: encoding, delimiter, counts, ragged records.
    public func readRecords(_ body: (SheetRow) throws -> Void) throws -> CSVSummary {
        let file = try InputFile(path: path, limits: limits)
        let decoder = try openDecoder(file)
        guard file.size >= decodeAheadFloor else { return try readRecords(from: decoder, body) }
        let ahead = DecodingAhead(decoder)
        defer { ahead.stop() }
        return try readRecords(from: ahead, body)
    }

    /// Parses the text of `source` chunk by chunk, where it lies.
    private func readRecords(from source: some UTF8TextSource, _ body: (SheetRow) throws -> Void) throws -> CSVSummary {
        var carried: [UInt8] = []
        var parser: CSVParser?
        var row = SheetRow()
        var delivered = 0
        let deliver = { (row: SheetRow) in
            delivered += 1
            try body(row)
        }
        while true {
            let chunk: UnsafeRawBufferPointer?
            do {
                chunk = try source.next()
            } catch var error as SheetError {
                // Every byte before the bad one has been parsed but the carried record: name its line.
                error.line = (parser?.line ?? 1) + carried.withUnsafeBytes { CSVParser.lineBreaks(in: $0) }
                throw error
            }
            let isFinal = chunk == nil || source.isExhausted
            var text = chunk ?? UnsafeRawBufferPointer(start: nil, count: 0)
            if parser == nil {
                // a byte-order mark the decoding kept
                if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = UnsafeRawBufferPointer(rebasing: text[3...]) }
                let choice = DelimiterSniffer.sniff(text, isWholeText: isFinal)
                var created = CSVParser(delimiter: choice.delimiter, limits: limits, file: path)
                if choice.directiveLength > 0 {
                    text = UnsafeRawBufferPointer(rebasing: text[choice.directiveLength...])
                    created.skipLines(1)
                }
                parser = created
            }
            try parse(text, after: &carried, isFinal: isFinal, parser: &parser!, row: &row, deliver)
            if isFinal { break }
        }
        return CSVSummary(
            encoding: source.encoding, delimiter: String(decoding: parser!.delimiter, as: UTF8.self),
            recordCount: parser!.recordCount, rowCount: delivered,
            raggedRecordCount: parser!.raggedRecordCount, firstRaggedLine: parser!.firstRaggedLine)
    }

    /// Parses `text`, the chunk that follows the `carried` start of a record
    /// cut by the previous chunk's end, and leaves in `carried` the start of
    /// the record this chunk's end cuts.
    ///
    /// Records are parsed where they lie; only the cut ones are copied. The
    /// carried record is completed by copying the chunk after it in pieces
    /// of growing size until it ends; parsing then goes on in the chunk.
    private func parse(
        _ text: UnsafeRawBufferPointer, after carried: inout [UInt8], isFinal: Bool, parser: inout CSVParser,
        row: inout SheetRow, _ deliver: (SheetRow) throws -> Void
    ) throws {
        var resume = 0
        if !carried.isEmpty {
            var taken = 0
            var piece = Self.firstCarriedPiece
            while true {
                // At least as much as is carried, so that parsing the carry again costs linear time.
                let next = min(text.count, taken + min(max(piece, carried.count), maxRecordBytes - carried.count))
                if next == taken, taken < text.count { throw recordTooLong(line: parser.line) }
                carried.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[taken..<next]))
                taken = next
                let used = try carried.withUnsafeBytes { bytes in
                    try parser.parse(bytes, isFinal: isFinal && taken == text.count, row: &row, deliver)
                }
                // The carry ends with the chunk's first `taken` bytes.
                let chunkStart = carried.count - taken
                if used >= chunkStart {
                    resume = used - chunkStart
                    carried.removeAll(keepingCapacity: true)
                    break
                }
                carried.removeFirst(used)
                if taken == text.count { return }
                piece *= 2
            }
        }
        let rest = UnsafeRawBufferPointer(rebasing: text[resume...])
        let used = try parser.parse(rest, isFinal: isFinal, row: &row, deliver)
        if rest.count - used > maxRecordBytes { throw recordTooLong(line: parser.line) }
        carried.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[used...]))
    }

    private func recordTooLong(line: Int) -> SheetError {
        SheetError(.csvRecordTooLong, "a record is longer than \(maxRecordBytes) bytes", file: path, line: line)
    }

    /// The first piece of a chunk copied after a carried record: most records are short.
    private static let firstCarriedPiece = 4 << 10

    /// Reads the first chunk, detects the encoding unless one was given, and
    /// returns a decoder positioned after any byte-order mark.
    private func openDecoder(_ file: InputFile) throws -> CharsetDecoder {
        var sample = [UInt8](repeating: 0, count: CharsetDecoder.chunkSize)
        let count = try sample.withUnsafeMutableBytes { buffer in try file.readFully(into: buffer) }
        sample.removeLast(sample.count - count)
        if let encoding {
            return try CharsetDecoder(file: file, encoding: encoding, sample: sample, skip: 0)
        }
        let detection = try sample.withUnsafeBytes { bytes in
            try TextEncodingDetector.detect(bytes, isWholeFile: count < CharsetDecoder.chunkSize, file: path)
        }
        return try CharsetDecoder(file: file, encoding: detection.encoding, sample: sample, skip: detection.bomLength)
    }

    /// The file's name without directory and extension.
    static func sheetName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}

/// What reading a CSV file found besides its rows.
public struct CSVSummary: Sendable, Equatable {
    public var encoding: TextEncoding
    /// The delimiter used, sniffed or named by a `sep=` line.
    public var delimiter: String
    /// Records read, empty ones included (the last record's number).
    public var recordCount: Int
    /// Records delivered: those with at least one non-empty field.
    public var rowCount: Int
    /// Records with a value whose field count differs from the first such record's.
    public var raggedRecordCount: Int
    /// The line of the first of them.
    public var firstRaggedLine: Int?
}
