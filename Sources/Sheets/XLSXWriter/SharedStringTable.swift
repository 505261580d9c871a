#if canImport(Glibc)
    import Glibc
#endif

/// The workbook's `xl/sharedStrings.xml`: each distinct text once, cells
/// refer to it by index.
///
/// It must be written after every sheet, so it holds all distinct strings
/// until the workbook closes; the strings live end to end in one byte arena
/// with an open-addressing index, not as one heap object each.
/// (`WorkbookWriter.Options.inlineStrings` avoids the table altogether.)
struct SharedStringTable {
    private var arena: [UInt8] = []
    /// Start of string i in `arena`; string i ends where i + 1 starts.
    private var starts: [Int] = [0]
    /// Open-addressing slots holding string index + 1 (0 = empty).
    private var slots = [Int32](repeating: 0, count: 1024)
    /// Cells that refer to the table, for the `count` attribute.
    private(set) var referenceCount = 0

    var uniqueCount: Int { starts.count - 1 }

    /// The index of `text`, adding it on first sight.
    mutating func index(of text: UnsafeRawBufferPointer) -> Int {
        referenceCount += 1
        var hasher = Hasher()
        hasher.combine(bytes: text)
        let mask = slots.count - 1
        var slot = hasher.finalize() & mask
        while slots[slot] != 0 {
            let candidate = Int(slots[slot]) - 1
            if equals(candidate, text) { return candidate }
            slot = (slot + 1) & mask
        }
        let index = uniqueCount
        arena.append(contentsOf: text)
        starts.append(arena.count)
        slots[slot] = Int32(index + 1)
        if uniqueCount * 2 > slots.count { grow() }
        return index
    }

    private func equals(_ index: Int, _ text: UnsafeRawBufferPointer) -> Bool {
        let start = starts[index]
        let end = starts[index + 1]
        guard end - start == text.count else { return false }
        return arena.withUnsafeBytes { stored in
            text.count == 0 || memcmp(stored.baseAddress! + start, text.baseAddress!, text.count) == 0
        }
    }

    /// Doubles the slots and re-inserts every string.
    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        arena.withUnsafeBytes { stored in
            for index in 0..<uniqueCount {
                var hasher = Hasher()
                hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: stored[starts[index]..<starts[index + 1]]))
                var slot = hasher.finalize() & mask
                while bigger[slot] != 0 { slot = (slot + 1) & mask }
                bigger[slot] = Int32(index + 1)
            }
        }
        slots = bigger
    }

    func write(to out: ByteStream) throws {
        try out.appendXMLDeclaration()
        try out.append(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count=""#)
        try out.appendDecimal(referenceCount)
        try out.append(#"" uniqueCount=""#)
        try out.appendDecimal(uniqueCount)
        try out.append(#"">"#)
        try arena.withUnsafeBytes { stored in
            for index in 0..<uniqueCount {
                let text = UnsafeRawBufferPointer(rebasing: stored[starts[index]..<starts[index + 1]])
                try out.append("<si>")
                try out.appendTextElement(text)
                try out.append("</si>")
            }
        }
        try out.append("</sst>")
    }
}

extension ByteStream {
    /// `<t>text</t>`, preserving leading and trailing white space.
    func appendTextElement(_ text: UnsafeRawBufferPointer) throws {
        try append(XMLEscaping.needsSpacePreserved(text) ? #"<t xml:space="preserve">"# : "<t>")
        try appendEscapedText(text)
        try append("</t>")
    }
}
