#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SheetError.Code {
    /// A quoted field is still open at the end of the file.
    public static let csvUnterminatedQuote = Self("csv-unterminated-quote")
}

/// Splits UTF-8 text into CSV records: RFC 4180 plus what real files do.
///
/// Records end at CRLF, LF or CR; quoted fields may hold delimiters, line
/// breaks and doubled quotes; a quote inside an unquoted field is an
/// ordinary character, and text after a closing quote is kept (as Excel
/// does). Every field becomes a text cell at its absolute column; empty
/// fields are skipped. The parser works in place on the caller's buffer and
/// only delivers complete records, so the caller can refill the buffer
/// behind it; state between calls is just the record and line counters.
struct CSVParser {
    /// The delimiter's UTF-8 bytes: one byte, or three for the full-width comma.
    let delimiter: [UInt8]
    let limits: ReadLimits
    let file: String
    /// The delimiter as the scanning uses it, without an array access per field.
    private let delimiterBytes: DelimiterBytes

    /// Records completed so far, empty ones included.
    private(set) var recordCount = 0
    /// Physical line where the next record starts.
    private(set) var line = 1
    /// Non-empty cells of the records completed so far.
    private(set) var cellCount: Int64 = 0
    /// Field count of the first record with a value, which others are compared with.
    private(set) var expectedFieldCount: Int?
    /// Records whose field count differs from the first's.
    private(set) var raggedRecordCount = 0
    /// Line of the first such record.
    private(set) var firstRaggedLine: Int?
    /// Fields of the current record that are not a span of the input, one after another.
    private var rebuilt: [UInt8] = []
    /// The current record's cells, handed to the row in one copy at its end.
    private var cells = CellStorage(capacity: 64)

    init(delimiter: [UInt8], limits: ReadLimits, file: String) {
        precondition((1...4).contains(delimiter.count), "a delimiter is one UTF-8 character")
        self.delimiter = delimiter
        delimiterBytes = DelimiterBytes(delimiter)
        self.limits = limits
        self.file = file
    }

    /// Starts counting lines at `line`, e.g. after a `sep=` line.
    mutating func skipLines(_ count: Int) { line += count }

    /// Parses the complete records at the start of `text`, delivering
    /// those with a value to `body` in `row`, and returns where the first
    /// incomplete record starts. When `isFinal` (the end of the file), the
    /// last record needs no line break and an open quote is an error.
    mutating func parse(
        _ text: UnsafeRawBufferPointer, isFinal: Bool, row: inout SheetRow,
        _ body: (SheetRow) throws -> Void
    ) throws -> Int {
        guard let base = text.baseAddress else { return 0 }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let n = text.count
        var position = 0
        while position < n {
            guard let end = try parseRecord(p, from: position, count: n, isFinal: isFinal, into: &row) else {
                return position
            }
            recordCount += 1
            if !row.cells.isEmpty {
                try body(row)
            }
            line += end.lines
            position = end.offset
        }
        return n
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// One field's text: a span of the record (offsets from its start), or
    /// of `rebuilt` when `isRebuilt`; `end` is the delimiter or line break after it.
    private struct Field {
        var end: Int
        var textStart: Int
        var textCount: Int
        var isRebuilt = false
    }

    /// Parses one record at `start` into `row`; returns the offset after
    /// it and the line breaks it spans, or nil when it is incomplete.
    ///
    /// Most fields are a span of the input as it stands (unquoted, or quoted
    /// without doubled quotes), so the record's bytes are copied into the row
    /// once, at its end, and such cells point into that copy; the few fields
    /// that must be rebuilt (doubled quotes, text after a closing quote) are
    /// assembled in `rebuilt` and appended after it. The limits are read into
    /// locals once per record: this loop runs for every field of the file.
    private mutating func parseRecord(
        _ p: UnsafePointer<UInt8>, from start: Int, count n: Int, isFinal: Bool,
        into row: inout SheetRow
    ) throws -> (offset: Int, lines: Int)? {
        let delimiter = delimiterBytes
        let maxColumns = limits.maxColumns
        let maxCellBytes = limits.maxCellBytes
        // Cells this record may add before the sheet's limit is passed.
        let cellBudget = limits.maxCells - cellCount
        if !rebuilt.isEmpty { rebuilt.removeAll(keepingCapacity: true) }
        var cellBase = cells.base
        var cellCapacity = cells.capacity
        var cellsFound = 0
        var i = start
        var column = 0
        var lines = 0
        while true {
            column &+= 1
            if column > maxColumns {
                throw error(.tooManyColumns, "more than \(maxColumns) fields in the record", line: line)
            }
            let field: Field
            if i < n, p[i] == Self.quote {
                guard
                    let quoted = try quotedField(
                        p, at: i, recordStart: start, count: n, isFinal: isFinal, lines: &lines)
                else {
                    return nil
                }
                field = quoted
            } else {
                guard let end = Self.fieldEnd(p, from: i, count: n, isFinal: isFinal, delimiter: delimiter) else {
                    if n - i > maxCellBytes { throw cellTooLong(line: line + lines) }
                    return nil
                }
                field = Field(end: end, textStart: i &- start, textCount: end &- i)
            }
            if field.textCount > 0 {
                if field.textCount > maxCellBytes { throw cellTooLong(line: line + lines) }
                if Int64(cellsFound) == cellBudget {
                    throw error(.tooManyCells, "more than \(limits.maxCells) cells", line: line + lines)
                }
                if cellsFound == cellCapacity {
                    cells = CellStorage(capacity: 2 * cellCapacity, copying: cells)
                    cellBase = cells.base
                    cellCapacity = cells.capacity
                }
                // A rebuilt field's start is marked negative until the record's bytes are in place.
                (cellBase + cellsFound).initialize(
                    to: SheetCell(
                        column: column, kind: .text,
                        textStart: Int32(truncatingIfNeeded: field.isRebuilt ? ~field.textStart : field.textStart),
                        textCount: Int32(truncatingIfNeeded: field.textCount)))
                cellsFound &+= 1
            }
            let j = field.end
            if j < n, p[j] == delimiter.lead {
                i = j &+ delimiter.count
                continue
            }
            // The record ends: at the end of the text, or at CR, LF or CRLF.
            var end = j
            if j < n {
                if p[j] == Self.carriageReturn {
                    if j + 1 == n, !isFinal { return nil }  // an LF may follow in the next chunk
                    end = j + 1 < n && p[j + 1] == Self.lineFeed ? j + 2 : j + 1
                } else {
                    end = j + 1
                }
                lines += 1
            }
            cellCount += Int64(cellsFound)
            deliver(record: UnsafeBufferPointer(start: p + start, count: j - start), cellCount: cellsFound, into: &row)
            noteFieldCount(column, hasValue: cellsFound > 0)
            return (end, lines)
        }
    }

    /// The quoted field whose opening quote is at `i`, up to the closing
    /// quote (keeping one of each doubled quote), and any text after that
    /// up to the delimiter or line break, kept as Excel does. Nil when the
    /// field may continue in the next chunk.
    private mutating func quotedField(
        _ p: UnsafePointer<UInt8>, at i: Int, recordStart start: Int, count n: Int,
        isFinal: Bool, lines: inout Int
    ) throws -> Field? {
        let contentStart = i + 1
        var field = Field(end: 0, textStart: contentStart - start, textCount: 0)
        var segmentStart = contentStart
        var afterQuote: Int
        while true {
            guard let found = memchr(p + segmentStart, Int32(Self.quote), n - segmentStart) else {
                if isFinal {
                    throw error(.csvUnterminatedQuote, "the quote opened here is never closed", line: line + lines)
                }
                if n - contentStart > limits.maxCellBytes { throw cellTooLong(line: line + lines) }
                return nil
            }
            let q = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p
            if q + 1 == n, !isFinal { return nil }  // a doubled quote may be cut
            if q + 1 < n, p[q + 1] == Self.quote {
                if !field.isRebuilt {
                    field.isRebuilt = true
                    field.textStart = rebuilt.count
                }
                rebuilt.append(contentsOf: UnsafeBufferPointer(start: p + segmentStart, count: q + 1 - segmentStart))
                segmentStart = q + 2
                continue
            }
            lines += Self.lineBreaks(in: UnsafeRawBufferPointer(start: p + contentStart, count: q - contentStart))
            if field.isRebuilt {
                rebuilt.append(contentsOf: UnsafeBufferPointer(start: p + segmentStart, count: q - segmentStart))
            } else {
                field.textCount = q - contentStart
            }
            afterQuote = q + 1
            break
        }
        guard let j = Self.fieldEnd(p, from: afterQuote, count: n, isFinal: isFinal, delimiter: delimiterBytes) else {
            if n - contentStart > limits.maxCellBytes { throw cellTooLong(line: line + lines) }
            return nil
        }
        field.end = j
        if j > afterQuote {
            // Text after a closing quote is kept, as Excel does: the field is rebuilt.
            if !field.isRebuilt {
                field.isRebuilt = true
                let content = UnsafeBufferPointer(start: p + start + field.textStart, count: field.textCount)
                field.textStart = rebuilt.count
                rebuilt.append(contentsOf: content)
            }
            rebuilt.append(contentsOf: UnsafeBufferPointer(start: p + afterQuote, count: j - afterQuote))
        }
        if field.isRebuilt { field.textCount = rebuilt.count - field.textStart }
        return field
    }

    /// The offset of the delimiter or line break that ends the field text
    /// at `i`, or the end of the text when `isFinal`; nil when the text may
    /// continue in the next chunk.
    @inline(__always)
    private static func fieldEnd(
        _ p: UnsafePointer<UInt8>, from i: Int, count n: Int, isFinal: Bool,
        delimiter: DelimiterBytes
    ) -> Int? {
        var j = i
        while true {
            j = findSpecial(p, from: j, to: n, delimiter: delimiter.lead)
            if j == n { return isFinal ? n : nil }
            if p[j] != delimiter.lead || delimiter.count == 1 { return j }
            if j + delimiter.count > n {
                if !isFinal { return nil }
            } else if delimiter.continues(p, at: j) {
                return j
            }
            j += 1
        }
    }

    /// Puts the record's bytes and then the rebuilt fields into the row's
    /// text, points the rebuilt cells at theirs, and copies the cells into the row.
    @inline(__always)
    private func deliver(record: UnsafeBufferPointer<UInt8>, cellCount: Int, into row: inout SheetRow) {
        row.number = recordCount + 1
        row.line = line
        row.textBytes.replaceSubrange(0..<row.textBytes.count, with: record)
        if !rebuilt.isEmpty {
            let base = Int32(record.count)
            row.textBytes.append(contentsOf: rebuilt)
            for index in 0..<cellCount where cells.base[index].textStart < 0 {
                cells.base[index].textStart = base + ~cells.base[index].textStart
            }
        }
        if row.cells.count == cellCount {
            // Most records have as many cells as the last: no resizing, one copy.
            row.cells.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: cells.base, count: cellCount) }
        } else {
            row.cells.replaceSubrange(
                0..<row.cells.count, with: UnsafeBufferPointer(start: cells.base, count: cellCount))
        }
    }

    private mutating func noteFieldCount(_ count: Int, hasValue: Bool) {
        guard hasValue else { return }
        guard let expected = expectedFieldCount else {
            expectedFieldCount = count
            return
        }
        if count != expected {
            raggedRecordCount += 1
            if firstRaggedLine == nil { firstRaggedLine = line }
        }
    }

    private func cellTooLong(line: Int) -> SheetError {
        error(.cellTooLong, "a field runs past \(limits.maxCellBytes) bytes (an unterminated quote?)", line: line)
    }

    private func error(_ code: SheetError.Code, _ detail: String, line: Int) -> SheetError {
        SheetError(code, detail, file: file, line: line)
    }

    /// The offset of the first delimiter lead byte, CR or LF at or after
    /// `i`, or `n`; eight bytes at a time. A word is tested for the lead and
    /// for bytes below 0x10 (two tests, not three): the lowest such byte is
    /// exact, and a control character that is neither CR nor LF is passed over.
    @inline(__always)
    private static func findSpecial(_ p: UnsafePointer<UInt8>, from start: Int, to n: Int, delimiter: UInt8) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let delimiterMask = UInt64(delimiter) &* ones
        let raw = UnsafeRawPointer(p)
        var i = start
        while i &+ 8 <= n {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // A zero byte gets its high bit set; the lowest one flagged is exact.
            let a = word ^ delimiterMask
            let b = word & 0xF0F0_F0F0_F0F0_F0F0
            let hits = ((a &- ones) & ~a | (b &- ones) & ~b) & highs
            if hits != 0 {
                let j = i &+ hits.trailingZeroBitCount >> 3
                let byte = p[j]
                if byte == delimiter || byte == lineFeed || byte == carriageReturn { return j }
                i = j &+ 1
                continue
            }
            i &+= 8
        }
        while i < n {
            let byte = p[i]
            if byte == delimiter || byte == lineFeed || byte == carriageReturn { return i }
            i &+= 1
        }
        return n
    }

    /// Line breaks in `text`: LF, CR, and CRLF counted once. Quoted fields
    /// are counted whole, so words without a byte below 0x10 are skipped.
    static func lineBreaks(in text: UnsafeRawBufferPointer) -> Int {
        guard let base = text.baseAddress else { return 0 }
        var count = 0
        var previous: UInt8 = 0
        var i = 0
        while i < text.count {
            if i &+ 8 <= text.count {
                let word =
                    UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & 0xF0F0_F0F0_F0F0_F0F0
                if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 == 0 {
                    previous = base.load(fromByteOffset: i &+ 7, as: UInt8.self)
                    i &+= 8
                    continue
                }
            }
            let byte = base.load(fromByteOffset: i, as: UInt8.self)
            if byte == lineFeed {
                if previous != carriageReturn { count += 1 }
            } else if byte == carriageReturn {
                count += 1
            }
            previous = byte
            i &+= 1
        }
        return count
    }
}

/// A delimiter of one to four UTF-8 bytes, held in registers: the lead
/// byte the scanning looks for and the rest packed in a word.
private struct DelimiterBytes {
    let lead: UInt8
    let count: Int
    /// The bytes after the lead, the first in the low byte.
    private let rest: UInt32

    init(_ bytes: [UInt8]) {
        lead = bytes[0]
        count = bytes.count
        rest = bytes.dropFirst().reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Whether the bytes after the lead at `j` (all in the text) are the delimiter's.
    @inline(__always)
    func continues(_ p: UnsafePointer<UInt8>, at j: Int) -> Bool {
        (1..<count).allSatisfy { p[j + $0] == UInt8(truncatingIfNeeded: rest >> (8 * UInt32($0 - 1))) }
    }
}

/// Room for one record's cells: written through a pointer, without an
/// array's uniqueness and capacity checks on every field. Replaced by a
/// larger one (with the cells so far) when a record has more fields.
private final class CellStorage {
    let base: UnsafeMutablePointer<SheetCell>
    let capacity: Int

    init(capacity: Int, copying old: CellStorage? = nil) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
        if let old { base.initialize(from: old.base, count: old.capacity) }
    }

    deinit { base.deallocate() }
}
