import CZlib
import Foundation

/// Writes ZIP archives for tests, including the malformed and hostile ones
/// no real program writes: lying sizes, bad CRCs, unsafe names, bombs.
struct ZipBuilder {
    struct Entry {
        var name: String
        var data: [UInt8]
        var deflate = true
        /// Overrides for hostile archives.
        var declaredSize: Int64?
        var crc: UInt32?
        var flags: UInt16 = 0
    }

    var entries: [Entry] = []
    /// Writes ZIP64 records (extra fields and end records) with saturated
    /// 32-bit fields, as writers do for archives past 4 GiB.
    var zip64 = false
    /// Sets flag bit 3 and zeroes the local header's CRC and sizes, as
    /// streaming writers do (the values follow the data).
    var dataDescriptors = false

    mutating func add(_ name: String, _ text: String, deflate: Bool = true) {
        entries.append(Entry(name: name, data: Array(text.utf8), deflate: deflate))
    }

    /// The archive's bytes.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let compressed = entry.deflate ? Self.deflate(entry.data) : entry.data
            let crc = entry.crc ?? Self.crc(entry.data)
            let size = UInt64(entry.declaredSize ?? Int64(entry.data.count))
            let offset = UInt64(out.count)
            let name = Array(entry.name.utf8)
            let flags = entry.flags | (dataDescriptors ? 8 : 0)
            let method: UInt16 = entry.deflate ? 8 : 0
            let local =
                dataDescriptors ? (UInt32(0), UInt32(0), UInt32(0)) : (crc, UInt32(compressed.count), UInt32(size))
            out += le32(0x0403_4B50) + le16(20) + le16(flags) + le16(method) + le32(0)
            out += le32(local.0) + le32(local.1) + le32(local.2) + le16(UInt16(name.count)) + le16(0) + name
            out += compressed
            if dataDescriptors {
                out += le32(0x0807_4B50) + le32(crc) + le32(UInt32(compressed.count)) + le32(UInt32(size))
            }
            let extra = zip64 ? le16(1) + le16(24) + le64(size) + le64(UInt64(compressed.count)) + le64(offset) : []
            let saturated: UInt32 = 0xFFFF_FFFF
            central += le32(0x0201_4B50) + le16(45) + le16(45) + le16(flags) + le16(method) + le32(0) + le32(crc)
            central += le32(zip64 ? saturated : UInt32(compressed.count)) + le32(zip64 ? saturated : UInt32(size))
            central += le16(UInt16(name.count)) + le16(UInt16(extra.count)) + le16(0) + le16(0) + le16(0) + le32(0)
            central += le32(zip64 ? saturated : UInt32(offset)) + name + extra
        }
        let directoryOffset = UInt64(out.count)
        out += central
        if zip64 {
            let endOffset = UInt64(out.count)
            out += le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
            out +=
                le64(UInt64(entries.count)) + le64(UInt64(entries.count)) + le64(UInt64(central.count))
                + le64(directoryOffset)
            out += le32(0x0706_4B50) + le32(0) + le64(endOffset) + le32(1)
            out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(0xFFFF) + le16(0xFFFF)
            out += le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) + le16(0)
        } else {
            out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
            out += le32(UInt32(central.count)) + le32(UInt32(directoryOffset)) + le16(0)
        }
        return out
    }

    func write(to path: String) throws {
        try Data(bytes()).write(to: URL(fileURLWithPath: path))
    }

    /// Writes an archive with one entry `name` of `megabytes` MiB of zeros,
    /// deflated by streaming: one MiB is deflated with a full flush (which
    /// resets the dictionary, so the bytes are the same every time) and
    /// written again and again, never holding the whole entry.
    static func writeZeroBomb(to path: String, name: String, megabytes: Int) throws {
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        var stream = z_stream()
        precondition(huanxin_deflateInit2(&stream, 9, -15, 9, Z_DEFAULT_STRATEGY) == Z_OK)
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var flushed: [UInt8] = []
        zeros.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            repeat {
                block.withUnsafeMutableBufferPointer { output in
                    stream.next_out = output.baseAddress
                    stream.avail_out = uInt(output.count)
                    CZlib.deflate(&stream, Z_FULL_FLUSH)
                    flushed += output[..<(output.count - Int(stream.avail_out))]
                }
            } while stream.avail_out == 0
        }
        deflateEnd(&stream)
        let finalBlock: [UInt8] = [0x03, 0x00]  // an empty final static block
        var crc = crc32(0, nil, 0)
        for _ in 0..<megabytes { crc = zeros.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) } }
        let compressedSize = UInt64(flushed.count * megabytes + finalBlock.count)
        let size = UInt64(megabytes) << 20
        let nameBytes = Array(name.utf8)

        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        // Sizes past 4 GiB would need ZIP64; the tests stay below.
        precondition(size < 0xFFFF_FFFF)
        let header =
            le32(0x0403_4B50) + le16(20) + le16(0) + le16(8) + le32(0) + le32(UInt32(crc))
            + le32(UInt32(compressedSize)) + le32(UInt32(size)) + le16(UInt16(nameBytes.count)) + le16(0) + nameBytes
        file.write(Data(header))
        let chunk = Data(flushed)
        for _ in 0..<megabytes { file.write(chunk) }
        file.write(Data(finalBlock))
        let directoryOffset = UInt32(header.count) + UInt32(compressedSize)
        let central =
            le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(8) + le32(0) + le32(UInt32(crc))
            + le32(UInt32(compressedSize)) + le32(UInt32(size)) + le16(UInt16(nameBytes.count))
            + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + nameBytes
        file.write(Data(central))
        file.write(
            Data(
                le32(0x0605_4B50) + le16(0) + le16(0) + le16(1) + le16(1)
                    + le32(UInt32(central.count)) + le32(directoryOffset) + le16(0)))
    }

    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(huanxin_deflateInit2(&stream, 6, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK)
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 16)
        var input = data
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                precondition(CZlib.deflate(&stream, Z_FINISH) == Z_STREAM_END)
            }
        }
        return Array(output[..<Int(stream.total_out)])
    }

    static func crc(_ data: [UInt8]) -> UInt32 {
        UInt32(data.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
    }
}

private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
private func le64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8((value >> (8 * $0)) & 0xFF) } }
