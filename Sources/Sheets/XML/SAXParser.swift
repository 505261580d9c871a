import CLibXML2

/// An element's name as libxml2 reports it: local name and namespace URI
/// (prefixes do not matter), as NUL-terminated UTF-8.
struct SAXName {
    let localName: UnsafePointer<UInt8>
    let namespace: UnsafePointer<UInt8>?

    /// Whether the element is `local` in namespace `uri`.
    @inline(__always)
    func `is`(_ local: StaticString, in uri: StaticString) -> Bool {
        xmlStrEqual(localName, local.utf8Start) != 0 && namespace.map { xmlStrEqual($0, uri.utf8Start) != 0 } == true
    }
}

/// An element's attributes, as libxml2's five pointers per attribute
/// (local name, prefix, URI, value start, value end).
struct SAXAttributes {
    let count: Int
    let pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The value of attribute `local` in namespace `uri` (nil: no namespace).
    func value(_ local: StaticString, in uri: StaticString?) -> UnsafeBufferPointer<UInt8>? {
        guard let pointers else { return nil }
        for i in 0..<count {
            let base = pointers + 5 * i
            guard xmlStrEqual(base[0], local.utf8Start) != 0 else { continue }
            switch (base[2], uri) {
            case (nil, nil): break
            case (let actual?, let expected?) where xmlStrEqual(actual, expected.utf8Start) != 0: break
            default: continue
            }
            let start = base[3]!, end = base[4]!
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }
}

/// What a SAX client hears from `SAXPushParser`. Pointers are valid only during the call.
protocol SAXPushParserDelegate: AnyObject {
    func startElement(_ name: SAXName, attributes: SAXAttributes)
    func endElement(_ name: SAXName)
    func characters(_ text: UnsafeBufferPointer<UInt8>)
}

/// A streaming XML parser on libxml2's SAX2 push interface, safe for
/// untrusted files: no network, no entity substitution, no DTD loading, and
/// any DOCTYPE stops the parse with `xml-doctype` (Debian's libxml2 2.9.14
/// has no XXE or amplification guard of its own). Errors become `SheetError`s.
final class SAXPushParser {
    private unowned let delegate: SAXPushParserDelegate
    private let file: String
    private let part: String?
    private var context: xmlParserCtxtPtr?
    /// The first error: from libxml2, the DOCTYPE guard, or the delegate.
    private(set) var error: SheetError?

    init(delegate: SAXPushParserDelegate, file: String, part: String? = nil) {
        self.delegate = delegate
        self.file = file
        self.part = part
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
    }

    /// Whether parsing was stopped, with or without an error.
    private(set) var isStopped = false

    /// Stops parsing with `error`, e.g. when the delegate finds a limit exceeded.
    func stop(with error: SheetError) {
        if self.error == nil { self.error = error }
        stop()
    }

    /// Stops parsing without error: the delegate has what it needs.
    func stop() {
        isStopped = true
        if let context { xmlStopParser(context) }
    }

    /// Parses the whole of `input`, fed to libxml2 chunk by chunk.
    func parse(_ input: InputFile, chunkSize: Int = 256 << 10) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = try input.read(into: buffer)
            try feed(UnsafeRawBufferPointer(rebasing: buffer[..<count]), isLast: count == 0)
            if count == 0 || isStopped { return }
        }
    }

    /// Parses the next chunk; `isLast` ends the document.
    func feed(_ chunk: UnsafeRawBufferPointer, isLast: Bool) throws {
        var bytes = chunk.baseAddress?.assumingMemoryBound(to: CChar.self)
        var count = chunk.count
        if context == nil {
            // Some exporters put blank lines before the XML declaration, which XML forbids.
            let blanks = chunk.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
            if blanks > 0, chunk.dropFirst(blanks).starts(with: Array("<?xml".utf8)) {
                bytes = bytes.map { $0 + blanks }
                count -= blanks
            }
            // The first bytes tell libxml2 the encoding (BOM, or `<?xml` in UTF-16).
            let head = min(count, 4)
            context = createContext(bytes, Int32(head))
            bytes = bytes.map { $0 + head }
            count -= head
        }
        if !isStopped {
            let status = xmlParseChunk(context, bytes, Int32(count), isLast ? 1 : 0)
            if status != 0, error == nil, !isStopped {
                error = SheetError(.xmlMalformed, "XML error \(status)", file: file, part: part)
            }
        }
        if let error { throw error }
    }

    private func createContext(_ bytes: UnsafePointer<CChar>?, _ count: Int32) -> xmlParserCtxtPtr? {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { user, localName, _, uri, _, _, attributeCount, _, attributes in
            let parser = Unmanaged<SAXPushParser>.fromOpaque(user!).takeUnretainedValue()
            guard parser.error == nil else { return }
            parser.delegate.startElement(SAXName(localName: localName!, namespace: uri),
                                         attributes: SAXAttributes(count: Int(attributeCount), pointers: attributes))
        }
        handler.endElementNs = { user, localName, _, uri in
            let parser = Unmanaged<SAXPushParser>.fromOpaque(user!).takeUnretainedValue()
            guard parser.error == nil else { return }
            parser.delegate.endElement(SAXName(localName: localName!, namespace: uri))
        }
        let characters: charactersSAXFunc = { user, text, length in
            let parser = Unmanaged<SAXPushParser>.fromOpaque(user!).takeUnretainedValue()
            guard parser.error == nil, let text else { return }
            parser.delegate.characters(UnsafeBufferPointer(start: text, count: Int(length)))
        }
        handler.characters = characters
        handler.cdataBlock = characters
        handler.internalSubset = { user, _, _, _ in
            let parser = Unmanaged<SAXPushParser>.fromOpaque(user!).takeUnretainedValue()
            parser.stop(with: SheetError(.xmlDoctype, "the XML declares a DOCTYPE, which spreadsheets never need: refused",
                                         file: parser.file, part: parser.part))
        }
        handler.serror = { user, error in
            guard let user, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let parser = Unmanaged<SAXPushParser>.fromOpaque(user).takeUnretainedValue()
            guard parser.error == nil else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "XML error \(error.pointee.code)"
            parser.error = SheetError(.xmlMalformed, message.trimmingTrailingNewlines, file: parser.file, part: parser.part,
                                      line: Int(error.pointee.line))
        }
        let user = Unmanaged.passUnretained(self).toOpaque()
        let created = xmlCreatePushParserCtxt(&handler, user, bytes, count, nil)
        if let created {
            xmlCtxtUseOptions(created, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
        }
        return created
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
