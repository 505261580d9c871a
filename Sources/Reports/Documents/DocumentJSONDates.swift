import Foundation
import Sheets

extension DocumentJSONWriter {
    /// A time as DocumentJSON encodes it (`date.formatted(.iso8601)`): UTC
    /// to the second, the fraction cut off, `"2026-11-23T02:00:00Z"`. Worked
    /// out here for 1970–9999 (a receipt has a few for each month it
    /// corrected, and the format style made a String through a calendar for
    /// each); other times, where the style's calendar is not the proleptic
    /// Gregorian one, are the style's.
    public func date(_ date: Date) throws {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= 0, seconds < Self.year10000 else { return try string(date.formatted(.iso8601)) }
        let time = ExcelDate.Components(secondsSince1970: Int64(seconds))
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 22 bytes of `"yyyy-MM-ddTHH:mm:ssZ"`, on the stack
        try withUnsafeMutableBytes(of: &text) { bytes in
            func digits(_ value: Int, _ count: Int, at end: Int) {
                var value = value
                for index in stride(from: end - 1, through: end - count, by: -1) {
                    bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            (bytes[0], bytes[21]) = (UInt8(ascii: "\""), UInt8(ascii: "\""))
            (bytes[5], bytes[8], bytes[11]) = (UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"))
            (bytes[14], bytes[17], bytes[20]) = (UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "Z"))
            digits(time.year, 4, at: 5)
            digits(time.month, 2, at: 8)
            digits(time.day, 2, at: 11)
            digits(time.hour, 2, at: 14)
            digits(time.minute, 2, at: 17)
            digits(time.second, 2, at: 20)
            try stream.append(UnsafeRawBufferPointer(rebasing: bytes[..<22]))
        }
    }

    /// 10000-01-01T00:00:00Z.
    private static let year10000: Double = 253_402_300_800
}
