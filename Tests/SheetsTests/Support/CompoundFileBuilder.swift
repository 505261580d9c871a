/// Builds compound files ([MS-CFB] version 3, 512-byte sectors) for tests:
/// FAT sectors first, then the directory, then each stream in consecutive
/// sectors. The tables stay editable until `bytes()`, so that tests can
/// break them (a cycle in the FAT, a loop in the directory).
struct CompoundFileBuilder {
    struct Entry {
        var name: String
        var type: UInt8
        var left: UInt32 = 0xFFFF_FFFF, right: UInt32 = 0xFFFF_FFFF, child: UInt32 = 0xFFFF_FFFF
        var start: UInt32
        var size: UInt32
    }

    static let sectorSize = 512
    static let endOfChain: UInt32 = 0xFFFF_FFFE

    var fat: [UInt32]
    /// Root first, then one entry per stream, chained through right siblings.
    var entries: [Entry]
    /// The sectors' contents, by sector number (FAT and directory sectors are filled by `bytes()`).
    var sectors: [[UInt8]]
    let fatSectorCount: Int
    let directorySector: UInt32

    /// Streams of at least 4,096 bytes (padded with zeros), outside the mini stream.
    init(streams: [(name: String, data: [UInt8])]) {
        let padded = streams.map { ($0.name, $0.data + [UInt8](repeating: 0, count: max(0, 4096 - $0.data.count))) }
        let dataSectors = padded.map { ($0.1.count + Self.sectorSize - 1) / Self.sectorSize }
        var fatSectorCount = 1
        while fatSectorCount * 128 < fatSectorCount + 1 + dataSectors.reduce(0, +) { fatSectorCount += 1 }
        self.fatSectorCount = fatSectorCount
        directorySector = UInt32(fatSectorCount)
        var fat = [UInt32](repeating: 0xFFFF_FFFD, count: fatSectorCount)  // FATSECT
        fat.append(Self.endOfChain)  // the directory, one sector (up to 4 entries)
        var sectors = [[UInt8]](repeating: [], count: fatSectorCount + 1)
        var entries = [
            Entry(name: "Root Entry", type: 5, child: padded.isEmpty ? 0xFFFF_FFFF : 1, start: Self.endOfChain, size: 0)
        ]
        for (i, (name, data)) in padded.enumerated() {
            let start = UInt32(fat.count)
            for s in 0..<dataSectors[i] {
                fat.append(s == dataSectors[i] - 1 ? Self.endOfChain : UInt32(fat.count + 1))
                sectors.append(Array(data[(s * Self.sectorSize)..<min(data.count, (s + 1) * Self.sectorSize)]))
            }
            entries.append(
                Entry(
                    name: name, type: 2, right: i + 1 < padded.count ? UInt32(i + 2) : 0xFFFF_FFFF,
                    start: start, size: UInt32(data.count)))
        }
        fat += [UInt32](repeating: 0xFFFF_FFFF, count: fatSectorCount * 128 - fat.count)
        (self.fat, self.entries, self.sectors) = (fat, entries, sectors)
    }

    /// The first sector of stream `index` (0-based, in the order given).
    func firstSector(ofStream index: Int) -> Int { Int(entries[index + 1].start) }

    func bytes() -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        put16(&header, 24, 0x3E)
        put16(&header, 26, 3)
        put16(&header, 28, 0xFFFE)
        put16(&header, 30, 9)
        put16(&header, 32, 6)
        put32(&header, 44, UInt32(fatSectorCount))
        put32(&header, 48, directorySector)
        put32(&header, 56, 4096)
        put32(&header, 60, Self.endOfChain)  // no MiniFAT
        put32(&header, 68, Self.endOfChain)  // no DIFAT sectors
        for i in 0..<109 { put32(&header, 76 + 4 * i, i < fatSectorCount ? UInt32(i) : 0xFFFF_FFFF) }
        var file = header
        for index in sectors.indices {
            var sector = [UInt8](repeating: 0, count: Self.sectorSize)
            if index < fatSectorCount {
                for i in 0..<128 { put32(&sector, 4 * i, fat[index * 128 + i]) }
            } else if index == Int(directorySector) {
                for (i, entry) in entries.prefix(4).enumerated() {
                    sector.replaceSubrange((128 * i)..<(128 * i + 128), with: encode(entry))
                }
            } else {
                sector.replaceSubrange(0..<sectors[index].count, with: sectors[index])
            }
            file += sector
        }
        return file
    }

    private func encode(_ entry: Entry) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 128)
        let units = Array(entry.name.utf16.prefix(31))
        for (i, unit) in units.enumerated() { put16(&bytes, 2 * i, unit) }
        put16(&bytes, 64, UInt16(2 * (units.count + 1)))
        bytes[66] = entry.type
        bytes[67] = 1  // black
        put32(&bytes, 68, entry.left)
        put32(&bytes, 72, entry.right)
        put32(&bytes, 76, entry.child)
        put32(&bytes, 116, entry.start)
        put32(&bytes, 120, entry.size)
        return bytes
    }
}

/// BIFF records for tests: a workbook stream of globals and sheets.
struct BIFFBuilder {
    /// `version` 0x0600 (BIFF8) or 0x0500 (BIFF5).
    var version: UInt16 = 0x0600
    /// Records of the globals after BOF, before BOUNDSHEET (CODEPAGE, SST, FILEPASS, ...).
    var globals: [[UInt8]] = []
    /// Each sheet: its name and cell records.
    var sheets: [(name: String, records: [[UInt8]])] = []

    static func record(_ type: UInt16, _ payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        append16(&bytes, type)
        append16(&bytes, UInt16(payload.count))
        return bytes + payload
    }

    func bof(_ kind: UInt16) -> [UInt8] {
        var payload: [UInt8] = []
        append16(&payload, version)
        append16(&payload, kind)
        return Self.record(0x0809, payload + [UInt8](repeating: 0, count: version == 0x0600 ? 12 : 4))
    }

    /// A NUMBER record at 0-based `row`, `column`.
    static func number(_ row: UInt16, _ column: UInt16, _ value: Double, xf: UInt16 = 0) -> [UInt8] {
        var payload: [UInt8] = []
        for field in [row, column, xf] { append16(&payload, field) }
        withUnsafeBytes(of: value.bitPattern.littleEndian) { payload += $0 }
        return record(0x0203, payload)
    }

    /// A LABEL record: BIFF8 compressed (Latin-1) text, or BIFF5 code-page bytes.
    func label(_ row: UInt16, _ column: UInt16, _ bytes: [UInt8]) -> [UInt8] {
        var payload: [UInt8] = []
        for field in [row, column, 0, UInt16(bytes.count)] { append16(&payload, field) }
        if version == 0x0600 { payload.append(0) }
        return Self.record(0x0204, payload + bytes)
    }

    /// The workbook stream: globals with one BOUNDSHEET per sheet, then the sheets.
    func stream() -> [UInt8] {
        // BIFF8 names in UTF-16 (option byte 1), BIFF5 names as their UTF-8 bytes.
        let encodedNames = sheets.map { sheet -> [UInt8] in
            guard version == 0x0600 else { return [UInt8(sheet.name.utf8.count)] + Array(sheet.name.utf8) }
            var units: [UInt8] = []
            for unit in sheet.name.utf16 { append16(&units, unit) }
            return [UInt8(sheet.name.utf16.count), 1] + units
        }
        let boundSheetSizes = encodedNames.map { 4 + 6 + $0.count }
        var offset = bof(5).count + globals.reduce(0) { $0 + $1.count } + boundSheetSizes.reduce(0, +) + 4
        var head = bof(5) + globals.flatMap { $0 }
        var bodies: [UInt8] = []
        for (i, sheet) in sheets.enumerated() {
            var payload: [UInt8] = []
            append32(&payload, UInt32(offset))
            payload += [0, 0] + encodedNames[i]
            head += Self.record(0x0085, payload)
            let body = bof(0x10) + sheet.records.flatMap { $0 } + Self.record(0x000A, [])
            bodies += body
            offset += body.count
        }
        return head + Self.record(0x000A, []) + bodies
    }
}

func put16(_ bytes: inout [UInt8], _ at: Int, _ value: UInt16) {
    bytes[at] = UInt8(value & 0xFF)
    bytes[at + 1] = UInt8(value >> 8)
}

func put32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
    put16(&bytes, at, UInt16(value & 0xFFFF))
    put16(&bytes, at + 2, UInt16(value >> 16))
}

func append16(_ bytes: inout [UInt8], _ value: UInt16) {
    bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
}

func append32(_ bytes: inout [UInt8], _ value: UInt32) {
    append16(&bytes, UInt16(value & 0xFFFF))
    append16(&bytes, UInt16(value >> 16))
}
