#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Numbers read straight from a file's bytes, with no String per cell: the
/// values of XLSX `<v>` and XML Spreadsheet 2003 `Data`, row and column numbers.
enum DecimalBytes {
    /// A decimal integer of at most 18 digits (with a leading `-` when
    /// `allowingSign`), or nil.
    @inline(__always)
    static func integer<C: Collection<UInt8>>(_ bytes: C, allowingSign: Bool = false) -> Int? {
        var value = 0
        var digits = 0
        var negative = false
        for byte in bytes {
            if allowingSign, digits == 0, !negative, byte == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits == 0 ? nil : negative ? -value : value
    }

    /// The whole of `bytes` as a finite number, or nil when it is not one in
    /// full (surrounding ASCII whitespace allowed): plain integers directly,
    /// the rest with `strtod` on a NUL-terminated copy.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if bytes.count <= 15, let integer = integer(bytes, allowingSign: true) {
            return Double(integer)
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { copy -> Double? in
            let start = copy.baseAddress!
            if let source = bytes.baseAddress {
                UnsafeMutableRawPointer(start).copyMemory(from: source, byteCount: bytes.count)
            }
            start[bytes.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let number = strtod(start, &end)
            guard let end, end != start else { return nil }
            var rest = UnsafePointer(end)
            while rest.pointee == 0x20 || rest.pointee == 0x09 || rest.pointee == 0x0A || rest.pointee == 0x0D {
                rest += 1
            }
            return rest.pointee == 0 && number.isFinite ? number : nil
        }
    }
}
