#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses the plain XML that spreadsheet writers emit several times faster
/// than libxml2, and hands a handler the very events `XMLStreamParser`
/// (libxml2) would: the same names, namespaces, attributes and text.
///
/// It is not a second judge of XML. Plain means: UTF-8; elements and
/// attributes with ASCII names and well-formed namespace declarations of
/// absolute URIs; attribute values without `&`, `<`, tabs or line breaks;
/// text with the five predefined entities and character references; CDATA
/// sections, comments and processing instructions; no DOCTYPE. On anything
/// else, and on anything not well-formed, `parse` answers `false` and the
/// caller parses the bytes again with libxml2, which decides and words the
/// error. So it is used where the events can be thrown away: a piece of a
/// sheet parsed by a worker into a batch of rows (`RowSegment.parsing`).
/// `PlainXMLScannerTests` hold it to libxml2's events on real files and on
/// thousands of damaged copies of them.
final class PlainXMLScanner<Handler: XMLStreamHandler> {
    /// Thrown inside the scan when the bytes are not plain: the caller asks libxml2.
    private struct NotPlain: Error {}

    private let handler: Handler
    private let scope: XMLNamespaceScope
    private let classes = ByteClasses.table
    @exclusivity(unchecked) private var bytes: UnsafePointer<UInt8>
    @exclusivity(unchecked) private var end = 0

    /// An open element: its qualified name in the input, the URI it resolved
    /// to, and how many namespace bindings its start tag pushed.
    private struct OpenElement {
        var nameStart: Int, nameEnd: Int, localStart: Int
        var uri: UnsafePointer<UInt8>?
        var bindings: Int
    }
    @exclusivity(unchecked) private var open: [OpenElement] = []

    /// Namespace bindings in scope, innermost last; URIs and prefixes interned (NUL-terminated).
    private struct Binding {
        var prefix: [UInt8]?
        var internedPrefix: UnsafePointer<UInt8>?
        var uri: UnsafePointer<UInt8>
    }
    @exclusivity(unchecked) private var bindings: [Binding] = []
    @exclusivity(unchecked) private var defaultURI: UnsafePointer<UInt8>?
    private var interned: [[UInt8]: UnsafeMutablePointer<UInt8>] = [:]
    private let xmlURI: UnsafePointer<UInt8>

    /// A start tag's attributes as found, before they are handed over.
    private struct AttributeSpan {
        var nameStart: Int, colon: Int, nameEnd: Int, valueStart: Int, valueEnd: Int
    }
    /// The start tag's attributes, `spanCount` of them: a buffer of
    /// `maxAttributes` kept for the scanner's life (clearing an array for
    /// each tag went through `replaceSubrange`, 7% of a sheet's instructions).
    @exclusivity(unchecked) private var spans: UnsafeMutablePointer<AttributeSpan>
    @exclusivity(unchecked) private var spanCount = 0
    /// NUL-terminated names of the tag being handed over, and the five pointers per attribute libxml2 gives.
    @exclusivity(unchecked) private var names: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var namesCapacity = 256
    private let pointers: UnsafeMutablePointer<UnsafePointer<UInt8>?>
    /// A character reference's UTF-8 bytes, or the one byte an entity stands for.
    @exclusivity(unchecked) private var referenced: UnsafeMutablePointer<UInt8>

    private static var maxDepth: Int { 200 }
    private static var maxNameBytes: Int { 1000 }
    private static var maxAttributes: Int { 100 }
    /// Bindings in scope: each prefixed name searches them, so a hostile nest of declarations is left to libxml2.
    private static var maxBindings: Int { 64 }
    private static var maxTextBytes: Int { 1 << 20 }

    init(handler: Handler, namespaces: [(uri: String, index: Int)]) {
        self.handler = handler
        scope = XMLNamespaceScope(namespaces)
        bytes = UnsafePointer(bitPattern: 1)!
        names = .allocate(capacity: namesCapacity)
        pointers = .allocate(capacity: 5 * Self.maxAttributes)
        spans = .allocate(capacity: Self.maxAttributes)
        referenced = .allocate(capacity: 4)
        let xml = Array("http://www.w3.org/XML/1998/namespace".utf8)
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: xml.count + 1)
        pointer.initialize(from: xml + [0], count: xml.count + 1)
        interned[xml] = pointer
        xmlURI = UnsafePointer(pointer)
    }

    deinit {
        names.deallocate()
        pointers.deallocate()
        spans.deallocate()
        referenced.deallocate()
        for pointer in interned.values { pointer.deallocate() }
    }

    /// Parses the whole document in `document`: true when it was plain and
    /// every event was handed over (or the handler said `Done`), false when
    /// libxml2 must parse it. The handler's own errors are rethrown.
    func parse(_ document: UnsafeRawBufferPointer) throws -> Bool {
        guard let base = document.baseAddress, !document.isEmpty else { return false }
        bytes = base.assumingMemoryBound(to: UInt8.self)
        end = document.count
        do {
            try scanDocument()
            return true
        } catch is NotPlain {
            return false
        } catch is XMLStreamParser.Done {
            return true
        }
    }

    // MARK: Document

    private func scanDocument() throws {
        var i = 0
        if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        if matches(i, "<?xml"), i + 5 < end, isSpace(bytes[i + 5]) { i = try declaration(i + 5) }
        i = try misc(i)
        guard i < end, bytes[i] == UInt8(ascii: "<") else { throw NotPlain() }
        i = try elements(i)
        guard try misc(i) == end else { throw NotPlain() }
    }

    /// `<?xml` version="1.0", then encoding UTF-8 and standalone if any, `?>`.
    private func declaration(_ start: Int) throws -> Int {
        var i = start
        var keys: [StaticString] = ["version", "encoding", "standalone"]
        while true {
            let next = skipSpaces(i)
            if matches(next, "?>"), keys.count < 3 { return next + 2 }
            guard next > i else { throw NotPlain() }
            let nameEnd = try name(next)
            guard
                let position = keys.firstIndex(where: { $0.utf8CodeUnitCount == nameEnd - next && matches(next, $0) }),
                keys.count < 3 || position == 0
            else { throw NotPlain() }
            let key = keys[position].utf8CodeUnitCount
            keys.removeFirst(position + 1)
            var j = skipSpaces(nameEnd)
            guard j < end, bytes[j] == UInt8(ascii: "=") else { throw NotPlain() }
            j = skipSpaces(j + 1)
            guard j < end, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") else { throw NotPlain() }
            let quote = bytes[j]
            var valueEnd = j + 1
            while valueEnd < end, bytes[valueEnd] != quote { valueEnd += 1 }
            guard valueEnd < end else { throw NotPlain() }
            let value = Array(UnsafeBufferPointer(start: bytes + j + 1, count: valueEnd - j - 1))
            let accepted: Bool =
                switch key {
                case 7: value == Array("1.0".utf8)
                case 8: value.map { $0 | 0x20 } == Array("utf-8".utf8)
                default: value == Array("yes".utf8) || value == Array("no".utf8)
                }
            guard accepted else { throw NotPlain() }
            i = valueEnd + 1
        }
    }

    /// White space, comments and processing instructions outside the root.
    private func misc(_ start: Int) throws -> Int {
        var i = start
        while true {
            i = skipSpaces(i)
            if matches(i, "<!--") {
                i = try comment(i)
            } else if matches(i, "<?") {
                i = try processingInstruction(i)
            } else {
                return i
            }
        }
    }

    /// The root element from its `<` to past its end tag.
    private func elements(_ start: Int) throws -> Int {
        var i = try startTag(start)
        while !open.isEmpty {
            i = try text(i)
            guard i + 1 < end else { throw NotPlain() }
            switch bytes[i + 1] {
            case UInt8(ascii: "/"): i = try endTag(i)
            case UInt8(ascii: "?"): i = try processingInstruction(i)
            case UInt8(ascii: "!"):
                if matches(i, "<!--") {
                    i = try comment(i)
                } else if matches(i, "<![CDATA[") {
                    i = try cdata(i)
                } else {
                    throw NotPlain()
                }
            default: i = try startTag(i)
            }
        }
        return i
    }

    // MARK: Tags

    private func startTag(_ lt: Int) throws -> Int {
        guard open.count < Self.maxDepth else { throw NotPlain() }
        let nameStart = lt + 1
        let (nameEnd, colon) = try qualifiedName(nameStart)
        var i = nameEnd
        spanCount = 0
        var selfClosing = false
        while true {
            guard i < end else { throw NotPlain() }
            let byte = bytes[i]
            if byte == UInt8(ascii: ">") {
                i += 1
                break
            }
            if byte == UInt8(ascii: "/") {
                guard i + 1 < end, bytes[i + 1] == UInt8(ascii: ">") else { throw NotPlain() }
                i += 2
                selfClosing = true
                break
            }
            guard isSpace(byte) else { throw NotPlain() }
            i = skipSpaces(i)
            guard i < end else { throw NotPlain() }
            if bytes[i] == UInt8(ascii: ">") || bytes[i] == UInt8(ascii: "/") { continue }
            guard spanCount < Self.maxAttributes else { throw NotPlain() }
            let (attributeEnd, attributeColon) = try qualifiedName(i)
            var j = skipSpaces(attributeEnd)
            guard j < end, bytes[j] == UInt8(ascii: "=") else { throw NotPlain() }
            j = skipSpaces(j + 1)
            guard j < end, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") else { throw NotPlain() }
            let valueEnd = try attributeValue(j + 1, quote: bytes[j])
            spans[spanCount] = AttributeSpan(
                nameStart: i, colon: attributeColon, nameEnd: attributeEnd, valueStart: j + 1, valueEnd: valueEnd)
            spanCount += 1
            i = valueEnd + 1
        }
        let pushed = try declareNamespaces()
        let uri = colon < 0 ? defaultURI : try resolve(nameStart, colon)
        let element = OpenElement(
            nameStart: nameStart, nameEnd: nameEnd, localStart: colon < 0 ? nameStart : colon + 1, uri: uri,
            bindings: pushed)
        try handOverStart(element, colon: colon)
        if selfClosing {
            try handOverEnd(element)
        } else {
            open.append(element)
        }
        return i
    }

    private func endTag(_ lt: Int) throws -> Int {
        guard let element = open.last else { throw NotPlain() }
        let length = element.nameEnd - element.nameStart
        let nameStart = lt + 2
        guard nameStart + length < end, memcmp(bytes + nameStart, bytes + element.nameStart, length) == 0 else {
            throw NotPlain()
        }
        let i = skipSpaces(nameStart + length)
        guard i < end, bytes[i] == UInt8(ascii: ">"), i == nameStart + length || isSpace(bytes[nameStart + length])
        else { throw NotPlain() }
        open.removeLast()
        try handOverEnd(element)
        return i + 1
    }

    /// Binds the `xmlns` attributes among `spans` and removes them; returns how many bindings were pushed.
    private func declareNamespaces() throws -> Int {
        var pushed = 0
        var k = 0
        while k < spanCount {
            let span = spans[k]
            // Most attributes are not declarations: one byte tells.
            guard bytes[span.nameStart] == UInt8(ascii: "x") else {
                k += 1
                continue
            }
            let isDefault = span.colon < 0 && matches(span.nameStart, "xmlns") && span.nameEnd - span.nameStart == 5
            let isPrefixed = span.colon - span.nameStart == 5 && matches(span.nameStart, "xmlns")
            guard isDefault || isPrefixed else {
                k += 1
                continue
            }
            let uri = try absoluteURI(span.valueStart, span.valueEnd)
            let prefix =
                isPrefixed
                ? Array(UnsafeBufferPointer(start: bytes + span.colon + 1, count: span.nameEnd - span.colon - 1)) : nil
            // `xml` and `xmlns` are bound by XML itself; the XML namespace under another name is refused.
            guard prefix != Array("xml".utf8), prefix != Array("xmlns".utf8), uri != xmlURI else { throw NotPlain() }
            guard bindings.count < Self.maxBindings else { throw NotPlain() }
            for earlier in bindings.suffix(pushed) where earlier.prefix == prefix { throw NotPlain() }
            bindings.append(Binding(prefix: prefix, internedPrefix: prefix.map { UnsafePointer(intern($0)) }, uri: uri))
            pushed += 1
            (spans + k).update(from: spans + k + 1, count: spanCount - k - 1)
            spanCount -= 1
        }
        if pushed > 0 { defaultURI = currentDefault() }
        return pushed
    }

    /// The interned URI of the declaration's value: an absolute URI of plain ASCII.
    private func absoluteURI(_ start: Int, _ end: Int) throws -> UnsafePointer<UInt8> {
        guard end > start, classes[Int(bytes[start])] & ByteClasses.letter != 0 else { throw NotPlain() }
        var sawColon = false
        for i in start..<end {
            let byte = bytes[i]
            if byte == UInt8(ascii: ":") { sawColon = true }
            guard classes[Int(byte)] & ByteClasses.uri != 0 else { throw NotPlain() }
            if byte == UInt8(ascii: "/"), !sawColon { throw NotPlain() }
        }
        guard sawColon else { throw NotPlain() }
        return UnsafePointer(intern(Array(UnsafeBufferPointer(start: bytes + start, count: end - start))))
    }

    private func intern(_ text: [UInt8]) -> UnsafeMutablePointer<UInt8> {
        if let pointer = interned[text] { return pointer }
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: text.count + 1)
        pointer.initialize(from: text + [0], count: text.count + 1)
        interned[text] = pointer
        return pointer
    }

    private func currentDefault() -> UnsafePointer<UInt8>? {
        bindings.last { $0.prefix == nil }?.uri
    }

    /// The URI bound to the prefix `bytes[start..<colon]`.
    private func resolve(_ start: Int, _ colon: Int) throws -> UnsafePointer<UInt8> {
        let length = colon - start
        if length == 3, matches(start, "xml") { return xmlURI }
        for binding in bindings.reversed() {
            guard let prefix = binding.prefix, prefix.count == length else { continue }
            if prefix.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes + start, length) }) == 0 {
                return binding.uri
            }
        }
        throw NotPlain()
    }

    // MARK: Handing over

    private func handOverStart(_ element: OpenElement, colon: Int) throws {
        // Names, NUL-terminated, all copied before any pointer to them is taken.
        var needed = element.nameEnd - element.nameStart + 2
        for k in 0..<spanCount { needed += spans[k].nameEnd - spans[k].nameStart + 2 }
        if needed > namesCapacity {
            names.deallocate()
            namesCapacity = max(needed, 2 * namesCapacity)
            names = .allocate(capacity: namesCapacity)
        }
        var cursor = 0
        let local = copyName(element.localStart, element.nameEnd, &cursor)
        let prefix = colon < 0 ? nil : copyName(element.nameStart, colon, &cursor)
        for k in 0..<spanCount {
            let span = spans[k]
            let attribute = pointers + 5 * k
            if span.colon < 0 {
                attribute[0] = copyName(span.nameStart, span.nameEnd, &cursor)
                attribute[1] = nil
                attribute[2] = nil
            } else {
                attribute[0] = copyName(span.colon + 1, span.nameEnd, &cursor)
                attribute[1] = copyName(span.nameStart, span.colon, &cursor)
                attribute[2] = try resolve(span.nameStart, span.colon)
            }
            attribute[3] = bytes + span.valueStart
            attribute[4] = bytes + span.valueEnd
            // An attribute named twice (as written, or as local name and URI) is not well-formed.
            for earlier in 0..<k {
                let other = pointers + 5 * earlier
                if other[2] == attribute[2], strcmp(other[0]!, attribute[0]!) == 0 { throw NotPlain() }
            }
        }
        try withDeclarations(element.bindings) { count, pairs in
            scope.enter(count, pairs)
        }
        try handler.startElement(
            XMLName(localName: local, namespace: scope.namespaceIndex(element.uri), prefix: prefix),
            XMLAttributes(base: pointers, count: spanCount, scope: scope))
    }

    private func handOverEnd(_ element: OpenElement) throws {
        if element.bindings > 0 {
            bindings.removeLast(element.bindings)
            defaultURI = currentDefault()
        }
        scope.leave()
        var cursor = 0
        if element.nameEnd - element.localStart + 1 > namesCapacity {
            names.deallocate()
            namesCapacity = 2 * (element.nameEnd - element.localStart + 1)
            names = .allocate(capacity: namesCapacity)
        }
        let local = copyName(element.localStart, element.nameEnd, &cursor)
        try handler.endElement(XMLName(localName: local, namespace: scope.namespaceIndex(element.uri)))
    }

    /// The element's declarations as libxml2 gives them: pairs of prefix (nil for the default) and URI.
    private func withDeclarations(
        _ count: Int, _ body: (Int32, UnsafeMutablePointer<UnsafePointer<UInt8>?>?) throws -> Void
    ) throws {
        guard count > 0 else { return try body(0, nil) }
        let pairs = UnsafeMutablePointer<UnsafePointer<UInt8>?>.allocate(capacity: 2 * count)
        defer { pairs.deallocate() }
        for (k, binding) in bindings.suffix(count).enumerated() {
            pairs[2 * k] = binding.internedPrefix
            pairs[2 * k + 1] = binding.uri
        }
        try body(Int32(count), pairs)
    }

    @inline(__always)
    private func copyName(_ start: Int, _ end: Int, _ cursor: inout Int) -> UnsafePointer<UInt8> {
        let target = names + cursor
        // Names of sheet markup are a few bytes: a loop, not a call of `memcpy` for each.
        if end - start <= 16 {
            for k in 0..<(end - start) { target[k] = bytes[start + k] }
        } else {
            target.update(from: bytes + start, count: end - start)
        }
        target[end - start] = 0
        cursor += end - start + 1
        return UnsafePointer(target)
    }

    // MARK: Content

    /// Text up to the next `<`, handed over in pieces: runs of plain bytes,
    /// what references stand for, and a line break for each CR or CRLF (as XML normalizes them).
    private func text(_ start: Int) throws -> Int {
        var i = start
        var run = start
        while true {
            guard i < end, i - start <= Self.maxTextBytes else { throw NotPlain() }
            let byte = bytes[i]
            if classes[Int(byte)] & ByteClasses.text != 0 {
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "<"):
                try characters(run, i)
                return i
            case UInt8(ascii: "&"):
                try characters(run, i)
                i = try reference(i)
                run = i
            case 0x0D:
                try characters(run, i)
                try lineBreak()
                i += 1
                if i < end, bytes[i] == 0x0A { i += 1 }
                run = i
            case UInt8(ascii: ">"):
                // `]]>` may not appear in text.
                if i - start >= 2, bytes[i - 1] == UInt8(ascii: "]"), bytes[i - 2] == UInt8(ascii: "]") {
                    throw NotPlain()
                }
                i += 1
            case 0x80...:
                i = try character(i)
            default:
                throw NotPlain()
            }
        }
    }

    @inline(__always)
    private func characters(_ start: Int, _ end: Int) throws {
        guard end > start else { return }
        try handler.characters(UnsafeBufferPointer(start: bytes + start, count: end - start))
    }

    private func lineBreak() throws {
        referenced[0] = 0x0A
        try handler.characters(UnsafeBufferPointer(start: referenced, count: 1))
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;`, `&#N;` and `&#xH;`: hands over what it stands for.
    private func reference(_ amp: Int) throws -> Int {
        var i = amp + 1
        guard i < end else { throw NotPlain() }
        if bytes[i] == UInt8(ascii: "#") {
            i += 1
            let hex = i < end && bytes[i] == UInt8(ascii: "x")
            if hex { i += 1 }
            var value: UInt32 = 0
            let digits = i
            while i < end, i - digits < 8, let digit = Self.digit(bytes[i], hex: hex) {
                value = value * (hex ? 16 : 10) + digit
                i += 1
            }
            guard i > digits, i < end, bytes[i] == UInt8(ascii: ";"), Self.isXMLCharacter(value) else {
                throw NotPlain()
            }
            try handler.characters(UnsafeBufferPointer(start: referenced, count: encode(value)))
            return i + 1
        }
        let stands: UInt8
        if matches(i, "lt;") {
            stands = UInt8(ascii: "<")
        } else if matches(i, "gt;") {
            stands = UInt8(ascii: ">")
        } else if matches(i, "amp;") {
            stands = UInt8(ascii: "&")
        } else if matches(i, "quot;") {
            stands = UInt8(ascii: "\"")
        } else if matches(i, "apos;") {
            stands = UInt8(ascii: "'")
        } else {
            throw NotPlain()
        }
        referenced[0] = stands
        try handler.characters(UnsafeBufferPointer(start: referenced, count: 1))
        return i
            + (stands == UInt8(ascii: "\"") || stands == UInt8(ascii: "'") ? 5 : stands == UInt8(ascii: "&") ? 4 : 3)
    }

    private static func digit(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// XML 1.0's Char production.
    private static func isXMLCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Writes `value` as UTF-8 into `referenced`; returns its length.
    private func encode(_ value: UInt32) -> Int {
        switch value {
        case ..<0x80:
            referenced[0] = UInt8(value)
            return 1
        case ..<0x800:
            referenced[0] = UInt8(0xC0 | value >> 6)
            referenced[1] = UInt8(0x80 | value & 0x3F)
            return 2
        case ..<0x10000:
            referenced[0] = UInt8(0xE0 | value >> 12)
            referenced[1] = UInt8(0x80 | value >> 6 & 0x3F)
            referenced[2] = UInt8(0x80 | value & 0x3F)
            return 3
        default:
            referenced[0] = UInt8(0xF0 | value >> 18)
            referenced[1] = UInt8(0x80 | value >> 12 & 0x3F)
            referenced[2] = UInt8(0x80 | value >> 6 & 0x3F)
            referenced[3] = UInt8(0x80 | value & 0x3F)
            return 4
        }
    }

    /// `<![CDATA[…]]>`: its text handed over as it is, line breaks normalized.
    private func cdata(_ lt: Int) throws -> Int {
        let start = lt + 9
        var i = start
        var run = start
        while true {
            guard i < end, i - start <= Self.maxTextBytes else { throw NotPlain() }
            let byte = bytes[i]
            if byte == UInt8(ascii: "]"), matches(i, "]]>") {
                try characters(run, i)
                return i + 3
            }
            if byte == 0x0D {
                try characters(run, i)
                try lineBreak()
                i += 1
                if i < end, bytes[i] == 0x0A { i += 1 }
                run = i
            } else {
                i = try anyCharacter(i)
            }
        }
    }

    /// `<!--…-->`, skipped; `--` may not appear inside.
    private func comment(_ lt: Int) throws -> Int {
        var i = lt + 4
        while true {
            guard i + 1 < end, i - lt <= Self.maxTextBytes else { throw NotPlain() }
            if bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: "-") {
                guard i + 2 < end, bytes[i + 2] == UInt8(ascii: ">") else { throw NotPlain() }
                return i + 3
            }
            i = try anyCharacter(i)
        }
    }

    /// `<?target …?>`, skipped; the target may not be `xml` in any case.
    private func processingInstruction(_ lt: Int) throws -> Int {
        let target = lt + 2
        let targetEnd = try name(target)
        guard
            targetEnd - target != 3
                || Array(UnsafeBufferPointer(start: bytes + target, count: 3)).map({ $0 | 0x20 }) != Array("xml".utf8)
        else { throw NotPlain() }
        if matches(targetEnd, "?>") { return targetEnd + 2 }
        guard targetEnd < end, isSpace(bytes[targetEnd]) else { throw NotPlain() }
        var i = targetEnd
        while true {
            guard i + 1 < end, i - lt <= Self.maxTextBytes else { throw NotPlain() }
            if bytes[i] == UInt8(ascii: "?"), bytes[i + 1] == UInt8(ascii: ">") { return i + 2 }
            i = try anyCharacter(i)
        }
    }

    // MARK: Bytes

    /// The end of the attribute value starting at `start`, closed by `quote`.
    private func attributeValue(_ start: Int, quote: UInt8) throws -> Int {
        var i = start
        while true {
            guard i < end, i - start <= Self.maxTextBytes else { throw NotPlain() }
            let byte = bytes[i]
            if byte == quote { return i }
            if classes[Int(byte)] & ByteClasses.value != 0 {
                i += 1
            } else if byte >= 0x80 {
                i = try character(i)
            } else {
                throw NotPlain()
            }
        }
    }

    /// Past one XML character at `i`, of any kind a comment, CDATA section or instruction may hold.
    @inline(__always)
    private func anyCharacter(_ i: Int) throws -> Int {
        let byte = bytes[i]
        if byte >= 0x80 { return try character(i) }
        guard byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { throw NotPlain() }
        return i + 1
    }

    /// Past the UTF-8 sequence at `i` that encodes an XML character (no
    /// overlong forms, surrogates, U+FFFE or U+FFFF).
    private func character(_ i: Int) throws -> Int {
        let lead = bytes[i]
        @inline(__always) func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < end && bytes[i + k] >= low && bytes[i + k] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            guard continuation(1) else { throw NotPlain() }
            return i + 2
        case 0xE0:
            guard continuation(1, 0xA0), continuation(2) else { throw NotPlain() }
            return i + 3
        case 0xED:
            guard continuation(1, 0x80, 0x9F), continuation(2) else { throw NotPlain() }
            return i + 3
        case 0xEF:
            guard continuation(1), continuation(2) else { throw NotPlain() }
            if bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { throw NotPlain() }
            return i + 3
        case 0xE1...0xEE:
            guard continuation(1), continuation(2) else { throw NotPlain() }
            return i + 3
        case 0xF0:
            guard continuation(1, 0x90), continuation(2), continuation(3) else { throw NotPlain() }
            return i + 4
        case 0xF1...0xF3:
            guard continuation(1), continuation(2), continuation(3) else { throw NotPlain() }
            return i + 4
        case 0xF4:
            guard continuation(1, 0x80, 0x8F), continuation(2), continuation(3) else { throw NotPlain() }
            return i + 4
        default:
            throw NotPlain()
        }
    }

    /// The end of the name at `start` (ASCII letters, digits, `_`, `-`, `.`), with at most one colon
    /// between two non-empty parts; and where the colon is (-1 for none).
    private func qualifiedName(_ start: Int) throws -> (end: Int, colon: Int) {
        let first = try name(start)
        guard first < end, bytes[first] == UInt8(ascii: ":") else { return (first, -1) }
        let second = try name(first + 1)
        guard second >= end || bytes[second] != UInt8(ascii: ":") else { throw NotPlain() }
        return (second, first)
    }

    private func name(_ start: Int) throws -> Int {
        guard start < end, classes[Int(bytes[start])] & ByteClasses.nameStart != 0 else { throw NotPlain() }
        var i = start + 1
        while i < end, classes[Int(bytes[i])] & ByteClasses.name != 0 { i += 1 }
        guard i - start <= Self.maxNameBytes else { throw NotPlain() }
        return i
    }

    @inline(__always)
    private func skipSpaces(_ start: Int) -> Int {
        var i = start
        while i < end, isSpace(bytes[i]) { i += 1 }
        return i
    }

    @inline(__always)
    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// Whether the bytes at `i` are `literal`.
    @inline(__always)
    private func matches(_ i: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= end else { return false }
        return memcmp(bytes + i, literal.utf8Start, count) == 0
    }
}

/// What each byte may be, as bits: the scanner's inner loops test one table entry per byte.
private enum ByteClasses {
    /// Plain in text: printable ASCII but `<`, `&`, `>`, and tab and line feed.
    static let text: UInt8 = 1
    /// Plain in an attribute value: printable ASCII but `<` and `&` (the quote is tested first).
    static let value: UInt8 = 2
    static let nameStart: UInt8 = 4
    static let name: UInt8 = 8
    static let letter: UInt8 = 16
    /// May appear in a namespace URI the scanner accepts.
    static let uri: UInt8 = 32

    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 {
            var bits: UInt8 = 0
            let isPrintable = byte >= 0x20 && byte < 0x80
            if (isPrintable && byte != 0x3C && byte != 0x26 && byte != 0x3E) || byte == 0x09 || byte == 0x0A {
                bits |= text
            }
            if isPrintable && byte != 0x3C && byte != 0x26 { bits |= value }
            let isLetter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            let isDigit = (0x30...0x39).contains(byte)
            if isLetter { bits |= letter }
            if isLetter || byte == 0x5F { bits |= nameStart }
            if isLetter || isDigit || byte == 0x5F || byte == 0x2D || byte == 0x2E { bits |= name }
            if isLetter || isDigit || Array(":/._-#".utf8).contains(UInt8(byte)) { bits |= uri }
            table[byte] = bits
        }
        return UnsafePointer(table)
    }()
}
