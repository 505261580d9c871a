extension SheetError.Code {
    /// One record is larger than the reader's buffer may grow.
    public static let csvRecordTooLong = Self("csv-record-too-long")
}

/// A CSV file read as a one-sheet workbook, named after the file.
///
/// Reading streams the file through a buffer of 256 KiB (grown only for a
/// record longer than that): the encoding is detected (or given), the text
/// decoded to UTF-8, the delimiter sniffed, and the records parsed in
/// place. Every field is a text cell: CSV has no types, `001` stays `001`.
public struct CSVWorkbook: Workbook {
    public let path: String
    public let limits: ReadLimits
    /// The encoding the caller named; nil to detect it.
    public let encoding: TextEncoding?
    public let sheets: [SheetInfo]

    /// Largest buffer one record may need.
    static let maxRecordBytes = 64 << 20

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

        var capacity = CharsetDecoder.chunkSize
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        var start = 0, end = 0
        var atEnd = false
        var parser: CSVParser?
        var row = SheetRow()
        var delivered = 0

        while true {
            if capacity - end < capacity / 2, start > 0 {
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: end - start)
                end -= start
                start = 0
            }
            if capacity - end < 16 {
                guard capacity < Self.maxRecordBytes else {
                    throw SheetError(.csvRecordTooLong, "a record is longer than \(Self.maxRecordBytes) bytes",
                                     file: path, line: parser?.line)
                }
                capacity *= 2
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 8)
                larger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
                buffer.deallocate()
                buffer = larger
            }
            do {
                let produced = try decoder.decode(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
                end += produced
                atEnd = produced == 0 || decoder.isExhausted
            } catch var error as SheetError {
                // Everything before the bad byte is in the buffer from `start`: name its line.
                let pending = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
                error.line = (parser?.line ?? 1) + CSVParser.lineBreaks(in: pending)
                throw error
            }
            if parser == nil {
                let text = UnsafeRawBufferPointer(rebasing: buffer[..<end])
                if text.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }  // a mark the decoding kept
                let choice = DelimiterSniffer.sniff(UnsafeRawBufferPointer(rebasing: text[start...]), isWholeText: atEnd)
                var created = CSVParser(delimiter: choice.delimiter, limits: limits, file: path)
                if choice.directiveLength > 0 {
                    start += choice.directiveLength
                    created.skipLines(1)
                }
                parser = created
            }
            start += try parser!.parse(UnsafeRawBufferPointer(rebasing: buffer[start..<end]), isFinal: atEnd, row: &row) {
                delivered += 1
                try body($0)
            }
            if atEnd { break }
        }
        return CSVSummary(
            encoding: decoder.encoding, delimiter: String(decoding: parser!.delimiter, as: UTF8.self),
            recordCount: parser!.recordCount, rowCount: delivered,
            raggedRecordCount: parser!.raggedRecordCount, firstRaggedLine: parser!.firstRaggedLine)
    }

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
