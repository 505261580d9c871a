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

    init(delimiter: [UInt8], limits: ReadLimits, file: String) {
        precondition(!delimiter.isEmpty, "a delimiter has at least one byte")
        self.delimiter = delimiter
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
    private mutating func parseRecord(_ p: UnsafePointer<UInt8>, from start: Int, count n: Int, isFinal: Bool,
                                      into row: inout SheetRow) throws -> (offset: Int, lines: Int)? {
        row.reset(number: recordCount + 1)
        row.line = line
        let lead = delimiter[0]
        let delimiterLength = delimiter.count
        var i = start
        var column = 0
        var lines = 0
        while true {
            column += 1
            if column > limits.maxColumns {
                throw error(.tooManyColumns, "more than \(limits.maxColumns) fields in the record", line: line)
            }
            let textStart = row.textBytes.count
            var segmentStart = i
            if i < n, p[i] == Self.quote {
                // A quoted field: up to the closing quote, keeping one of each doubled quote.
                let contentStart = i + 1
                i = contentStart
                segmentStart = i
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
                    row.textBytes.append(contentsOf: UnsafeBufferPointer(start: p + segmentStart, count: q - segmentStart))
                    if q + 1 < n, p[q + 1] == Self.quote {
                        row.textBytes.append(Self.quote)
                        i = q + 2
                        segmentStart = i
                        continue
                    }
                    lines += Self.lineBreaks(in: UnsafeRawBufferPointer(start: p + contentStart, count: q - contentStart))
                    i = q + 1
                    segmentStart = i
                    break
                }
            }
            // Unquoted text, or what follows a closing quote: up to a delimiter or line break.
            var j = i
            while true {
                j = Self.findSpecial(p, from: j, to: n, delimiter: lead)
                if j == n || p[j] != lead || delimiterLength == 1 { break }
                if j + delimiterLength > n, !isFinal { return nil }
                if j + delimiterLength <= n, (1..<delimiterLength).allSatisfy({ p[j + $0] == delimiter[$0] }) { break }
                j += 1
            }
            if j == n, !isFinal {
                try checkLength(row.textBytes.count - textStart + n - segmentStart, line: line + lines)
                return nil
            }
            row.textBytes.append(contentsOf: UnsafeBufferPointer(start: p + segmentStart, count: j - segmentStart))
            let length = row.textBytes.count - textStart
            if length > 0 {
                try checkLength(length, line: line + lines)
                cellCount += 1
                if cellCount > limits.maxCells {
                    throw error(.tooManyCells, "more than \(limits.maxCells) cells", line: line + lines)
                }
                row.cells.append(SheetCell(column: column, kind: .text, textStart: Int32(textStart), textCount: Int32(length)))
            }
            if j < n, p[j] == lead {
                i = j + delimiterLength
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
            noteFieldCount(column, hasValue: !row.cells.isEmpty)
            return (end, lines)
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

    private func checkLength(_ length: Int, line: Int) throws {
        if length > limits.maxCellBytes {
            throw error(.cellTooLong, "a field runs past \(limits.maxCellBytes) bytes (an unterminated quote?)", line: line)
        }
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
