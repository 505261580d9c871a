extension SheetError.Code {
    /// The compound file's header or tables break [MS-CFB] (bad byte order,
    /// sector size, a chain through a free sector).
    public static let cfbCorrupt = Self("cfb-corrupt")
    /// The file ends before a header, sector or stream it declares.
    public static let cfbTruncated = Self("cfb-truncated")
    /// A sector chain runs into itself.
    public static let cfbChainCycle = Self("cfb-chain-cycle")
    /// A chain or table names a sector past the end of the file.
    public static let cfbSectorOutOfRange = Self("cfb-sector-out-of-range")
    /// The directory's sibling tree runs into itself.
    public static let cfbDirectoryLoop = Self("cfb-directory-loop")
    /// A stream declares more bytes than the file could hold.
    public static let cfbStreamTooLarge = Self("cfb-stream-too-large")
}

/// A Compound File Binary ("OLE2", [MS-CFB]) container: the file system
/// inside legacy `.xls` files and encrypted OOXML packages. Opening reads
/// the header, the FAT (through the DIFAT), the MiniFAT and the root
/// storage's directory entries; streams are then read sector by sector.
///
/// Every table is checked against the file's size as it is read, so a
/// hostile file ends in a `cfb-*` error, never a loop or a huge allocation.
final class CompoundFile {
    /// One directory entry of the root storage.
    struct Entry {
        var name: String
        var isStream: Bool
        var startSector: UInt32
        var size: Int64
    }

    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    static let endOfChain: UInt32 = 0xFFFF_FFFE
    static let freeSector: UInt32 = 0xFFFF_FFFF

    let path: String
    /// The streams and storages directly in the root storage.
    let entries: [Entry]

    let file: InputFile
    let sectorSize: Int
    /// Sectors the file can hold after its header (the last may be partial).
    let sectorCount: Int
    let fat: [UInt32]
    private let miniFAT: [UInt32]
    /// Sectors of the mini stream (the root entry's stream), where streams
    /// under `miniStreamCutoff` bytes live in 64-byte mini sectors.
    private let miniStreamChain: [UInt32]
    private let miniStreamCutoff: Int64
    static let miniSectorSize = 64

    init(file: InputFile) throws {
        self.file = file
        path = file.path
        guard let header = try file.bytes(at: 0, count: 512) else {
            throw SheetError(.cfbTruncated, "the file ends inside the 512-byte compound-file header", file: path)
        }
        guard header.starts(with: Self.signature) else {
            throw SheetError(.cfbCorrupt, "no compound-file signature", file: path)
        }
        let fields = LittleEndianBytes(header)
        let shift = fields.uint16(30)
        guard fields.uint16(28) == 0xFFFE, shift == 9 || shift == 12, fields.uint16(32) == 6 else {
            throw SheetError(
                .cfbCorrupt, "header has byte order \(fields.uint16(28)), sector shift \(shift)", file: path)
        }
        sectorSize = 1 << Int(shift)
        sectorCount = Int((file.size - Int64(sectorSize) + Int64(sectorSize) - 1) / Int64(sectorSize))
        miniStreamCutoff = Int64(fields.uint32(56))

        // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
        let fatSectorCount = Int(fields.uint32(44))
        guard fatSectorCount <= sectorCount else {
            throw SheetError(
                .cfbSectorOutOfRange, "header declares \(fatSectorCount) FAT sectors in a file of \(sectorCount)",
                file: path)
        }
        var fatSectors = (0..<109).map { fields.uint32(76 + 4 * $0) }.filter { $0 != Self.freeSector }
        var difatSector = fields.uint32(68)
        var difatSeen = 0
        while fatSectors.count < fatSectorCount, difatSector != Self.endOfChain, difatSector != Self.freeSector {
            difatSeen += 1
            guard difatSeen <= sectorCount else {
                throw SheetError(.cfbChainCycle, "the DIFAT chain runs into itself", file: path)
            }
            let sector = try Self.readSector(difatSector, of: file, size: sectorSize, count: sectorCount)
            let values = LittleEndianBytes(sector)
            let perSector = sectorSize / 4 - 1
            fatSectors += (0..<perSector).map { values.uint32(4 * $0) }.filter { $0 != Self.freeSector }
            difatSector = values.uint32(4 * perSector)
        }
        guard fatSectors.count >= fatSectorCount else {
            throw SheetError(
                .cfbTruncated, "the DIFAT lists \(fatSectors.count) of \(fatSectorCount) FAT sectors", file: path)
        }
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectorCount * sectorSize / 4)
        for sector in fatSectors.prefix(fatSectorCount) {
            let values = LittleEndianBytes(try Self.readSector(sector, of: file, size: sectorSize, count: sectorCount))
            for i in 0..<sectorSize / 4 { fat.append(values.uint32(4 * i)) }
        }
        self.fat = fat

        // Directory, MiniFAT and mini stream, all by FAT chains.
        let directory = try Self.readChain(
            Self.chain(from: fields.uint32(48), fat: fat, sectorCount: sectorCount, path: path, what: "directory"),
            of: file, size: sectorSize, count: sectorCount)
        let miniFATChain = try Self.chain(
            from: fields.uint32(60), fat: fat, sectorCount: sectorCount, path: path, what: "MiniFAT")
        let miniFATBytes = LittleEndianBytes(
            try Self.readChain(miniFATChain, of: file, size: sectorSize, count: sectorCount))
        miniFAT = (0..<miniFATBytes.count / 4).map { miniFATBytes.uint32(4 * $0) }
        let directoryEntries = LittleEndianBytes(directory)
        guard directoryEntries.count >= 128, directoryEntries.bytes[66] == 5 else {
            throw SheetError(.cfbCorrupt, "the directory does not start with the root entry", file: path)
        }
        let root = Self.entry(at: 0, in: directoryEntries, version3: shift == 9)
        miniStreamChain = try Self.chain(
            from: root.startSector, fat: fat, sectorCount: sectorCount, path: path, what: "mini stream")
        entries = try Self.children(ofRootIn: directoryEntries, version3: shift == 9, path: path)
        // More than the allocation table can chain is a lie; less, but past the file's end, a truncated file.
        for entry in entries where entry.isStream {
            guard entry.size <= Int64(fat.count) * Int64(sectorSize) else {
                throw SheetError(
                    .cfbStreamTooLarge,
                    "stream '\(entry.name)' declares \(entry.size) bytes in a file of \(file.size)", file: path)
            }
        }
    }

    /// The root storage's entry named `name` (compared as [MS-CFB] does,
    /// without regard to case), if any.
    func entry(named name: String) -> Entry? {
        entries.first { $0.name.uppercased() == name.uppercased() }
    }

    /// A reader of the stream `entry`, from its first byte.
    func stream(_ entry: Entry) throws -> CompoundFileStream {
        if entry.size < miniStreamCutoff {
            let chain = try Self.chain(
                from: entry.startSector, fat: miniFAT, sectorCount: miniFAT.count, path: path,
                what: "stream '\(entry.name)'")
            return try CompoundFileStream(
                mini: chain, of: self, name: entry.name, size: entry.size, miniStream: miniStreamChain)
        }
        let chain = try Self.chain(
            from: entry.startSector, fat: fat, sectorCount: sectorCount, path: path, what: "stream '\(entry.name)'")
        return try CompoundFileStream(chain: chain, of: self, name: entry.name, size: entry.size)
    }

    // MARK: Tables

    /// The sectors of the chain starting at `start`, following `fat`;
    /// refuses cycles, sectors past the table (out of range) or past the
    /// end of the file (truncated) and chains through free sectors.
    static func chain(from start: UInt32, fat: [UInt32], sectorCount: Int, path: String, what: String) throws
        -> [UInt32]
    {
        var chain: [UInt32] = []
        var sector = start
        while sector != endOfChain {
            guard Int(sector) < fat.count else {
                let code: SheetError.Code = sector == freeSector ? .cfbCorrupt : .cfbSectorOutOfRange
                throw SheetError(
                    code, "the \(what) chain names sector \(sector), past the \(fat.count) of the allocation table",
                    file: path)
            }
            guard Int(sector) < sectorCount else {
                throw SheetError(
                    .cfbTruncated, "the file ends before sector \(sector) of the \(what) chain", file: path)
            }
            guard chain.count < fat.count else {
                throw SheetError(.cfbChainCycle, "the \(what) chain runs into itself", file: path)
            }
            chain.append(sector)
            sector = fat[Int(sector)]
        }
        return chain
    }

    /// Sector `index`'s bytes; a last sector cut short by the end of the
    /// file is padded with zeros, as Excel tolerates.
    static func readSector(_ index: UInt32, of file: InputFile, size: Int, count: Int) throws -> [UInt8] {
        guard Int(index) < count else {
            throw SheetError(
                .cfbSectorOutOfRange, "sector \(index) is past the end of the file (\(count) sectors)", file: file.path)
        }
        var bytes = [UInt8](repeating: 0, count: size)
        _ = try bytes.withUnsafeMutableBytes { try file.read(into: $0, at: Int64(index + 1) * Int64(size)) }
        return bytes
    }

    private static func readChain(_ chain: [UInt32], of file: InputFile, size: Int, count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chain.count * size)
        for sector in chain { bytes += try readSector(sector, of: file, size: size, count: count) }
        return bytes
    }

    /// Directory entry `index`: name (UTF-16, with its length in bytes), type, start and size.
    private static func entry(at index: Int, in directory: LittleEndianBytes, version3: Bool) -> Entry {
        let base = index * 128
        let nameBytes = min(Int(directory.uint16(base + 64)), 64)
        let units = (0..<max(nameBytes / 2 - 1, 0)).map { directory.uint16(base + 2 * $0) }
        let type = directory.bytes[base + 66]
        // Version 3 files may leave garbage in the size's high half ([MS-CFB] 2.6.3).
        let size = version3 ? Int64(directory.uint32(base + 120)) : Int64(bitPattern: directory.uint64(base + 120))
        return Entry(
            name: String(decoding: units, as: UTF16.self), isStream: type == 2,
            startSector: directory.uint32(base + 116), size: size)
    }

    /// The entries of the root storage: its child's red-black tree, walked
    /// through left and right siblings, each entry visited once.
    private static func children(ofRootIn directory: LittleEndianBytes, version3: Bool, path: String) throws -> [Entry]
    {
        let count = directory.count / 128
        var visited = [Bool](repeating: false, count: count)
        var pending = [directory.uint32(76)]  // the root entry's child
        var result: [Entry] = []
        while let id = pending.popLast() {
            guard id != freeSector else { continue }
            guard Int(id) < count else {
                throw SheetError(.cfbCorrupt, "a directory entry points to entry \(id) of \(count)", file: path)
            }
            guard !visited[Int(id)] else {
                throw SheetError(.cfbDirectoryLoop, "directory entry \(id) is reached twice", file: path)
            }
            visited[Int(id)] = true
            result.append(entry(at: Int(id), in: directory, version3: version3))
            pending.append(directory.uint32(Int(id) * 128 + 68))
            pending.append(directory.uint32(Int(id) * 128 + 72))
        }
        return result
    }
}

/// Little-endian integers at byte offsets of a byte array.
struct LittleEndianBytes {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var count: Int { bytes.count }

    func uint16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    func uint32(_ at: Int) -> UInt32 { UInt32(uint16(at)) | UInt32(uint16(at + 2)) << 16 }
    func uint64(_ at: Int) -> UInt64 { UInt64(uint32(at)) | UInt64(uint32(at + 4)) << 32 }
}
