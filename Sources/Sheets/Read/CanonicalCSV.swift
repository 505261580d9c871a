/// Writes sheets in the canonical CSV form that `huanxin cat` prints and
/// that tests and peers compare: UTF-8 without BOM, LF, RFC 4180 quoting;
/// one record per row from row 1 to the last non-empty row (gaps as empty
/// lines), fields from column A to the row's last non-empty cell.
///
/// Values: integral numbers below 2^53 without a decimal point, other
/// numbers as the shortest round-trip decimal (`0.1`, `1e-07`, `1.5e+16`);
/// dates as `YYYY-MM-DD`, with a time part as `YYYY-MM-DDTHH:MM:SS`, below
/// one day as `HH:MM:SS`; durations (elapsed-time formats such as
/// `[h]:mm:ss`) as hours, minutes and seconds, `255:10:10`; booleans `TRUE`/`FALSE`; errors as Excel shows them.
///
/// Bytes go to the sink in chunks of about 64 KiB; nothing is built per field.
public final class CanonicalCSVWriter {
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    private var buffer: [UInt8] = []
    private var lastRow = 0
    private static let flushSize = 64 << 10

    /// A writer that hands its output to `sink`; call `finish()` at the end.
    public init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// Writes every row of sheet `index` of `workbook` and flushes.
    public static func write(
        sheet index: Int, of workbook: any Workbook,
        to sink: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let writer = CanonicalCSVWriter(sink: sink)
        _ = try workbook.readRows(ofSheet: index) { try writer.write($0) }
        try writer.finish()
    }

    /// Writes one row; rows must come in increasing order.
    public func write(_ row: SheetRow) throws {
        guard row.cells.contains(where: { !Self.isBlank($0) }), row.number > lastRow else { return }
        for _ in lastRow + 1..<row.number { buffer.append(UInt8(ascii: "\n")) }
        lastRow = row.number
        var written = 0
        for cell in row.cells where !Self.isBlank(cell) && cell.column > written {
            // Column c follows c - 1 separators; f fields are already written with f - 1.
            for _ in 0..<(cell.column - max(written, 1)) { buffer.append(UInt8(ascii: ",")) }
            written = cell.column
            appendValue(of: cell, in: row)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Hands what is buffered to the sink.
    public func finish() throws {
        try flush()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func isBlank(_ cell: SheetCell) -> Bool {
        cell.kind == .empty || (cell.kind == .text && cell.textCount == 0)
    }

    private func appendValue(of cell: SheetCell, in row: SheetRow) {
        switch cell.kind {
        case .empty:
            break
        case .text, .error:
            appendQuoted(row.bytes(of: cell))
        case .number where cell.isDuration:
            appendDuration(cell.number)
        case .number:
            appendNumber(cell.number)
        case .boolean:
            buffer.append(contentsOf: cell.number != 0 ? "TRUE".utf8 : "FALSE".utf8)
        case .dateTime:
            appendDate(cell.number)
        }
    }

    /// RFC 4180: quoted when the field holds a comma, quote, CR or LF; quotes doubled.
    private func appendQuoted(_ bytes: ArraySlice<UInt8>) {
        let needsQuotes = bytes.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }
        guard needsQuotes else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private func appendNumber(_ number: Double) {
        if number.rounded(.towardZero) == number, abs(number) < 9_007_199_254_740_992 {
            appendInteger(Int(number))
        } else {
            // Swift's description is the shortest round-trip form, with
            // Python's exponent style (`1e-07`, `1.5e+16`).
            buffer.append(contentsOf: number.description.utf8)
        }
    }

    private func appendInteger(_ value: Int) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64) = (0, 0)  // 16 bytes of scratch, enough for 2^53
        withUnsafeMutableBytes(of: &digits) { scratch in
            var i = scratch.count
            repeat {
                i -= 1
                scratch[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            buffer.append(contentsOf: scratch[i...])
        }
    }

    private func appendDate(_ serial: Double) {
        guard let date = ExcelDate.components(serial: serial) else {
            appendNumber(serial)
            return
        }
        if serial < 1 {
            appendTime(date)
            return
        }
        appendDigits(date.year, 4)
        buffer.append(UInt8(ascii: "-"))
        appendDigits(date.month, 2)
        buffer.append(UInt8(ascii: "-"))
        appendDigits(date.day, 2)
        if date.hour != 0 || date.minute != 0 || date.second != 0 {
            buffer.append(UInt8(ascii: "T"))
            appendTime(date)
        }
    }

    /// `H:MM:SS` with as many hours as it takes, to the nearest second.
    private func appendDuration(_ days: Double) {
        guard days.isFinite, abs(days) < 1e9 else { return appendNumber(days) }
        let seconds = Int((abs(days) * 86_400).rounded())
        if days < 0, seconds > 0 { buffer.append(UInt8(ascii: "-")) }
        appendInteger(seconds / 3600)
        buffer.append(UInt8(ascii: ":"))
        appendDigits(seconds / 60 % 60, 2)
        buffer.append(UInt8(ascii: ":"))
        appendDigits(seconds % 60, 2)
    }

    private func appendTime(_ date: ExcelDate.Components) {
        appendDigits(date.hour, 2)
        buffer.append(UInt8(ascii: ":"))
        appendDigits(date.minute, 2)
        buffer.append(UInt8(ascii: ":"))
        appendDigits(date.second, 2)
    }

    private func appendDigits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
