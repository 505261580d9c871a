/// Writes CSV for people who open it in Excel or WPS: UTF-8 with a BOM by
/// default (so Excel reads Chinese correctly), RFC 4180 quoting, CRLF, and
/// a guard against formula injection.
///
/// The guard: a text field starting with `=`, `+`, `-`, `@`, tab or CR
/// would run as a formula when the file is opened in a spreadsheet, so it
/// gets a leading `'`. Numbers are written as numbers and never altered
/// (`-5` stays `-5`).
///
/// ```swift
/// let csv = try CSVWriter(path: "汇总.csv")
/// try csv.writeRecord([.text("地区"), .text("数值")])
/// try csv.writeRecord([.text("嘉祥县"), .number(12.5)])
/// try csv.close()
/// ```
public final class CSVWriter {
    public enum Encoding: Sendable {
        /// UTF-8 with a byte-order mark, which Excel needs to see UTF-8.
        case utf8WithBOM
        case utf8
        /// What Excel and WPS on Chinese Windows read without a BOM.
        case gb18030
    }

    public enum LineEnding: Sendable {
        case crlf, lf
    }

    public struct Options: Sendable {
        public var encoding = Encoding.utf8WithBOM
        public var lineEnding = LineEnding.crlf
        public var delimiter = UInt8(ascii: ",")
        /// Prefix `'` to text that a spreadsheet would take for a formula.
        public var guardsFormulas = true

        public init(
            encoding: Encoding = .utf8WithBOM, lineEnding: LineEnding = .crlf,
            delimiter: UInt8 = UInt8(ascii: ","), guardsFormulas: Bool = true
        ) {
            self.encoding = encoding
            self.lineEnding = lineEnding
            self.delimiter = delimiter
            self.guardsFormulas = guardsFormulas
        }
    }

    private let options: Options
    private let file: FileDescriptorSink
    private let transcoder: TranscodingSink?
    private let out: ByteStream
    private var fieldsInRecord = 0

    /// Creates (or truncates) the file at `path`.
    public convenience init(path: String, options: Options = Options()) throws {
        try self.init(file: FileDescriptorSink(path: path), options: options)
    }

    /// Writes to an open file descriptor (e.g. `AtomicFile`'s); the caller closes it.
    public convenience init(fileDescriptor: Int32, options: Options = Options()) throws {
        try self.init(file: FileDescriptorSink(descriptor: fileDescriptor), options: options)
    }

    init(file: FileDescriptorSink, options: Options) throws {
        self.file = file
        self.options = options
        self.transcoder = options.encoding == .gb18030 ? try TranscodingSink(encoding: "GB18030", next: file) : nil
        self.out = ByteStream(sink: transcoder ?? file)
        if options.encoding == .utf8WithBOM { try out.append("\u{FEFF}") }
    }

    /// A text field, quoted if it holds the delimiter, a quote or a line break.
    public func writeText(_ text: String) throws {
        var text = text
        try text.withUTF8 { try writeText(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// A text field from UTF-8 bytes.
    public func writeText(bytes: UnsafeRawBufferPointer) throws {
        try separate()
        let guarded = options.guardsFormulas && bytes.first.map(Self.startsFormula) == true
        let quoted = bytes.contains { $0 == options.delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        if quoted { try out.append(UInt8(ascii: "\"")) }
        if guarded { try out.append(UInt8(ascii: "'")) }
        if quoted {
            var runStart = 0
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\"") {
                try out.append(UnsafeRawBufferPointer(rebasing: bytes[runStart...index]))
                runStart = index  // the quote goes out twice
            }
            try out.append(UnsafeRawBufferPointer(rebasing: bytes[runStart...]))
            try out.append(UInt8(ascii: "\""))
        } else {
            try out.append(bytes)
        }
    }

    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// A number as the shortest text that reads back to the same double.
    public func writeNumber(_ value: Double) throws {
        try separate()
        try out.appendNumber(value)
    }

    /// A date as `yyyy-mm-dd`, or `yyyy-mm-dd hh:mm:ss` when it has a time of day.
    public func writeDate(serial: Double) throws {
        guard let c = ExcelDate.components(serial: serial) else { return try writeNumber(serial) }
        try separate()
        try appendPadded(c.year, 4)
        try out.append(UInt8(ascii: "-"))
        try appendPadded(c.month, 2)
        try out.append(UInt8(ascii: "-"))
        try appendPadded(c.day, 2)
        if c.hour != 0 || c.minute != 0 || c.second != 0 {
            try out.append(UInt8(ascii: " "))
            try appendPadded(c.hour, 2)
            try out.append(UInt8(ascii: ":"))
            try appendPadded(c.minute, 2)
            try out.append(UInt8(ascii: ":"))
            try appendPadded(c.second, 2)
        }
    }

    private func appendPadded(_ value: Int, _ width: Int) throws {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        for _ in digits..<max(digits, width) { try out.append(UInt8(ascii: "0")) }
        try out.appendDecimal(value)
    }

    /// An empty field.
    public func writeEmpty() throws {
        try separate()
    }

    /// Writes a value of any kind: booleans as `TRUE`/`FALSE`, error codes as text.
    public func write(_ value: CellValue) throws {
        switch value {
        case .empty: try writeEmpty()
        case .text(let text), .error(let text): try writeText(text)
        case .number(let number): try writeNumber(number)
        case .dateTime(let serial): try writeDate(serial: serial)
        case .boolean(let flag): try writeText(flag ? "TRUE" : "FALSE")
        }
    }

    /// Ends the record with the line ending.
    public func endRecord() throws {
        try out.append(options.lineEnding == .crlf ? "\r\n" : "\n")
        fieldsInRecord = 0
    }

    /// Writes the values as one record.
    public func writeRecord(_ values: [CellValue]) throws {
        for value in values { try write(value) }
        try endRecord()
    }

    /// Flushes and closes the file.
    public func close() throws {
        try out.flush()
        try transcoder?.finish()
        try file.close()
    }

    private func separate() throws {
        if fieldsInRecord > 0 { try out.append(options.delimiter) }
        fieldsInRecord += 1
    }
}
