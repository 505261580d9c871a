extension SheetError.Code {
    /// The archive's structures contradict each other or the file.
    public static let zipCorrupt = Self("zip-corrupt")
    /// The archive ends early: no end-of-central-directory record, or an
    /// entry's data runs past the end of the file.
    public static let zipTruncated = Self("zip-truncated")
    /// More entries than `ReadLimits.maxZipEntries`.
    public static let zipTooManyEntries = Self("zip-too-many-entries")
}

/// The archive's table of contents: the end-of-central-directory record
/// (and its ZIP64 form), then one record per entry.
enum ZipCentralDirectory {
    private static let endSignature: UInt32 = 0x0605_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let entrySignature: UInt32 = 0x0201_4B50
    /// The fixed part of the end record; a comment of up to 65,535 bytes follows.
    private static let endRecordSize = 22

    /// Reads every entry record of the archive in `file`.
    static func read(_ file: InputFile, limits: ReadLimits) throws -> [ZipEntry] {
        let (count, directorySize, directoryOffset) = try locateDirectory(file)
        guard count <= Int64(limits.maxZipEntries) else {
            throw SheetError(
                .zipTooManyEntries, "archive has \(count) entries, more than the limit of \(limits.maxZipEntries)")
        }
        // Each record is at least 46 bytes: a count the directory cannot hold is a lie.
        guard directoryOffset >= 0, directorySize >= count * 46,
            let directory = try file.bytes(at: directoryOffset, count: Int(directorySize))
        else {
            throw SheetError(
                .zipCorrupt,
                "central directory (\(count) entries, \(directorySize) bytes at \(directoryOffset)) does not fit the file"
            )
        }
        var reader = LittleEndianReader(directory)
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            entries.append(try readEntry(&reader))
        }
        return entries
    }

    /// Finds the end record by scanning back from the end of the file and
    /// returns the entry count, the directory's size and its offset.
    private static func locateDirectory(_ file: InputFile) throws -> (Int64, Int64, Int64) {
        let tailCount = Int(min(file.size, Int64(endRecordSize + 0xFFFF)))
        let tailStart = file.size - Int64(tailCount)
        guard tailCount >= endRecordSize, let tail = try file.bytes(at: tailStart, count: tailCount) else {
            throw SheetError(.zipTruncated, "file too short for a ZIP archive")
        }
        var position = tailCount - endRecordSize
        while position >= 0 {
            var reader = LittleEndianReader(tail, at: position)
            if reader.u32() == endSignature {
                break
            }
            position -= 1
        }
        guard position >= 0 else {
            throw SheetError(
                .zipTruncated, "no end-of-central-directory record: the archive is truncated or not a ZIP file")
        }
        var end = LittleEndianReader(tail, at: position + 4)
        let disk = end.u16()
        let directoryDisk = end.u16()
        _ = end.u16()  // entries on this disk
        var count = Int64(end.u16())
        var size = Int64(end.u32())
        var offset = Int64(end.u32())
        guard disk == 0 || disk == 0xFFFF, directoryDisk == 0 || directoryDisk == 0xFFFF else {
            throw SheetError(.zipCorrupt, "multi-disk archives are not supported")
        }
        // ZIP64: the 32-bit fields are saturated and a locator precedes the end record.
        let endOffset = tailStart + Int64(position)
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF,
            let locatorBytes = try file.bytes(at: endOffset - 20, count: 20)
        {
            var locator = LittleEndianReader(locatorBytes)
            if locator.u32() == zip64LocatorSignature {
                _ = locator.u32()  // disk with the ZIP64 end record
                let zip64Offset = Int64(bitPattern: locator.u64())
                guard let record = try file.bytes(at: zip64Offset, count: 56) else {
                    throw SheetError(.zipTruncated, "ZIP64 end record at \(zip64Offset) is past the end of the file")
                }
                var zip64 = LittleEndianReader(record)
                guard zip64.u32() == zip64EndSignature else {
                    throw SheetError(.zipCorrupt, "ZIP64 locator points to no ZIP64 end record")
                }
                zip64.skip(8 + 2 + 2 + 4 + 4 + 8)  // record size, versions, disks, entries on this disk
                count = Int64(bitPattern: zip64.u64())
                size = Int64(bitPattern: zip64.u64())
                offset = Int64(bitPattern: zip64.u64())
            }
        }
        guard count >= 0, size >= 0, offset >= 0, offset + size <= endOffset else {
            throw SheetError(.zipCorrupt, "central directory (\(size) bytes at \(offset)) overlaps the end record")
        }
        return (count, size, offset)
    }

    private static func readEntry(_ reader: inout LittleEndianReader) throws -> ZipEntry {
        guard reader.remaining >= 46, reader.u32() == entrySignature else {
            throw SheetError(.zipCorrupt, "central directory record \(reader.offset) is damaged")
        }
        reader.skip(4)  // versions made by and needed
        let flags = reader.u16()
        let method = reader.u16()
        reader.skip(4)  // DOS time and date
        let crc = reader.u32()
        var compressed = Int64(reader.u32())
        var uncompressed = Int64(reader.u32())
        let nameLength = Int(reader.u16())
        let extraLength = Int(reader.u16())
        let commentLength = Int(reader.u16())
        reader.skip(2 + 2 + 4)  // disk, internal and external attributes
        var localOffset = Int64(reader.u32())
        guard reader.remaining >= nameLength + extraLength + commentLength else {
            throw SheetError(.zipCorrupt, "central directory record runs past the directory")
        }
        let rawName = String(decoding: reader.take(nameLength), as: UTF8.self)
        var extra = LittleEndianReader(Array(reader.take(extraLength)))
        reader.skip(commentLength)
        // The ZIP64 extra field holds, in this order, only the values whose
        // 32-bit fields are saturated.
        while extra.remaining >= 4 {
            let id = extra.u16()
            let length = Int(extra.u16())
            guard extra.remaining >= length else { break }
            guard id == 0x0001 else {
                extra.skip(length)
                continue
            }
            var field = LittleEndianReader(Array(extra.take(length)))
            if uncompressed == 0xFFFF_FFFF, field.remaining >= 8 { uncompressed = Int64(bitPattern: field.u64()) }
            if compressed == 0xFFFF_FFFF, field.remaining >= 8 { compressed = Int64(bitPattern: field.u64()) }
            if localOffset == 0xFFFF_FFFF, field.remaining >= 8 { localOffset = Int64(bitPattern: field.u64()) }
        }
        guard compressed >= 0, uncompressed >= 0, localOffset >= 0 else {
            throw SheetError(.zipCorrupt, "entry '\(rawName)' has negative sizes", part: rawName)
        }
        let name = try ZipEntry.normalizedName(rawName)
        return ZipEntry(
            name: name, method: method, flags: flags, crc32: crc, compressedSize: compressed,
            uncompressedSize: uncompressed, localHeaderOffset: localOffset)
    }
}

/// Reads little-endian integers from a byte array; reads past the end give
/// zeros, and callers check `remaining` where it matters.
struct LittleEndianReader {
    private let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], at offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { max(0, bytes.count - offset) }

    mutating func u16() -> UInt16 { UInt16(truncatingIfNeeded: unsigned(2)) }
    mutating func u32() -> UInt32 { UInt32(truncatingIfNeeded: unsigned(4)) }
    mutating func u64() -> UInt64 { unsigned(8) }

    mutating func skip(_ count: Int) { offset += count }

    mutating func take(_ count: Int) -> ArraySlice<UInt8> {
        let start = min(offset, bytes.count)
        let end = min(offset + count, bytes.count)
        offset += count
        return bytes[start..<end]
    }

    private mutating func unsigned(_ width: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<width where offset + i < bytes.count {
            value |= UInt64(bytes[offset + i]) << (8 * UInt64(i))
        }
        offset += width
        return value
    }
}
