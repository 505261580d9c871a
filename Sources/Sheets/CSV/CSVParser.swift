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
    /// Its first byte, which the scanning looks for.
    private let delimiterLead: UInt8
    let limits: ReadLimits
    let file: String

    /// Records completed so far, empty ones included.
    private(set) var recordCount = 0
    /// Physical line where the next record starts.
    private(set) var line = 1
    /// Non-empty cells delivered so far.
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
        precondition(!delimiter.isEmpty, "a delimiter has at least one byte")
        self.delimiter = delimiter
        delimiterLead = delimiter[0]
        self.limits = limits
        self.file = file
    }

    /// Starts counting lines at `line`, e.g. after a `sep=` line.
    mutating func skipLines(_ count: Int) { line += count }

    /// Parses the complete records at the start of `text`, delivering
    /// those with a value to `body` in `row`, and returns where the first
    /// incomplete record starts. When `isFinal` (the end of the file), the
    /// last record needs no line break and an open quote is an error.
    mutating func parse(_ text: UnsafeRawBufferPointer, isFinal: Bool, row: inout SheetRow,
                        _ body: (SheetRow) throws -> Void) throws -> Int {
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

    /// Parses one record at `start` into `row`; returns the offset after
    /// it and the line breaks it spans, or nil when it is incomplete.
    ///
    /// Most fields are a span of the input as it stands (unquoted, or quoted
    /// without doubled quotes), so the record's bytes are copied into the row
    /// once, at its end, and such cells point into that copy; the few fields
    /// that must be rebuilt (doubled quotes, text after a closing quote) are
    /// assembled in `rebuilt` and appended after it.
    private mutating func parseRecord(_ p: UnsafePointer<UInt8>, from start: Int, count n: Int, isFinal: Bool,
                                      into row: inout SheetRow) throws -> (offset: Int, lines: Int)? {
        row.number = recordCount + 1
        row.line = line
        rebuilt.removeAll(keepingCapacity: true)
        var cellsFound = 0
        var i = start
        var column = 0
        var lines = 0
        while true {
            column += 1
            if column > limits.maxColumns {
                throw error(.tooManyColumns, "more than \(limits.maxColumns) fields in the record", line: line)
            }
            // The field's text: a span of the record, or (when `inRecord` is false) of `rebuilt`.
            var textStart = i - start, textEnd = i - start
            var inRecord = true
            let quoted = i < n && p[i] == Self.quote
            let contentStart = quoted ? i + 1 : i
            if quoted {
                // A quoted field: up to the closing quote, keeping one of each doubled quote.
                i = contentStart
                var segmentStart = i
                while true {
                    guard let found = memchr(p + i, Int32(Self.quote), n - i) else {
                        if isFinal {
                            throw error(.csvUnterminatedQuote, "the quote opened here is never closed", line: line + lines)
                        }
                        try checkLength(n - contentStart, line: line + lines)
                        return nil
                    }
                    let q = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p
                    if q + 1 == n, !isFinal { return nil }  // a doubled quote may be cut
                    if q + 1 < n, p[q + 1] == Self.quote {
                        if inRecord { inRecord = false; textStart = rebuilt.count }
                        rebuilt.append(contentsOf: UnsafeBufferPointer(start: p + segmentStart, count: q + 1 - segmentStart))
                        i = q + 2
                        segmentStart = i
                        continue
                    }
                    lines += Self.lineBreaks(in: UnsafeRawBufferPointer(start: p + contentStart, count: q - contentStart))
                    if inRecord {
                        textStart = contentStart - start
                        textEnd = q - start
                    } else {
                        rebuilt.append(contentsOf: UnsafeBufferPointer(start: p + segmentStart, count: q - segmentStart))
                    }
                    i = q + 1
                    break
                }
            }
            // Unquoted text, or what follows a closing quote: up to a delimiter or line break.
            guard let j = fieldEnd(p, from: i, count: n, isFinal: isFinal) else {
                try checkLength(n - contentStart, line: line + lines)
                return nil
            }
            if j > i {
                if !quoted {
                    textEnd = j - start
                } else {
                    // Text after a closing quote is kept, as Excel does: the field is rebuilt.
                    if inRecord {
                        inRecord = false
                        let content = UnsafeBufferPointer(start: p + start + textStart, count: textEnd - textStart)
                        textStart = rebuilt.count
                        rebuilt.append(contentsOf: content)
                    }
                    rebuilt.append(contentsOf: UnsafeBufferPointer(start: p + i, count: j - i))
                }
            }
            if !inRecord { textEnd = rebuilt.count }
            let length = textEnd - textStart
            if length > 0 {
                try checkLength(length, line: line + lines)
                cellCount += 1
                if cellCount > limits.maxCells {
                    throw error(.tooManyCells, "more than \(limits.maxCells) cells", line: line + lines)
                }
                if cellsFound == cells.capacity { cells = CellStorage(capacity: 2 * cellsFound, copying: cells) }
                // A rebuilt field's start is marked negative until the record's bytes are in place.
                (cells.base + cellsFound).initialize(to: SheetCell(
                    column: column, kind: .text, textStart: Int32(inRecord ? textStart : ~textStart), textCount: Int32(length)))
                cellsFound += 1
            }
            if j < n, p[j] == delimiterLead {
                i = j + delimiter.count
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
            deliver(record: UnsafeBufferPointer(start: p + start, count: j - start), cellCount: cellsFound, into: &row)
            noteFieldCount(column, hasValue: cellsFound > 0)
            return (end, lines)
        }
    }

    /// The offset of the delimiter or line break that ends the field text
    /// at `i`, or the end of the text when `isFinal`; nil when the text may
    /// continue in the next chunk.
    @inline(__always)
    private func fieldEnd(_ p: UnsafePointer<UInt8>, from i: Int, count n: Int, isFinal: Bool) -> Int? {
        var j = i
        while true {
            j = Self.findSpecial(p, from: j, to: n, delimiter: delimiterLead)
            if j == n { return isFinal ? n : nil }
            if p[j] != delimiterLead || delimiter.count == 1 { return j }
            if j + delimiter.count > n { if !isFinal { return nil } } else if (1..<delimiter.count).allSatisfy({ p[j + $0] == delimiter[$0] }) { return j }
            j += 1
        }
    }

    /// Puts the record's bytes and then the rebuilt fields into the row's
    /// text, points the rebuilt cells at theirs, and copies the cells into the row.
    @inline(__always)
    private func deliver(record: UnsafeBufferPointer<UInt8>, cellCount: Int, into row: inout SheetRow) {
        row.textBytes.replaceSubrange(0..<row.textBytes.count, with: record)
        if !rebuilt.isEmpty {
            let base = Int32(record.count)
            row.textBytes.append(contentsOf: rebuilt)
            for index in 0..<cellCount where cells.base[index].textStart < 0 {
                cells.base[index].textStart = base + ~cells.base[index].textStart
            }
        }
        row.cells.replaceSubrange(0..<row.cells.count, with: UnsafeBufferPointer(start: cells.base, count: cellCount))
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

    @inline(__always)
    private func checkLength(_ length: Int, line: Int) throws {
        if length > limits.maxCellBytes { throw cellTooLong(line: line) }
    }

    private func cellTooLong(line: Int) -> SheetError {
        error(.cellTooLong, "a field runs past \(limits.maxCellBytes) bytes (an unterminated quote?)", line: line)
    }

    private func error(_ code: SheetError.Code, _ detail: String, line: Int) -> SheetError {
        SheetError(code, detail, file: file, line: line)
    }

    /// The offset of the first delimiter lead byte, CR or LF at or after
    /// `i`, or `n`; eight bytes at a time.
    @inline(__always)
    private static func findSpecial(_ p: UnsafePointer<UInt8>, from start: Int, to n: Int, delimiter: UInt8) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let delimiterMask = UInt64(delimiter) &* ones
        let lineFeedMask = UInt64(lineFeed) &* ones
        let carriageReturnMask = UInt64(carriageReturn) &* ones
        let raw = UnsafeRawPointer(p)
        var i = start
        while i + 8 <= n {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // A byte equal to the mask's becomes zero; the lowest flagged zero byte is exact.
            let a = word ^ delimiterMask, b = word ^ lineFeedMask, c = word ^ carriageReturnMask
            let hits = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs
            if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n {
            let byte = p[i]
            if byte == delimiter || byte == lineFeed || byte == carriageReturn { return i }
            i += 1
        }
        return n
    }

    /// Line breaks in `text`: LF, CR, and CRLF counted once.
    static func lineBreaks(in text: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var previous: UInt8 = 0
        for byte in text {
            if byte == lineFeed { if previous != carriageReturn { count += 1 } } else if byte == carriageReturn { count += 1 }
            previous = byte
        }
        return count
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
