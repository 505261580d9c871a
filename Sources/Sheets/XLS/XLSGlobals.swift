extension SheetError.Code {
    /// A BIFF2–4 workbook (Excel 2.x–4.0, before 1993), or a BIFF version not known.
    public static let xlsTooOld = Self("xls-too-old")
}

/// BIFF record types read from the workbook globals and the worksheets ([MS-XLS] 2.3).
enum BIFFRecord {
    static let bof: UInt16 = 0x0809
    static let eof: UInt16 = 0x000A
    static let filePass: UInt16 = 0x002F
    static let codepage: UInt16 = 0x0042
    static let dateMode: UInt16 = 0x0022
    static let format: UInt16 = 0x041E
    static let xf: UInt16 = 0x00E0
    static let boundSheet: UInt16 = 0x0085
    static let sst: UInt16 = 0x00FC
    static let continued: UInt16 = 0x003C
    static let labelSST: UInt16 = 0x00FD
    static let label: UInt16 = 0x0204
    static let richString: UInt16 = 0x00D6
    static let number: UInt16 = 0x0203
    static let rk: UInt16 = 0x027E
    static let mulRK: UInt16 = 0x00BD
    static let boolErr: UInt16 = 0x0205
    static let formula: UInt16 = 0x0006
    static let string: UInt16 = 0x0207
    static let mergedCells: UInt16 = 0x00E5
    /// BOF records of BIFF2, BIFF3 and BIFF4.
    static let oldBOFs: Set<UInt16> = [0x0009, 0x0209, 0x0409]
}

/// The BIFF version of a workbook stream.
enum BIFFVersion {
    /// Excel 97–2003: Unicode strings, the shared-string table.
    case biff8
    /// Excel 5.0/95: 8-bit strings in the code page, no shared strings.
    case biff5
}

/// The workbook globals substream, reduced to what reading sheets needs:
/// the sheets and where their substreams start, the shared strings, how
/// each cell format (XF) shows numbers, the date system.
struct XLSGlobals {
    struct Sheet {
        var info: SheetInfo
        /// Where the sheet's BOF starts in the workbook stream.
        var offset: Int64
    }

    var version = BIFFVersion.biff8
    var sheets: [Sheet] = []
    var strings = SharedStrings()
    /// `shown[xf]`: how cell format `xf` shows numbers.
    var shown: [NumberFormat.Shown] = []
    var uses1904DateSystem = false
    var codepage = 1252

    /// Reads the globals from the start of `stream`; refuses encrypted and pre-BIFF5 workbooks.
    static func read(_ stream: CompoundFileStream, path: String, limits: ReadLimits) throws -> XLSGlobals {
        var globals = XLSGlobals()
        let records = BIFFRecordReader(stream, at: 0)
        guard try records.next() else { throw SheetError(.xlsCorrupt, "the workbook stream is empty", file: path) }
        if BIFFRecord.oldBOFs.contains(records.type) {
            throw SheetError(
                .xlsTooOld, "an Excel 2.x–4.0 worksheet (BIFF2–4): open it in Excel or LibreOffice and save as .xlsx",
                file: path)
        }
        guard records.type == BIFFRecord.bof else {
            throw SheetError(.xlsCorrupt, "the workbook stream does not start with a BOF record", file: path)
        }
        switch records.payload.u16(0) {
        case 0x0600: globals.version = .biff8
        case 0x0500: globals.version = .biff5
        case let other:
            throw SheetError(
                .xlsTooOld, "BIFF version \(String(other, radix: 16)) is not Excel 5.0–2003: save as .xlsx", file: path)
        }
        var formatCodes: [Int: String] = [:]
        var formatIDs: [Int] = []
        var sst: ContinuedRecords?
        while try records.next() {
            let payload = records.payload
            if records.type != BIFFRecord.continued, var table = sst {
                try globals.readStrings(&table, path: path, limits: limits)
                sst = nil
            }
            switch records.type {
            case BIFFRecord.eof:
                return globals.finished(formatIDs: formatIDs, formatCodes: formatCodes)
            case BIFFRecord.filePass:
                throw SheetError(
                    .fileEncrypted, "the workbook is password-protected: remove the password and submit again",
                    file: path)
            case BIFFRecord.codepage:
                globals.codepage = payload.u16(0)
            case BIFFRecord.dateMode:
                globals.uses1904DateSystem = payload.u16(0) == 1
            case BIFFRecord.format:
                formatCodes[payload.u16(0)] = globals.string(payload, at: 2, biff8CountBytes: 2, biff5CountBytes: 1)
            case BIFFRecord.xf:
                formatIDs.append(payload.u16(2))
            case BIFFRecord.boundSheet:
                let name = globals.string(payload, at: 6, biff8CountBytes: 1, biff5CountBytes: 1)
                // Worksheets and macro sheets hold cells; chart and VBA module sheets none.
                guard payload.u8(5) == 0 || payload.u8(5) == 1 else { continue }
                let visibility: SheetVisibility =
                    switch payload.u8(4) & 3 {
                    case 0: .visible
                    case 1: .hidden
                    default: .veryHidden
                    }
                globals.sheets.append(
                    Sheet(
                        info: SheetInfo(name: name, index: globals.sheets.count, visibility: visibility),
                        offset: Int64(payload.u32(0))))
            case BIFFRecord.sst:
                var table = ContinuedRecords()
                table.append(payload.raw)
                sst = table
            case BIFFRecord.continued:
                if sst != nil { sst!.append(payload.raw) }
            default:
                break
            }
        }
        throw SheetError(.xlsCorrupt, "the workbook globals end without an EOF record", file: path)
    }

    /// The shared strings of an `SST` record and its `CONTINUE`s.
    private mutating func readStrings(_ table: inout ContinuedRecords, path: String, limits: ReadLimits) throws {
        var item: [UInt8] = []
        table.skip(8)  // total and unique counts: hints only
        while !table.isAtEnd {
            item.removeAll(keepingCapacity: true)
            guard table.readString(to: &item) else {
                throw SheetError(.xlsCorrupt, "shared string \(strings.count) is cut short", file: path)
            }
            guard item.count <= limits.maxCellBytes else {
                throw SheetError(
                    .cellTooLong,
                    "shared string \(strings.count) is \(item.count) bytes, more than the limit of \(limits.maxCellBytes)",
                    file: path)
            }
            strings.append(item)
        }
    }

    /// The workbook's shown-as for each XF: a `FORMAT` record overrides the
    /// built-in format of its index (some writers put `0.0%` at 50–58).
    private func finished(formatIDs: [Int], formatCodes: [Int: String]) -> XLSGlobals {
        var copy = self
        copy.shown = formatIDs.map { id in
            formatCodes[id].map(NumberFormat.shown(code:)) ?? NumberFormat.shown(builtIn: id)
        }
        return copy
    }

    /// A string in a globals record: BIFF8's Unicode string or BIFF5's code-page bytes.
    func string(_ payload: BIFFBytes, at offset: Int, biff8CountBytes: Int, biff5CountBytes: Int) -> String {
        var bytes: [UInt8] = []
        appendString(payload, at: offset, countBytes: version == .biff8 ? biff8CountBytes : biff5CountBytes, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 of the string at `offset` of one record (a cell's
    /// `LABEL`, a `FORMAT` code, a sheet name), its count in `countBytes`.
    func appendString(
        _ payload: BIFFBytes, at offset: Int, countBytes: Int, to output: inout [UInt8],
        text: XLSText? = nil
    ) {
        let count = countBytes == 2 ? payload.u16(offset) : Int(payload.u8(offset))
        switch version {
        case .biff5:
            let bytes = UnsafeRawBufferPointer(rebasing: payload.suffix(from: offset + countBytes).prefix(count))
            (text ?? XLSText(codepage: codepage)).appendCodepage(bytes, to: &output)
        case .biff8:
            let options = payload.u8(offset + countBytes)
            var start = offset + countBytes + 1
            if options & 0x08 != 0 { start += 2 }
            if options & 0x04 != 0 { start += 4 }
            let width = options & 0x01 != 0 ? 2 : 1
            let bytes = UnsafeRawBufferPointer(rebasing: payload.suffix(from: start).prefix(count * width))
            if width == 2 {
                var pending: UInt32 = 0
                XLSText.appendUTF16(bytes, pendingHigh: &pending, to: &output)
            } else {
                XLSText.appendLatin1(bytes, to: &output)
            }
        }
    }
}
