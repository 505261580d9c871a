import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SheetError.Code {
    /// A part declares a DOCTYPE: no spreadsheet part has a legitimate one,
    /// and it is how entity expansion (billion laughs) and XXE attacks start.
    public static let xmlDoctype = Self("xml-doctype")
    /// A part is not well-formed XML.
    public static let xmlMalformed = Self("xml-malformed")
    /// A part's bytes are not valid in its declared encoding (e.g. invalid UTF-8).
    public static let xmlEncoding = Self("xml-encoding")
}

/// Receives the events of an `XMLStreamParser`. Names and texts are only
/// valid during the call. A thrown error stops the parse and is rethrown
/// by `feed`, `finish` or `parse`; `XMLStreamParser.Done` stops it quietly.
protocol XMLStreamHandler: AnyObject {
    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws
    func endElement(_ name: XMLName) throws
    /// Text content, possibly in several pieces; CDATA sections included.
    func characters(_ text: UnsafeBufferPointer<UInt8>) throws
}

/// An element or attribute name: its local part and its namespace as an
/// index into the namespaces the parser was given (nil: another or none).
/// Matching on local name and namespace, never on prefix, is what makes
/// `<x:c>` the same as `<c>`.
struct XMLName {
    let localName: UnsafePointer<UInt8>
    let namespace: Int?
    /// The prefix as written (`x` of `<x:c>`), nil for none.
    var prefix: UnsafePointer<UInt8>? = nil

    /// The name as written in the tag, prefix included.
    var qualifiedName: [UInt8] {
        var name: [UInt8] = []
        if let prefix { name += UnsafeBufferPointer(start: prefix, count: strlen(prefix)) + [UInt8(ascii: ":")] }
        return name + UnsafeBufferPointer(start: localName, count: strlen(localName))
    }

    /// Whether the local name is `literal` (ASCII).
    @inline(__always)
    func `is`(_ literal: StaticString) -> Bool {
        XMLName.equal(localName, literal)
    }

    /// Whether the name is `literal` in namespace number `namespace`.
    @inline(__always)
    func `is`(_ literal: StaticString, in namespace: Int) -> Bool {
        self.namespace == namespace && XMLName.equal(localName, literal)
    }

    /// Compared byte by byte in place: names are short, and most differ
    /// in their first byte, so this beats a call to `strncmp`.
    @inline(__always)
    static func equal(_ cString: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        for i in 0..<count where cString[i] != bytes[i] { return false }
        return cString[count] == 0
    }
}

/// The attributes of a start tag, as libxml2 hands them over: five
/// pointers each (local name, prefix, URI, value start, value end).
struct XMLAttributes {
    private let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int
    /// Unretained: attributes only live during a callback of the parser that
    /// owns the scope. Called through `_withUnsafeGuaranteedRef`: an
    /// `unowned(unsafe)` reference was still retained around each call, once
    /// per attribute (6% of an ODS read).
    private let scope: Unmanaged<XMLNamespaceScope>

    /// `count` attributes at `base`, five pointers each; URIs are those `scope` knows.
    init(base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, count: Int, scope: XMLNamespaceScope) {
        self.base = base
        self.count = count
        self.scope = .passUnretained(scope)
    }

    /// The local name of attribute `i`.
    @inline(__always)
    func localName(_ i: Int) -> UnsafePointer<UInt8> { base![5 * i]! }

    /// The raw value of attribute `i`.
    @inline(__always)
    func value(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let start = base![5 * i + 3]!
        return UnsafeBufferPointer(start: start, count: base![5 * i + 4]! - start)
    }

    /// The namespace index of attribute `i`.
    func namespace(_ i: Int) -> Int? { scope._withUnsafeGuaranteedRef { $0.namespaceIndex(base![5 * i + 2]) } }

    /// The namespace declarations in scope at this start tag, as `xmlns`
    /// attributes (` xmlns="…" xmlns:x="…"`): what a piece of the document
    /// cut out below this element needs to mean the same.
    func namespaceDeclarationsInScope() -> [UInt8] { scope._withUnsafeGuaranteedRef { $0.declarationsInScope() } }

    /// The raw value of the attribute with local name `name` and no
    /// namespace (or, with `namespace`, that namespace).
    ///
    /// libxml2 leaves `&` in values as `&#38;` when entities are not
    /// substituted; `string(_:)` decodes it for the rare values that carry one.
    @inline(__always)
    func value(_ name: StaticString, namespace: Int? = nil) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            let attribute = base + 5 * i
            guard let local = attribute[0], XMLName.equal(local, name) else { continue }
            if self.namespace(i) != namespace { continue }
            guard let start = attribute[3], let end = attribute[4] else { return nil }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The attribute's value as a String, with `&#38;` decoded.
    func string(_ name: StaticString, namespace: Int? = nil) -> String? {
        value(name, namespace: namespace).map(Self.decode)
    }

    /// Looks for `&#` in the bytes: `String.contains` is Foundation's here,
    /// a trip through NSString for every attribute of every cell.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        let referenced = zip(raw, raw.dropFirst()).contains { $0 == UInt8(ascii: "&") && $1 == UInt8(ascii: "#") }
        return referenced ? text.replacingAll("&#38;", with: "&") : text
    }
}

extension String {
    /// The string with every `target` replaced (no Foundation needed).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

/// libxml2's SAX2 push parser, hardened for untrusted files and parts: no
/// network, no entity substitution, no DTD loading, and any DOCTYPE stops
/// the parse with `xml-doctype` (Debian's libxml2 2.9.14 has no XXE or
/// amplification guard of its own). Bytes are pushed in chunks as they are
/// inflated or read; errors become `SheetError`s naming the file, the part
/// and the line.
final class XMLStreamParser {
    /// Thrown by a handler that has what it needs: the parse ends without error.
    struct Done: Error {}

    private var context: xmlParserCtxtPtr?
    /// A constant of a parser the callbacks borrow: calling it costs no reference counting.
    private let handler: any XMLStreamHandler
    private let file: String?
    private let part: String?
    /// The namespaces the handler matches names against, and those declared in scope.
    private let scope: XMLNamespaceScope
    /// The first error: from libxml2, the DOCTYPE guard, or the handler.
    private var failure: Error?
    /// Whether the handler said `Done` (or a failure stopped libxml2).
    @exclusivity(unchecked) private(set) var isStopped = false

    /// Prepares a parse of `file` (or of `part` inside it); names in one of
    /// `namespaces` carry its index (several URIs may share one, e.g.
    /// transitional and strict OOXML).
    init(
        handler: any XMLStreamHandler, namespaces: [(uri: String, index: Int)],
        file: String? = nil, part: String? = nil
    ) {
        self.handler = handler
        self.file = file
        self.part = part
        scope = XMLNamespaceScope(namespaces)
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// Parses the whole of `input`, read chunk by chunk; stops early when the handler is done.
    func parse(_ input: InputFile) throws {
        try input.streamChunks(while: { !isStopped }, { try feed($0) })
        try finish()
    }

    /// Parses the whole document in `bytes`.
    /// libxml2 pulls the bytes (its pull parser is about a tenth faster than its push parser).
    func parse(_ bytes: [UInt8]) throws {
        precondition(context == nil, "a parser parses one document")
        try bytes.withUnsafeBytes { bytes in
            var rest = bytes
            try withUnsafeMutablePointer(to: &rest) { rest in
                var sax = Self.makeSAXHandler()
                context = xmlCreateIOParserCtxt(
                    &sax, Unmanaged.passUnretained(self).toOpaque(),
                    { source, buffer, length in
                        let rest = source!.assumingMemoryBound(to: UnsafeRawBufferPointer.self)
                        let count = min(Int(length), rest.pointee.count)
                        guard count > 0 else { return 0 }
                        UnsafeMutableRawPointer(buffer!).copyMemory(from: rest.pointee.baseAddress!, byteCount: count)
                        rest.pointee = UnsafeRawBufferPointer(rebasing: rest.pointee[count...])
                        return Int32(count)
                    }, nil, rest, XML_CHAR_ENCODING_NONE)
                guard let context else { throw located(SheetError(.xmlMalformed, "libxml2 could not create a parser")) }
                xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
                xmlParseDocument(context)
                try check()
                if context.pointee.wellFormed == 0 { throw located(SheetError(.xmlMalformed, "not well-formed XML")) }
            }
        }
    }

    /// Parses the next bytes of the document.
    func feed(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty, !isStopped else { return }
        var rest = bytes
        if context == nil {
            rest = Self.droppingBlankLines(rest)
            // The first bytes tell libxml2 the encoding (a BOM, or `<?xml` in UTF-16).
            let head = min(rest.count, 4)
            try createContext(UnsafeRawBufferPointer(rebasing: rest[..<head]))
            rest = UnsafeRawBufferPointer(rebasing: rest[head...])
        }
        while !rest.isEmpty, !isStopped {
            let piece = min(rest.count, 1 << 30)
            xmlParseChunk(context, rest.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(piece), 0)
            try check()
            rest = UnsafeRawBufferPointer(rebasing: rest[piece...])
        }
    }

    /// Whether libxml2 takes the document's bytes as they are, as UTF-8 (no
    /// BOM of UTF-16, no other declared encoding): pieces cut from them parse alike.
    var readsUTF8: Bool {
        guard let input = context?.pointee.input, let buffer = input.pointee.buf else { return false }
        return buffer.pointee.encoder == nil
    }

    /// Ends the document and reports any error left.
    func finish() throws {
        guard !isStopped else { return try check() }
        if context == nil { try createContext(UnsafeRawBufferPointer(start: nil, count: 0)) }
        xmlParseChunk(context, nil, 0, 1)
        try check()
        if let context, context.pointee.wellFormed == 0 {
            throw located(SheetError(.xmlMalformed, "not well-formed XML"))
        }
    }

    /// Some exporters put blank lines before the XML declaration, which XML forbids.
    private static func droppingBlankLines(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let blanks = bytes.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
        guard blanks > 0, bytes.dropFirst(blanks).starts(with: "<?xml".utf8) else { return bytes }
        return UnsafeRawBufferPointer(rebasing: bytes[blanks...])
    }

    private func createContext(_ head: UnsafeRawBufferPointer) throws {
        var sax = Self.makeSAXHandler()
        context = xmlCreatePushParserCtxt(
            &sax, Unmanaged.passUnretained(self).toOpaque(),
            head.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(head.count), nil)
        guard let context else {
            throw located(SheetError(.xmlMalformed, "libxml2 could not create a parser"))
        }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        try check()
    }

    private func check() throws {
        if let failure { throw failure }
    }

    private func located(_ error: SheetError) -> SheetError {
        error.locatedIn(file: file, part: part)
    }

    /// Records the first failure (or the handler's `Done`) and stops libxml2.
    fileprivate func stop(_ error: Error) {
        guard !isStopped else { return }
        isStopped = true
        switch error {
        case is Done: break
        case let error as SheetError: failure = located(error)
        default: failure = error  // the caller's own error, from a row callback
        }
        if let context { xmlStopParser(context) }
    }

    private static func parser(_ context: UnsafeMutableRawPointer?) -> XMLStreamParser {
        Unmanaged<XMLStreamParser>.fromOpaque(context!).takeUnretainedValue()
    }

    /// Runs `body` on the parser behind a callback's context without
    /// retaining it: the parser outlives every callback it makes.
    @inline(__always)
    private static func withParser(_ context: UnsafeMutableRawPointer?, _ body: (XMLStreamParser) -> Void) {
        Unmanaged<XMLStreamParser>.fromOpaque(context!)._withUnsafeGuaranteedRef(body)
    }

    /// Only the callbacks listed here run: with the rest nil, libxml2 builds
    /// no tree and resolves no entity.
    private static func makeSAXHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = {
            context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            XMLStreamParser.withParser(context) { parser in
                guard !parser.isStopped, let localName else { return }
                parser.scope.enter(namespaceCount, namespaces)
                do {
                    try parser.handler.startElement(
                        XMLName(localName: localName, namespace: parser.scope.namespaceIndex(uri), prefix: prefix),
                        XMLAttributes(base: attributes, count: Int(attributeCount), scope: parser.scope))
                } catch {
                    parser.stop(error)
                }
            }
        }
        sax.endElementNs = { context, localName, _, uri in
            XMLStreamParser.withParser(context) { parser in
                guard !parser.isStopped, let localName else { return }
                parser.scope.leave()
                do {
                    try parser.handler.endElement(
                        XMLName(localName: localName, namespace: parser.scope.namespaceIndex(uri)))
                } catch {
                    parser.stop(error)
                }
            }
        }
        let characters: charactersSAXFunc = { context, text, count in
            XMLStreamParser.withParser(context) { parser in
                guard !parser.isStopped, let text else { return }
                do {
                    try parser.handler.characters(UnsafeBufferPointer(start: text, count: Int(count)))
                } catch {
                    parser.stop(error)
                }
            }
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.internalSubset = { context, name, _, _ in
            let parser = XMLStreamParser.parser(context)
            let root = name.map { String(cString: $0) } ?? "?"
            parser.stop(
                SheetError(
                    .xmlDoctype,
                    "the XML declares a DOCTYPE (<!DOCTYPE \(root)>), refused: DTDs and entities are not allowed"))
        }
        sax.serror = { context, error in
            guard let context, let error, error.pointee.level == XML_ERR_FATAL else { return }
            let parser = XMLStreamParser.parser(context)
            let message =
                error.pointee.message.map { String(cString: $0) }?
                .trimmingSuffix { $0 == "\n" || $0 == " " } ?? "XML error \(error.pointee.code)"
            let code: SheetError.Code =
                switch xmlParserErrors(UInt32(error.pointee.code)) {
                case XML_ERR_INVALID_CHAR, XML_ERR_INVALID_ENCODING, XML_ERR_UNSUPPORTED_ENCODING,
                    XML_ERR_UNKNOWN_ENCODING:
                    .xmlEncoding
                default:
                    .xmlMalformed
                }
            parser.stop(SheetError(code, message, line: Int(error.pointee.line)))
        }
        return sax
    }
}

extension String {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return String(self[..<end])
    }
}
