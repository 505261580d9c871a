/// Escaping of text for XML element content and attribute values, on bytes.
///
/// Besides `&`, `<` and `>`, the control characters XML 1.0 cannot carry
/// even as character references are written the way Excel writes them,
/// `_x0001_`, and a literal `_xHHHH_` in the text has its `_` escaped as
/// `_x005F_` so that readers do not decode it. Carriage returns become
/// `&#13;`, which XML parsers keep (a raw CR would be normalised away).
enum XMLEscaping {
    /// What a byte needs: 0 nothing, 1 an entity or `_xHHHH_`, 2 a check for
    /// a literal `_xHHHH_` sequence.
    static let textTable: [UInt8] = table(attribute: false)
    static let attributeTable: [UInt8] = table(attribute: true)

    private static func table(attribute: Bool) -> [UInt8] {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in 0..<0x20 { table[byte] = 1 }
        if !attribute {
            table[0x09] = 0
            table[0x0A] = 0
        }
        for byte in "&<>".utf8 { table[Int(byte)] = 1 }
        if attribute { table[Int(UInt8(ascii: "\""))] = 1 }
        table[Int(UInt8(ascii: "_"))] = 2
        return table
    }

    /// Whether XML would drop the text's leading or trailing white space
    /// unless the element says `xml:space="preserve"`.
    static func needsSpacePreserved(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return isSpace(first) || isSpace(last)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether `bytes[index...]` starts with `_xHHHH_`.
    static func isEscapeSequence(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard index + 7 <= bytes.count, bytes[index + 1] == UInt8(ascii: "x") || bytes[index + 1] == UInt8(ascii: "X"),
            bytes[index + 6] == UInt8(ascii: "_")
        else { return false }
        for offset in 2...5 where !bytes[index + offset].isHexDigit { return false }
        return true
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}

extension ByteStream {
    /// Appends text as XML element content (inside `<t>`, `<f>`, ...).
    func appendEscapedText(_ bytes: UnsafeRawBufferPointer) throws {
        try XMLEscaping.textTable.withUnsafeBufferPointer { try appendEscaped(bytes, table: $0) }
    }

    /// Appends text as an attribute value (between double quotes).
    func appendEscapedAttribute(_ bytes: UnsafeRawBufferPointer) throws {
        try XMLEscaping.attributeTable.withUnsafeBufferPointer { try appendEscaped(bytes, table: $0) }
    }

    func appendEscapedText(_ text: String) throws {
        var text = text
        try text.withUTF8 { try appendEscapedText(UnsafeRawBufferPointer($0)) }
    }

    func appendEscapedAttribute(_ text: String) throws {
        var text = text
        try text.withUTF8 { try appendEscapedAttribute(UnsafeRawBufferPointer($0)) }
    }

    /// `<name>text</name>`, the text escaped.
    func appendTextElement(_ name: StaticString, _ text: String) throws {
        try append("<")
        try append(name)
        try append(">")
        try appendEscapedText(text)
        try append("</")
        try append(name)
        try append(">")
    }

    /// Copies runs of plain bytes in one piece and replaces the rest.
    private func appendEscaped(_ bytes: UnsafeRawBufferPointer, table: UnsafeBufferPointer<UInt8>) throws {
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            let need = table[Int(byte)]
            if need == 0 || (need == 2 && !XMLEscaping.isEscapeSequence(bytes, at: index)) { continue }
            try append(UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "&"): try append("&amp;")
            case UInt8(ascii: "<"): try append("&lt;")
            case UInt8(ascii: ">"): try append("&gt;")
            case UInt8(ascii: "\""): try append("&quot;")
            case 0x09: try append("&#9;")
            case 0x0A: try append("&#10;")
            case 0x0D: try append("&#13;")
            default:  // `_` of a literal `_xHHHH_`, or a control character
                try append("_x00")
                try append(Self.hexDigits[Int(byte >> 4)])
                try append(Self.hexDigits[Int(byte & 0xF)])
                try append(UInt8(ascii: "_"))
            }
        }
        try append(UnsafeRawBufferPointer(rebasing: bytes[runStart...]))
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Appends a number as the shortest decimal that reads back to the same
    /// double; integers without a fraction take a digits-only path.
    func appendNumber(_ value: Double) throws {
        if let integer = Int(exactly: value), integer.magnitude < 1 << 53 {
            try appendDecimal(integer)
        } else {
            // Most descriptions fit a small String, which does not allocate.
            try append(utf8: value.description)
        }
    }
}

extension ByteStream {
    /// The declaration every part starts with.
    func appendXMLDeclaration() throws {
        try append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
    }
}
