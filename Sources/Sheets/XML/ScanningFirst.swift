/// Whole documents in memory parsed by `PlainXMLScanner` first, and by
/// libxml2, from the start and with a new handler, when they are not plain.
/// What the caller sees is the same either way: the handler's state,
/// rows delivered up to any error, then the error, named by file and part.
/// For parts small enough to hold (a county's form, its shared strings); a
/// large part is streamed (`ZipArchive.parseXML(_:with:)`) or cut into pieces
/// (`XMLRowSegmenter`).
enum ScanningFirst {
    /// Parts and files up to this size are held whole and scanned; larger
    /// ones stream (and are inflated ahead on a second thread).
    static let largestHeld: Int64 = ZipArchive.inflateAheadFloor

    /// Parses `bytes` with the handler `make` returns; returns the handler whose events stood.
    static func parse<Handler: XMLStreamHandler>(
        _ bytes: [UInt8], namespaces: [(uri: String, index: Int)], file: String?, part: String?,
        making make: () -> Handler
    ) throws -> Handler {
        let scanned = make()
        do {
            if try bytes.withUnsafeBytes({ try PlainXMLScanner(handler: scanned, namespaces: namespaces).parse($0) }) {
                return scanned
            }
        } catch let error as SheetError {
            // As `XMLStreamParser` names the place of errors thrown in its callbacks.
            throw error.locatedIn(file: file, part: part)
        }
        let handler = make()
        let parser = XMLStreamParser(handler: handler, namespaces: namespaces, file: file, part: part)
        try bytes.withUnsafeBytes { try parser.feed($0) }
        try parser.finish()
        return handler
    }

    /// Parses `bytes` with the handler `make` returns for rows: the scanner's
    /// go into a batch, delivered to `body` when the scan ends (before its
    /// error, if any); libxml2's go to `body` as they come.
    static func readRows<Handler: XMLStreamHandler>(
        _ bytes: [UInt8], namespaces: [(uri: String, index: Int)], file: String?, part: String?,
        with make: (@escaping (SheetRow) throws -> Void) -> Handler,
        _ body: @escaping (SheetRow) throws -> Void
    ) throws -> Handler {
        var rows = RowBatch(reservingFor: bytes.count)
        var isScanning = true
        func deliverScanned() throws {
            guard isScanning else { return }
            var row = SheetRow()
            do {
                try rows.deliver(through: &row, adding: 0, toFirst: 0, body)
            } catch let error as SheetError {
                throw error.locatedIn(file: file, part: part)
            }
        }
        let handler: Handler
        do {
            var made = 0
            handler = try parse(bytes, namespaces: namespaces, file: file, part: part) {
                made += 1
                isScanning = made == 1
                return isScanning ? make { rows.append($0) } : make(body)
            }
        } catch {
            try deliverScanned()
            throw error
        }
        try deliverScanned()
        return handler
    }
}

extension ZipArchive {
    /// Parses entry `name` with the handler `make` returns and returns the
    /// handler whose events stood: a small entry is read whole and scanned
    /// first (`ScanningFirst.parse`), a larger one streams through libxml2.
    func parseXML<Handler: XMLStreamHandler>(
        _ name: String, namespaces: [(uri: String, index: Int)], making make: () -> Handler
    ) throws -> Handler {
        guard let entry = entry(named: name), entry.uncompressedSize < ScanningFirst.largestHeld else {
            let handler = make()
            try parseXML(name, namespaces: namespaces, with: handler, from: nil)
            return handler
        }
        return try ScanningFirst.parse(readEntry(name), namespaces: namespaces, file: path, part: name, making: make)
    }

    /// Parses sheet part `name` as `parseXML(_:namespaces:making:)` does, with
    /// a handler that delivers its rows to `body` (`ScanningFirst.readRows`).
    func parseXML<Handler: XMLStreamHandler>(
        _ name: String, namespaces: [(uri: String, index: Int)],
        rows make: (@escaping (SheetRow) throws -> Void) -> Handler, _ body: @escaping (SheetRow) throws -> Void
    ) throws -> Handler {
        guard let entry = entry(named: name), entry.uncompressedSize < ScanningFirst.largestHeld else {
            let handler = make(body)
            try parseXML(name, namespaces: namespaces, with: handler, from: nil)
            return handler
        }
        return try ScanningFirst.readRows(
            readEntry(name), namespaces: namespaces, file: path, part: name, with: make, body)
    }

    /// The one parse of a part by libxml2: from its `bytes` when they are
    /// already read, otherwise streamed from the archive.
    func parseXML(
        _ name: String, namespaces: [(uri: String, index: Int)], with handler: some XMLStreamHandler,
        from bytes: [UInt8]?
    ) throws {
        let parser = XMLStreamParser(handler: handler, namespaces: namespaces, file: path, part: name)
        if let bytes {
            try bytes.withUnsafeBytes { try parser.feed($0) }
        } else {
            try streamEntryInflatingAhead(name) { try parser.feed($0) }
        }
        try parser.finish()
    }
}
