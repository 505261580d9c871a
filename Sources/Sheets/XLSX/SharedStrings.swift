/// `xl/sharedStrings.xml`: the workbook's table of distinct texts, which
/// `t="s"` cells point into by index.
///
/// Stored compactly, as the UTF-8 of every item in one byte buffer and the
/// items' end offsets: a million strings cost their bytes plus 8 bytes each,
/// not a million heap objects.
struct SharedStrings {
    private(set) var bytes: [UInt8] = []
    /// `ends[i]` is where item `i` ends in `bytes`; it starts where item `i - 1` ends.
    private(set) var ends: [Int] = []

    var count: Int { ends.count }

    /// The UTF-8 of item `index`, or nil past the end of the table.
    @inline(__always)
    func item(_ index: Int) -> ArraySlice<UInt8>? {
        range(of: index).map { bytes[$0] }
    }

    /// Calls `body` with the UTF-8 of item `index`; nil past the end of the
    /// table. What a sheet's cells read: a slice of the table for each cell
    /// cost a retain and a release of its storage, and a generic append.
    @inline(__always)
    func withItem<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        guard let range = range(of: index) else { return nil }
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    @inline(__always)
    private func range(of index: Int) -> Range<Int>? {
        guard index >= 0, index < ends.count else { return nil }
        return (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Adds an item at the end: how readers of other formats (`.xls`) build their table.
    mutating func append(_ item: some Collection<UInt8>) {
        bytes.append(contentsOf: item)
        ends.append(bytes.count)
    }

    /// Reads the table: rich-text runs concatenated, phonetic (`rPh`) runs
    /// left out, `_xHHHH_` escapes decoded, whitespace as `xml:space` says.
    static func read(_ part: String, in archive: ZipArchive, limits: ReadLimits) throws -> SharedStrings {
        try archive.parseXML(part, namespaces: OOXML.namespaces) { Reader(limits: limits) }.table
    }

    private final class Reader: XMLStreamHandler {
        let limits: ReadLimits
        var table = SharedStrings()
        var inItem = false
        /// Depth of `rPh` elements around the parser: their text is a reading aid, not content.
        var phoneticDepth = 0
        var inText = false
        var preserveSpace = false
        var text: [UInt8] = []

        init(limits: ReadLimits) { self.limits = limits }

        func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws {
            guard name.namespace == OOXML.main else { return }
            if name.is("si") {
                inItem = true
            } else if name.is("rPh") {
                phoneticDepth += 1
            } else if name.is("t"), inItem, phoneticDepth == 0 {
                inText = true
                preserveSpace = attributes.string("space", namespace: OOXML.xml) == "preserve"
                text.removeAll(keepingCapacity: true)
            } else if name.is("sst"), let count = attributes.string("uniqueCount").flatMap({ Int($0) }) {
                // A hint only: capped so that a lying count cannot reserve gigabytes.
                table.ends.reserveCapacity(min(count, 1 << 20))
            }
        }

        func endElement(_ name: XMLName) throws {
            guard name.namespace == OOXML.main else { return }
            if name.is("t"), inText {
                inText = false
                text.withUnsafeBufferPointer { XLSXText.append($0, preserve: preserveSpace, to: &table.bytes) }
            } else if name.is("rPh") {
                phoneticDepth -= 1
            } else if name.is("si") {
                inItem = false
                let start = table.ends.last ?? 0
                guard table.bytes.count - start <= limits.maxCellBytes else {
                    throw SheetError(
                        .cellTooLong,
                        "shared string \(table.ends.count) is \(table.bytes.count - start) bytes, more than the limit of \(limits.maxCellBytes)"
                    )
                }
                table.ends.append(table.bytes.count)
            }
        }

        func characters(_ chunk: UnsafeBufferPointer<UInt8>) throws {
            if inText { text.append(contentsOf: chunk) }
        }
    }
}
