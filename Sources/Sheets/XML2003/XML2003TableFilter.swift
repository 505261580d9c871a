#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Feeds the outline pass a file with the contents of every `Table`
/// element left out, so that opening a workbook does not parse its cells.
/// (The OpenDocument reader uses it too, for `table:table`: `elementName`.)
///
/// The outline needs the styles, the `Worksheet` start tags and their
/// `x:WorksheetOptions`, all outside `Table`; the rows are nearly all of the
/// file. A byte scan finds `<Table` and `</Table` under any prefix, steps
/// over comments, CDATA sections and processing instructions (which may
/// hold such text), and honours quotes in the start tag (a value may hold
/// `>`; `/>` closes an empty table). Literal `<` cannot occur in text or
/// attribute values, so every other `<` starts a tag. What is left out is
/// replaced by its newlines, so libxml2's line numbers stay those of the
/// file. The prolog passes untouched: a DOCTYPE is still refused at open;
/// malformed cells are reported when the sheet is read.
struct XML2003TableFilter {
    private enum State {
        /// Between markup: looking for the next `<`.
        case scanning
        /// Inside a comment, CDATA section or processing instruction, looking for its terminator.
        case skipping(terminator: StaticString)
        /// Inside a `Table` start tag: `quote` is the open quote, `last` the previous byte outside quotes.
        case tableStartTag(quote: UInt8, last: UInt8)
    }

    /// What a `<` starts.
    private enum Markup {
        case tableStart(nameEnd: Int)
        case tableEnd(nameEnd: Int)
        case skipped(bodyStart: Int, terminator: StaticString)
        case other
        /// The bytes end before the markup can be told: offer them again with more.
        case unfinished
    }

    /// Markup longer than this is never a table tag, so a tail left for the next read stays small.
    private static let lookahead = 4096
    private static let newlines = [UInt8](repeating: UInt8(ascii: "\n"), count: 4096)

    private var state = State.scanning
    /// Open `Table` elements; while above zero, bytes are left out.
    private var depth = 0
    /// The local name of the elements whose contents are left out.
    private let elementName: [UInt8]
    private let elementFinder: TagFinder
    /// Bytes of the last chunk `feed` could not deal with yet.
    private var tail: [UInt8] = []

    init(elementName: String = "Table") {
        self.elementName = Array(elementName.utf8)
        elementFinder = TagFinder(self.elementName)
    }

    /// Passes one chunk of a document that arrives in pieces (an inflated
    /// ZIP entry) to `parser`, table contents left out; `finish` after the last.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, to parser: XMLStreamParser) throws {
        guard !parser.isStopped else { return }
        if tail.isEmpty {
            let consumed = try filter(chunk, isFinal: false) { try parser.feed($0) }
            tail = Array(chunk[consumed...])
        } else {
            var joined = tail
            joined.append(contentsOf: chunk)
            let consumed = try joined.withUnsafeBytes { try filter($0, isFinal: false) { try parser.feed($0) } }
            tail = Array(joined[consumed...])
        }
    }

    /// Passes what `feed` kept back and finishes the parse.
    mutating func finish(_ parser: XMLStreamParser) throws {
        let rest = tail
        tail = []
        _ = try rest.withUnsafeBytes { try filter($0, isFinal: true) { try parser.feed($0) } }
        try parser.finish()
    }

    /// Reads `input` to its end (or until `parser` stops) and feeds `parser` what the outline needs.
    mutating func parse(_ input: InputFile, with parser: XMLStreamParser, chunkSize: Int = 256 << 10) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
        defer { buffer.deallocate() }
        var kept = 0
        while !parser.isStopped {
            let count = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[kept...]))
            let isFinal = count == 0
            let available = UnsafeRawBufferPointer(rebasing: buffer[..<(kept + count)])
            let consumed = try filter(available, isFinal: isFinal) { try parser.feed($0) }
            if isFinal { return try parser.finish() }
            // An unfinished tag name goes to the front, to be read again with what follows it.
            kept = available.count - consumed
            if kept > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + consumed, kept) }
        }
    }

    /// Passes `bytes` on to `emit` but for table contents; returns how many
    /// bytes were dealt with. The rest (an unfinished tag name, under
    /// `lookahead` bytes) must be offered again with the bytes that follow
    /// it; with `isFinal`, everything is dealt with.
    mutating func filter(
        _ bytes: UnsafeRawBufferPointer, isFinal: Bool,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        let base = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) }
        let count = bytes.count
        var runStart = 0  // the first byte not yet emitted or left out
        var i = 0
        /// Hands on (or leaves out) the bytes before `end`.
        func flush(upTo end: Int) throws {
            guard end > runStart else { return }
            let run = UnsafeRawBufferPointer(rebasing: bytes[runStart..<end])
            if depth == 0 { try emit(run) } else { try Self.emitNewlines(of: run, emit) }
            runStart = end
        }
        // Inside a table nearly every tag is a row, cell or datum: the scan
        // jumps to the next name `Table` (found by `TagFinder`) unless a
        // comment, CDATA section or processing instruction, which could hide
        // one, comes first.
        var nextTableName = -1
        scan: while i < count, let base {
            switch state {
            case .scanning:
                if depth > 0 {
                    if nextTableName < i { nextTableName = elementFinder.first(in: bytes, from: i) ?? count }
                    let opener = Self.firstOpener(base, from: i, before: nextTableName)
                    if opener == nil, nextTableName == count {
                        // Table contents to the end: keep the last bytes, where a name or opener may begin.
                        let end = isFinal ? count : max(i, count - 16)
                        try flush(upTo: end)
                        if isFinal { break scan }
                        return end
                    }
                    i = opener ?? Self.lastTagStart(base, before: nextTableName, notBefore: i)
                }
                guard let found = memchr(base + i, Int32(UInt8(ascii: "<")), count - i) else {
                    i = count
                    break scan
                }
                i = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                switch Self.markup(base, at: i, count: count, isFinal: isFinal, elementName: elementName) {
                case .unfinished:
                    try flush(upTo: i)
                    return i
                case .skipped(let bodyStart, let terminator):
                    state = .skipping(terminator: terminator)
                    i = bodyStart
                case .tableStart(let nameEnd):
                    state = .tableStartTag(quote: 0, last: 0)
                    i = nameEnd
                case .tableEnd(let nameEnd):
                    if depth == 1 { try flush(upTo: i) }
                    if depth > 0 { depth -= 1 }
                    i = nameEnd
                case .other:
                    i += 1
                }
            case .skipping(let terminator):
                let length = terminator.utf8CodeUnitCount
                if let end = Self.find(terminator, in: base, from: i, count: count) {
                    i = end + length
                    state = .scanning
                } else {
                    // The terminator may begin in the last bytes: offer them again.
                    let rest = isFinal ? count : max(i, count - (length - 1))
                    if rest < count {
                        try flush(upTo: rest)
                        return rest
                    }
                    i = count
                }
            case .tableStartTag(var quote, var last):
                while i < count {
                    let byte = base[i]
                    i += 1
                    if quote != 0 {
                        if byte == quote {
                            quote = 0
                            last = byte
                        }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: ">") {
                        if last != UInt8(ascii: "/") {  // `<Table/>` has no contents
                            if depth == 0 { try flush(upTo: i) }
                            depth += 1
                        }
                        state = .scanning
                        continue scan
                    } else {
                        last = byte
                    }
                }
                state = .tableStartTag(quote: quote, last: last)
            }
        }
        try flush(upTo: count)
        return count
    }

    /// The `<` of the first `<!` or `<?` in `base[from..<end]`: `!` and `?` are rare in sheet data.
    private static func firstOpener(_ base: UnsafePointer<UInt8>, from: Int, before end: Int) -> Int? {
        var first: Int?
        for mark in [UInt8(ascii: "!"), UInt8(ascii: "?")] {
            var i = from
            let limit = first ?? end
            while i < limit, let found = memchr(base + i, Int32(mark), limit - i) {
                let at = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                if at == from || base[at - 1] == UInt8(ascii: "<") {
                    first = max(from, at - 1)
                    break
                }
                i = at + 1
            }
        }
        return first
    }

    /// The last `<` before `end` and not before `lower`, where the tag holding a name at `end` starts; `lower` if none.
    private static func lastTagStart(_ base: UnsafePointer<UInt8>, before end: Int, notBefore lower: Int) -> Int {
        var i = end - 1
        while i >= lower {
            if base[i] == UInt8(ascii: "<") { return i }
            i -= 1
        }
        return lower
    }

    /// Classifies the markup starting with the `<` at `start`.
    private static func markup(
        _ base: UnsafePointer<UInt8>, at start: Int, count: Int, isFinal: Bool,
        elementName: [UInt8]
    ) -> Markup {
        let available = count - start
        let canWait = !isFinal && available < lookahead
        func starts(with literal: StaticString) -> Bool? {
            let length = literal.utf8CodeUnitCount
            let known = min(length, available)
            for k in 0..<known where base[start + k] != literal.utf8Start[k] { return false }
            return known == length ? true : nil
        }
        var j = start + 1
        guard j < count else { return canWait ? .unfinished : .other }
        switch base[j] {
        case UInt8(ascii: "?"):
            return .skipped(bodyStart: j + 1, terminator: "?>")
        case UInt8(ascii: "!"):
            for (opener, terminator) in [("<!--", "-->"), ("<![CDATA[", "]]>")] as [(StaticString, StaticString)] {
                switch starts(with: opener) {
                case true?: return .skipped(bodyStart: start + opener.utf8CodeUnitCount, terminator: terminator)
                case nil: return canWait ? .unfinished : .other
                case false?: continue
                }
            }
            return .other  // a DOCTYPE, for libxml2 to refuse
        case UInt8(ascii: "/"):
            j += 1
        default:
            break
        }
        // The name runs to whitespace, `>` or `/`; its local part follows the last `:`.
        let nameStart = j
        var localStart = j
        while j < count {
            let byte = base[j]
            if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x20 || byte == 0x0A || byte == 0x0D
                || byte == 0x09
            {
                break
            }
            if byte == UInt8(ascii: ":") { localStart = j + 1 }
            j += 1
        }
        if j == count { return canWait ? .unfinished : .other }
        guard j - localStart == elementName.count, j > nameStart,
            memcmp(base + localStart, elementName, elementName.count) == 0
        else {
            return .other
        }
        return base[start + 1] == UInt8(ascii: "/") ? .tableEnd(nameEnd: j) : .tableStart(nameEnd: j)
    }

    /// The position of `literal` in `base[from..<count]`, if it occurs
    /// (Glibc's `memmem` is not visible to Swift).
    private static func find(_ literal: StaticString, in base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int? {
        let length = literal.utf8CodeUnitCount
        var i = from
        while count - i >= length, let found = memchr(base + i, Int32(literal.utf8Start[0]), count - i - length + 1) {
            i = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if memcmp(base + i, literal.utf8Start, length) == 0 { return i }
            i += 1
        }
        return nil
    }

    /// Emits as many newlines as `run` holds.
    private static func emitNewlines(of run: UnsafeRawBufferPointer, _ emit: (UnsafeRawBufferPointer) throws -> Void)
        throws
    {
        var lines = 0
        var rest = run
        while let found = memchr(rest.baseAddress!, Int32(UInt8(ascii: "\n")), rest.count) {
            lines += 1
            rest = UnsafeRawBufferPointer(rebasing: rest[(UnsafeRawPointer(found) - rest.baseAddress! + 1)...])
            if rest.isEmpty { break }
        }
        try newlines.withUnsafeBytes { newlines in
            while lines > 0 {
                let piece = min(lines, newlines.count)
                try emit(UnsafeRawBufferPointer(rebasing: newlines[..<piece]))
                lines -= piece
            }
        }
    }
}
