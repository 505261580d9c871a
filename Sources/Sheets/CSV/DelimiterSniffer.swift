/// Guesses a CSV file's delimiter from its first records.
///
/// Each candidate (`,` `;` tab `|` and the full-width comma `，` of some
/// Chinese exports) splits the first records, quote-aware; the winner is
/// the one whose most common field count, above one, is shared by the most
/// records (ties: more fields, then the order above). A file where no
/// candidate splits anything is one column, read with `,`. Excel's
/// `sep=X` first line names the delimiter outright.
enum DelimiterSniffer {
    struct Choice: Equatable {
        /// The delimiter's UTF-8 bytes.
        var delimiter: [UInt8]
        /// Bytes of a leading `sep=X` line to skip, with its line break; 0 if none.
        var directiveLength: Int
    }

    static let candidates: [[UInt8]] = [[0x2C], [0x3B], [0x09], [0x7C], Array("，".utf8)]
    /// Text looked at: a few KB is enough, and keeps the cost fixed.
    static let sampleLength = 16 << 10
    static let maxRecords = 50

    /// Chooses the delimiter of `text`, the start of the decoded file;
    /// `isWholeText` says whether its last record is complete.
    static func sniff(_ text: UnsafeRawBufferPointer, isWholeText: Bool) -> Choice {
        if let directive = sepDirective(text) { return directive }
        let sample = UnsafeRawBufferPointer(rebasing: text.prefix(sampleLength))
        let complete = isWholeText && sample.count == text.count
        var best = (delimiter: candidates[0], records: 0, fields: 1)
        for candidate in candidates {
            let counts = fieldCounts(sample, delimiter: candidate, lastIsComplete: complete)
            var frequency: [Int: Int] = [:]
            for count in counts { frequency[count, default: 0] += 1 }
            guard let (fields, records) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }),
                fields > 1
            else { continue }
            if (records, fields) > (best.records, best.fields) {
                best = (candidate, records, fields)
            }
        }
        return Choice(delimiter: best.delimiter, directiveLength: 0)
    }

    /// Fields per non-empty record. Quotes count as the parser counts
    /// them: only a quote that starts a field opens a quoted field.
    private static func fieldCounts(_ text: UnsafeRawBufferPointer, delimiter: [UInt8], lastIsComplete: Bool) -> [Int] {
        let quote = UInt8(ascii: "\"")
        var counts: [Int] = []
        var fields = 1
        var recordIsEmpty = true
        var atFieldStart = true
        var i = 0
        let n = text.count
        while i < n, counts.count < maxRecords {
            let byte = text[i]
            if atFieldStart, byte == quote {
                // Skip to the closing quote; a doubled quote is two steps of the loop.
                i += 1
                while i < n, text[i] != quote || (i + 1 < n && text[i + 1] == quote) {
                    i += text[i] == quote ? 2 : 1
                }
                if i == n { break }  // the sample ends inside quotes
                recordIsEmpty = false
                atFieldStart = false
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if !recordIsEmpty { counts.append(fields) }
                fields = 1
                recordIsEmpty = true
                atFieldStart = true
            } else if byte == delimiter[0], i + delimiter.count <= n,
                delimiter.indices.allSatisfy({ text[i + $0] == delimiter[$0] })
            {
                fields += 1
                recordIsEmpty = false
                atFieldStart = true
                i += delimiter.count
                continue
            } else {
                recordIsEmpty = false
                atFieldStart = false
            }
            i += 1
        }
        if lastIsComplete, !recordIsEmpty, i >= n, counts.count < maxRecords { counts.append(fields) }
        return counts
    }

    /// Excel's `sep=;` line: one delimiter character, then a line break.
    private static func sepDirective(_ text: UnsafeRawBufferPointer) -> Choice? {
        let prefix = Array("sep=".utf8)
        guard text.count > prefix.count, text.prefix(prefix.count).elementsEqual(prefix) else { return nil }
        let rest = text[prefix.count...]
        guard let lineEnd = rest.firstIndex(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
            return nil
        }
        let delimiter = Array(text[prefix.count..<lineEnd])
        guard String(validating: delimiter, as: UTF8.self)?.count == 1 else { return nil }
        var length = lineEnd + 1
        if text[lineEnd] == UInt8(ascii: "\r"), length < text.count, text[length] == UInt8(ascii: "\n") { length += 1 }
        return Choice(delimiter: delimiter, directiveLength: length)
    }
}
