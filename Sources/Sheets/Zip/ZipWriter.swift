import CZlib

/// Writes a ZIP archive front to back, each entry deflated as its bytes
/// come: sizes and CRC-32 follow the data in a data descriptor (general
/// purpose bit 3), so nothing seeks back and no entry is held whole. An
/// entry of up to 16 KiB is held until it ends, and its deflate stream taken
/// from `deflatedParts` when it was written before.
///
/// ZIP64 records appear only where needed: for an entry whose sizes or
/// offset reach 4 GiB, and at the end when the central directory does or
/// the archive has 65,535 entries or more. Timestamps are fixed at
/// 1980-01-01 00:00 so that the same entries give the same bytes.
///
/// Usage: `beginEntry`, `write` (any number of times), `endEntry`, …, `finish`.
public final class ZipWriter: ByteSink {
    /// Where sizes and offsets switch to ZIP64; 0xFFFFFFFF in real use,
    /// smaller in tests so that ZIP64 archives need not be 4 GiB.
    let zip64Threshold: UInt64
    private let output: ByteStream
    private let deflater: Deflater
    private let compressionLevel: Int32
    private var entries: [CentralRecord] = []
    private var open: OpenEntry?
    private var finished = false

    /// What the central directory needs to know of a written entry.
    private struct CentralRecord {
        var name: [UInt8]
        var crc: UInt32
        var compressedSize: UInt64
        var size: UInt64
        var offset: UInt64
    }

    /// The entry being written.
    private struct OpenEntry {
        var name: [UInt8]
        var offset: UInt64
        var crc: uLong = crc32(0, nil, 0)
        var size: UInt64 = 0
        /// The entry's bytes while it may still be a part written before
        /// (`deflatedParts`); nil once it outgrew that and streams through the deflater.
        var held: [UInt8]? = []
    }

    /// Small entries already deflated, shared by every writer of the
    /// process: a nightly run writes thousands of receipt workbooks whose
    /// theme, styles, relationships and content types are the same bytes
    /// each time, and deflating them again was most of a receipt's cost. An
    /// entry's deflate stream depends only on its bytes and the level, so a
    /// remembered one gives the same archive byte for byte.
    static let deflatedParts = BytesMemo<DeflatedPart, [UInt8]>(largest: 16 * 1024, capacity: 256)

    struct DeflatedPart: Hashable {
        var level: Int32
        var crc: UInt32
        var size: Int
    }

    // Fixed parts of the records.
    private static let versionNeeded: UInt16 = 20
    private static let versionNeededZip64: UInt16 = 45
    /// Bit 3: sizes in a data descriptor; bit 11: names are UTF-8.
    private static let flags: UInt16 = 0x0808
    private static let methodDeflate: UInt16 = 8
    /// 00:00:00 and 1980-01-01 in MS-DOS format.
    private static let dosTime: UInt16 = 0
    private static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    /// Writes the archive to `sink`, deflating at `compressionLevel` (0–9).
    public convenience init(sink: ByteSink, compressionLevel: Int32 = 6) throws {
        try self.init(sink: sink, compressionLevel: compressionLevel, zip64Threshold: UInt64(UInt32.max))
    }

    init(sink: ByteSink, compressionLevel: Int32, zip64Threshold: UInt64) throws {
        self.output = ByteStream(sink: sink, capacity: 1 << 17)
        self.deflater = try DeflaterPool.shared.take(level: compressionLevel)
        self.compressionLevel = compressionLevel
        self.zip64Threshold = zip64Threshold
    }

    deinit { DeflaterPool.shared.giveBack(deflater) }

    /// Starts an entry; the previous one must have ended.
    public func beginEntry(_ name: String) throws {
        precondition(open == nil && !finished, "ZipWriter: end the open entry before beginning another")
        let nameBytes = Array(name.utf8)
        open = OpenEntry(name: nameBytes, offset: output.position)
        try output.appendLittleEndian(UInt32(0x0403_4b50))
        try output.appendLittleEndian(Self.versionNeeded)
        try output.appendLittleEndian(Self.flags)
        try output.appendLittleEndian(Self.methodDeflate)
        try output.appendLittleEndian(Self.dosTime)
        try output.appendLittleEndian(Self.dosDate)
        try output.appendLittleEndian(UInt32(0))  // CRC, compressed size, size: in the descriptor
        try output.appendLittleEndian(UInt32(0))
        try output.appendLittleEndian(UInt32(0))
        try output.appendLittleEndian(UInt16(nameBytes.count))
        try output.appendLittleEndian(UInt16(0))
        try output.append(nameBytes)
    }

    /// Adds bytes to the open entry.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard open != nil else { preconditionFailure("ZipWriter: write outside an entry") }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        open!.crc = crc32(open!.crc, base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count))
        open!.size += UInt64(bytes.count)
        if open!.held != nil {
            if open!.held!.count + bytes.count <= Self.deflatedParts.largest {
                open!.held!.append(contentsOf: bytes)
                return
            }
            let held = open!.held!
            open!.held = nil
            try held.withUnsafeBytes { try deflater.compress($0, into: output) }
        }
        try deflater.compress(bytes, into: output)
    }

    /// Ends the open entry with its data descriptor.
    public func endEntry() throws {
        guard let entry = open else { preconditionFailure("ZipWriter: no open entry") }
        open = nil
        let compressedSize: UInt64
        if let held = entry.held {
            let key = DeflatedPart(level: compressionLevel, crc: UInt32(entry.crc), size: held.count)
            let deflated = try Self.deflatedParts.value(of: held, key: key) { try deflater.deflated($0) }
            try output.append(deflated)
            compressedSize = UInt64(deflated.count)
        } else {
            compressedSize = try deflater.finish(into: output)
        }
        let record = CentralRecord(
            name: entry.name, crc: UInt32(entry.crc), compressedSize: compressedSize,
            size: entry.size, offset: entry.offset)
        try output.appendLittleEndian(UInt32(0x0807_4b50))
        try output.appendLittleEndian(record.crc)
        if needsZip64Sizes(record) {
            try output.appendLittleEndian(record.compressedSize)
            try output.appendLittleEndian(record.size)
        } else {
            try output.appendLittleEndian(UInt32(record.compressedSize))
            try output.appendLittleEndian(UInt32(record.size))
        }
        entries.append(record)
    }

    /// Writes a whole entry at once.
    public func addEntry(_ name: String, _ bytes: [UInt8]) throws {
        try beginEntry(name)
        try bytes.withUnsafeBytes { try write($0) }
        try endEntry()
    }

    /// Writes the central directory and flushes everything to the sink.
    public func finish() throws {
        precondition(open == nil && !finished, "ZipWriter: end the open entry before finishing")
        finished = true
        let directoryOffset = output.position
        for entry in entries { try writeCentralHeader(entry) }
        let directorySize = output.position - directoryOffset
        try writeEnd(directoryOffset: directoryOffset, directorySize: directorySize)
        try output.flush()
    }

    private func needsZip64Sizes(_ entry: CentralRecord) -> Bool {
        entry.size >= zip64Threshold || entry.compressedSize >= zip64Threshold
    }

    private func writeCentralHeader(_ entry: CentralRecord) throws {
        // The ZIP64 extra field holds, in this order, only the values whose
        // 32-bit fields are saturated.
        var extra: [UInt64] = []
        let sizeField = clamp(entry.size, into: &extra, when: needsZip64Sizes(entry))
        let compressedField = clamp(entry.compressedSize, into: &extra, when: needsZip64Sizes(entry))
        let offsetField = clamp(entry.offset, into: &extra, when: entry.offset >= zip64Threshold)
        let version = extra.isEmpty ? Self.versionNeeded : Self.versionNeededZip64
        try output.appendLittleEndian(UInt32(0x0201_4b50))
        try output.appendLittleEndian(version)  // made by: MS-DOS host, same version
        try output.appendLittleEndian(version)
        try output.appendLittleEndian(Self.flags)
        try output.appendLittleEndian(Self.methodDeflate)
        try output.appendLittleEndian(Self.dosTime)
        try output.appendLittleEndian(Self.dosDate)
        try output.appendLittleEndian(entry.crc)
        try output.appendLittleEndian(compressedField)
        try output.appendLittleEndian(sizeField)
        try output.appendLittleEndian(UInt16(entry.name.count))
        try output.appendLittleEndian(UInt16(extra.isEmpty ? 0 : 4 + 8 * extra.count))
        try output.appendLittleEndian(UInt16(0))  // comment length
        try output.appendLittleEndian(UInt16(0))  // disk number
        try output.appendLittleEndian(UInt16(0))  // internal attributes
        try output.appendLittleEndian(UInt32(0))  // external attributes
        try output.appendLittleEndian(offsetField)
        try output.append(entry.name)
        if !extra.isEmpty {
            try output.appendLittleEndian(UInt16(0x0001))
            try output.appendLittleEndian(UInt16(8 * extra.count))
            for value in extra { try output.appendLittleEndian(value) }
        }
    }

    /// The 32-bit field for `value`: the value itself, or 0xFFFFFFFF with the
    /// value moved to the ZIP64 extra field.
    private func clamp(_ value: UInt64, into extra: inout [UInt64], when zip64: Bool) -> UInt32 {
        guard zip64 else { return UInt32(value) }
        extra.append(value)
        return UInt32.max
    }

    private func writeEnd(directoryOffset: UInt64, directorySize: UInt64) throws {
        let count = UInt64(entries.count)
        let zip64 = count >= 0xFFFF || directoryOffset >= zip64Threshold || directorySize >= zip64Threshold
        if zip64 {
            let recordOffset = output.position
            try output.appendLittleEndian(UInt32(0x0606_4b50))
            try output.appendLittleEndian(UInt64(44))  // size of the rest of the record
            try output.appendLittleEndian(Self.versionNeededZip64)
            try output.appendLittleEndian(Self.versionNeededZip64)
            try output.appendLittleEndian(UInt32(0))  // this disk
            try output.appendLittleEndian(UInt32(0))  // disk of the directory
            try output.appendLittleEndian(count)
            try output.appendLittleEndian(count)
            try output.appendLittleEndian(directorySize)
            try output.appendLittleEndian(directoryOffset)
            // Locator
            try output.appendLittleEndian(UInt32(0x0706_4b50))
            try output.appendLittleEndian(UInt32(0))
            try output.appendLittleEndian(recordOffset)
            try output.appendLittleEndian(UInt32(1))  // disks in all
        }
        try output.appendLittleEndian(UInt32(0x0605_4b50))
        try output.appendLittleEndian(UInt16(0))
        try output.appendLittleEndian(UInt16(0))
        try output.appendLittleEndian(UInt16(min(count, 0xFFFF)))
        try output.appendLittleEndian(UInt16(min(count, 0xFFFF)))
        try output.appendLittleEndian(zip64 ? UInt32.max : UInt32(directorySize))
        try output.appendLittleEndian(zip64 ? UInt32.max : UInt32(directoryOffset))
        try output.appendLittleEndian(UInt16(0))  // comment length
    }
}
