/// One stream of a compound file, read from a position onwards in pieces
/// of consecutive sectors: memory stays at the caller's buffer whatever
/// the stream's size. Streams under the mini-stream cutoff (4 KiB) are
/// read whole at once.
final class CompoundFileStream {
    let name: String
    /// The stream's size in bytes.
    let size: Int64
    private let file: CompoundFile
    /// The stream's sectors in order (empty for a mini stream, held in `small`).
    private let chain: [UInt32]
    private let small: [UInt8]?
    /// The next byte to read.
    private(set) var position: Int64 = 0

    init(chain: [UInt32], of file: CompoundFile, name: String, size: Int64) throws {
        guard Int64(chain.count) * Int64(file.sectorSize) >= size else {
            throw SheetError(
                .cfbTruncated, "stream '\(name)' declares \(size) bytes but its chain holds \(chain.count) sectors",
                file: file.path)
        }
        (self.chain, self.file, self.name, self.size, small) = (chain, file, name, size, nil)
    }

    /// A stream in mini sectors (`chain` indexes the MiniFAT), read whole:
    /// it is under the mini-stream cutoff.
    init(mini chain: [UInt32], of file: CompoundFile, name: String, size: Int64, miniStream: [UInt32]) throws {
        let sectorSize = CompoundFile.miniSectorSize
        guard Int64(chain.count * sectorSize) >= size else {
            throw SheetError(
                .cfbTruncated,
                "stream '\(name)' declares \(size) bytes but its chain holds \(chain.count) mini sectors",
                file: file.path)
        }
        var bytes: [UInt8] = []
        for mini in chain where bytes.count < size {
            let offset = Int(mini) * sectorSize
            let index = offset / file.sectorSize
            guard index < miniStream.count else {
                throw SheetError(
                    .cfbSectorOutOfRange, "stream '\(name)' names mini sector \(mini), past the mini stream",
                    file: file.path)
            }
            let sector = try CompoundFile.readSector(
                miniStream[index], of: file.file, size: file.sectorSize, count: file.sectorCount)
            bytes += sector[(offset % file.sectorSize)..<(offset % file.sectorSize + sectorSize)]
        }
        (self.chain, self.file, self.name, self.size, small) = ([], file, name, size, Array(bytes.prefix(Int(size))))
    }

    /// Moves to byte `offset` of the stream; reads past the end find nothing.
    func seek(to offset: Int64) {
        position = max(0, min(offset, size))
    }

    /// Reads up to `buffer.count` bytes from the position; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let wanted = Int(min(Int64(buffer.count), size - position))
        guard wanted > 0 else { return 0 }
        if let small {
            small.withUnsafeBytes {
                buffer.baseAddress!.copyMemory(from: $0.baseAddress! + Int(position), byteCount: wanted)
            }
            position += Int64(wanted)
            return wanted
        }
        let sectorSize = file.sectorSize
        var done = 0
        while done < wanted {
            // A run of consecutive sectors is one positioned read.
            let index = Int(position / Int64(sectorSize))
            let within = Int(position % Int64(sectorSize))
            var last = index
            while last + 1 < chain.count, chain[last + 1] == chain[last] + 1,
                (last + 1 - index) * sectorSize - within < wanted - done
            {
                last += 1
            }
            let count = min((last + 1 - index) * sectorSize - within, wanted - done)
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[done..<done + count])
            let got = try file.file.read(into: target, at: Int64(chain[index] + 1) * Int64(sectorSize) + Int64(within))
            if got < count {
                // The file's last sector may be cut short: what is missing reads as zeros.
                guard Int(chain[last]) == file.sectorCount - 1 else {
                    throw SheetError(.cfbTruncated, "the file ends inside stream '\(name)'", file: file.path)
                }
                UnsafeMutableRawBufferPointer(rebasing: target[got...]).initializeMemory(as: UInt8.self, repeating: 0)
            }
            done += count
            position += Int64(count)
        }
        return done
    }
}
