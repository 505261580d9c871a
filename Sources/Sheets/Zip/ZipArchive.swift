import CZlib

extension SheetError.Code {
    /// An entry would inflate past `ReadLimits.maxInflatedBytes`, past the
    /// ratio limit, or past the size it declares.
    public static let zipBomb = Self("zip-bomb")
    /// An encrypted entry (password-protected ZIP).
    public static let zipEncrypted = Self("zip-encrypted")
    /// A compression method other than stored or deflated.
    public static let zipUnsupportedMethod = Self("zip-unsupported-method")
    /// An entry's CRC-32 does not match its data.
    public static let zipChecksumMismatch = Self("zip-checksum-mismatch")
    /// A part the format requires is not in the archive.
    public static let zipMissingEntry = Self("zip-missing-entry")
}

/// A ZIP archive read in place: the central directory at open, then any
/// entry streamed through a reused buffer, inflated and CRC-checked on the
/// way, so that memory stays constant whatever the entry's size.
///
/// Not thread-safe: its buffers are shared by the entries it reads.
public final class ZipArchive {
    /// The archive as the caller named it.
    public let path: String
    /// Entries in central-directory order.
    public let entries: [ZipEntry]

    private let file: InputFile
    private let limits: ReadLimits
    private let indexByName: [String: Int]
    private let inflater = Inflater()
    private let input: UnsafeMutableRawBufferPointer
    private let output: UnsafeMutableRawBufferPointer

    /// Below this inflated size an entry's ratio is not checked: small
    /// repetitive parts (empty styles, blank sheets) compress far better
    /// than real data and cannot hurt.
    private static let ratioCheckFloor: Int64 = 1 << 20
    private static let bufferSize = 64 << 10

    /// Opens the archive at `path` and reads its central directory,
    /// refusing it when its declared sizes break `limits`.
    public convenience init(path: String, limits: ReadLimits = .standard) throws {
        try self.init(InputFile(path: path, limits: limits), limits: limits)
    }

    /// Reads the central directory of a file already open (`openWorkbook`
    /// opened it for its first bytes).
    init(_ file: InputFile, limits: ReadLimits) throws {
        let path = file.path
        do {
            self.path = path
            self.limits = limits
            self.file = file
            entries = try ZipCentralDirectory.read(file, limits: limits)
            var index: [String: Int] = [:]
            var total: Int64 = 0
            for (i, entry) in entries.enumerated() {
                try Self.checkDeclaredSize(of: entry, limits: limits)
                total += entry.uncompressedSize
                index[entry.name] = index[entry.name] ?? i
            }
            guard total <= limits.maxInflatedBytes else {
                throw SheetError(
                    .zipBomb, "entries inflate to \(total) bytes, more than the limit of \(limits.maxInflatedBytes)")
            }
            indexByName = index
        } catch let error as SheetError {
            throw error.locatedIn(file: path)
        }
        input = .allocate(byteCount: Self.bufferSize, alignment: 16)
        output = .allocate(byteCount: Self.bufferSize, alignment: 16)
    }

    deinit {
        input.deallocate()
        output.deallocate()
    }

    private static func checkDeclaredSize(of entry: ZipEntry, limits: ReadLimits) throws {
        let size = entry.uncompressedSize
        if size > limits.maxInflatedBytes {
            throw SheetError(
                .zipBomb, "entry inflates to \(size) bytes, more than the limit of \(limits.maxInflatedBytes)",
                part: entry.name)
        }
        if size > ratioCheckFloor, size / max(entry.compressedSize, 1) > limits.maxCompressionRatio {
            throw SheetError(
                .zipBomb,
                "entry inflates \(size / max(entry.compressedSize, 1)) times its compressed size, more than the limit of \(limits.maxCompressionRatio)",
                part: entry.name)
        }
    }

    /// The entry named `name`, matched exactly, or else ignoring ASCII case
    /// (some writers disagree with their own relationships on case).
    public func entry(named name: String) -> ZipEntry? {
        if let i = indexByName[name] { return entries[i] }
        let lowered = name.lowercased()
        return entries.first { $0.name.lowercased() == lowered }
    }

    /// Streams the inflated bytes of entry `name` to `consume`, one buffer
    /// at a time; the buffer is only valid during the call. Throws after the
    /// last chunk if the CRC-32 or the size does not match the directory.
    public func streamEntry(_ name: String, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let entry = entry(named: name) else {
            throw SheetError(.zipMissingEntry, "the archive has no entry '\(name)'", file: path, part: name)
        }
        do {
            try stream(entry, consume)
        } catch let error as SheetError {
            var located = error.locatedIn(file: path)
            if located.part == nil { located.part = entry.name }
            throw located
        }
    }

    /// The whole inflated entry, for small parts (relationships, workbook).
    public func readEntry(_ name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try streamEntry(name) { bytes.append(contentsOf: $0) }
        return bytes
    }

    private func stream(_ entry: ZipEntry, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !entry.isEncrypted else {
            throw SheetError(.zipEncrypted, "entry is encrypted")
        }
        guard let method = ZipEntry.Method(rawValue: entry.method) else {
            throw SheetError(
                .zipUnsupportedMethod, "compression method \(entry.method) is not supported (only stored and deflated)")
        }
        var position = try dataOffset(of: entry)
        let dataEnd = position + entry.compressedSize
        guard dataEnd <= file.size else {
            throw SheetError(.zipTruncated, "entry data runs past the end of the file")
        }
        if method == .stored, entry.compressedSize != entry.uncompressedSize {
            throw SheetError(.zipCorrupt, "stored entry has different compressed and inflated sizes")
        }
        if method == .deflated { try inflater.reset() }

        var crc = crc32(0, nil, 0)
        var produced: Int64 = 0
        var pending = UnsafeRawBufferPointer(start: input.baseAddress, count: 0)
        var finished = false
        while !finished {
            if pending.isEmpty, position < dataEnd {
                let want = Int(min(Int64(input.count), dataEnd - position))
                let got = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: input[..<want]), at: position)
                guard got == want else { throw SheetError(.zipTruncated, "entry data runs past the end of the file") }
                position += Int64(got)
                pending = UnsafeRawBufferPointer(rebasing: input[..<got])
            }
            let chunk: UnsafeRawBufferPointer
            switch method {
            case .stored:
                chunk = pending
                pending = UnsafeRawBufferPointer(start: input.baseAddress, count: 0)
                finished = position == dataEnd
            case .deflated:
                let step = try inflater.inflate(pending, into: output)
                pending = UnsafeRawBufferPointer(rebasing: pending[step.consumed...])
                chunk = UnsafeRawBufferPointer(rebasing: output[..<step.produced])
                finished = step.finished
                if !finished, step.produced == 0, step.consumed == 0, !(pending.isEmpty && position < dataEnd) {
                    throw pending.isEmpty
                        ? SheetError(.zipTruncated, "deflate data ends before its final block")
                        : SheetError(.zipCorrupt, "deflate data makes no progress")
                }
            }
            guard !chunk.isEmpty else { continue }
            produced += Int64(chunk.count)
            // Sizes come from the directory and were checked against the
            // limits at open; an entry inflating past its own is a bomb in disguise.
            guard produced <= entry.uncompressedSize else {
                throw SheetError(
                    .zipCorrupt, "entry inflates past its declared size of \(entry.uncompressedSize) bytes")
            }
            crc = crc32(crc, chunk.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(chunk.count))
            try consume(chunk)
        }
        guard produced == entry.uncompressedSize else {
            throw SheetError(
                .zipCorrupt, "entry inflates to \(produced) bytes, not the \(entry.uncompressedSize) it declares")
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
            throw SheetError(.zipChecksumMismatch, "CRC-32 mismatch: the entry's data is damaged")
        }
    }

    /// Where the entry's data starts: after its local header, whose name and
    /// extra field may differ in length from the central directory's.
    private func dataOffset(of entry: ZipEntry) throws -> Int64 {
        guard let header = try file.bytes(at: entry.localHeaderOffset, count: 30) else {
            throw SheetError(.zipTruncated, "local header at \(entry.localHeaderOffset) is past the end of the file")
        }
        var reader = LittleEndianReader(header)
        guard reader.u32() == 0x0403_4B50 else {
            throw SheetError(.zipCorrupt, "no local header at \(entry.localHeaderOffset)")
        }
        reader.skip(22)
        let nameLength = Int64(reader.u16())
        let extraLength = Int64(reader.u16())
        return entry.localHeaderOffset + 30 + nameLength + extraLength
    }
}
