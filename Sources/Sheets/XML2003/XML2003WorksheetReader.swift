#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the rows of one worksheet of an XML Spreadsheet 2003 file.
///
/// Follows `ss:Index` on rows and cells (positions skip ahead),
/// `ss:MergeAcross`/`ss:MergeDown` (the range is reported, the value stays
/// top-left) and `ss:Type`; a number whose `ss:StyleID` has a date format
/// is a date. Text inside `ss:Data` is concatenated whatever markup (html
/// rich text) wraps it. A formula's cached `Data` is its value.
final class XML2003WorksheetReader: SAXPushParserDelegate {
    private let sheetIndex: Int
    private let sheetName: String
    private let dateStyles: Set<[UInt8]>
    private let limits: ReadLimits
    private let file: String
    private let body: (SheetRow) throws -> Void
    /// Set before parsing: stopped when the sheet ends or something fails.
    weak var parser: SAXPushParser?

    private(set) var mergedRanges: [CellRange] = []
    private(set) var rowCount = 0
    /// What `body` threw.
    private(set) var failure: Error?

    private var worksheetsSeen = 0
    private var inSheet = false
    private var row = SheetRow()
    private var rowNumber = 0
    /// Column of the open cell; the next cell without `ss:Index` comes after `lastColumn`.
    private var column = 0
    private var lastColumn = 0
    private var cellIsDate = false
    private var cellCount: Int64 = 0
    /// The `ss:Type` of the open `Data`, nil outside one.
    private var dataType: [UInt8]?
    private var text: [UInt8] = []

    init(sheetIndex: Int, sheetName: String, dateStyles: Set<[UInt8]>, limits: ReadLimits, file: String,
         body: @escaping (SheetRow) throws -> Void) {
        self.sheetIndex = sheetIndex
        self.sheetName = sheetName
        self.dateStyles = dateStyles
        self.limits = limits
        self.file = file
        self.body = body
    }

    func startElement(_ name: SAXName, attributes: SAXAttributes) {
        let ss = XML2003Namespace.spreadsheet
        if name.is("Worksheet", in: ss) {
            inSheet = worksheetsSeen == sheetIndex
            worksheetsSeen += 1
            return
        }
        guard inSheet else { return }
        if dataType != nil { return }  // html markup inside rich text
        if name.is("Row", in: ss) {
            rowNumber = position(attributes, after: rowNumber, limit: CellReference.maxRow, what: "row")
            row.reset(number: rowNumber)
            lastColumn = 0
        } else if name.is("Cell", in: ss) {
            column = position(attributes, after: lastColumn, limit: CellReference.maxColumn, what: "column")
            let across = integer(attributes.value("MergeAcross", in: ss)) ?? 0
            let down = integer(attributes.value("MergeDown", in: ss)) ?? 0
            if across > 0 || down > 0 {
                let last = CellReference(row: min(rowNumber + down, CellReference.maxRow),
                                         column: min(column + across, CellReference.maxColumn))
                mergedRanges.append(CellRange(first: CellReference(row: rowNumber, column: column), last: last))
            }
            let style = attributes.value("StyleID", in: ss)
            cellIsDate = style.map { id in dateStyles.contains { $0.elementsEqual(id) } } ?? false
            // The next cell's position counts from the merged range's last column.
            lastColumn = column + across
        } else if name.is("Data", in: ss) {
            dataType = attributes.value("Type", in: ss).map(Array.init) ?? []
            text.removeAll(keepingCapacity: true)
        }
    }

    func endElement(_ name: SAXName) {
        guard inSheet else { return }
        let ss = XML2003Namespace.spreadsheet
        if dataType != nil {
            if name.is("Data", in: ss) { finishData() }
        } else if name.is("Row", in: ss) {
            guard !row.cells.isEmpty else { return }
            rowCount += 1
            do { try body(row) } catch {
                failure = error
                parser?.stop()
            }
        } else if name.is("Worksheet", in: ss) {
            inSheet = false
            parser?.stop()  // the rest of the file is other sheets
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard dataType != nil else { return }
        text.append(contentsOf: bytes)
        if text.count > limits.maxCellBytes {
            fail(.xml2003CellTooLong, "cell text is longer than \(limits.maxCellBytes) bytes")
        }
    }

    /// Turns the closed `Data`'s text into a cell of its `ss:Type`.
    private func finishData() {
        let type = dataType ?? []
        dataType = nil
        guard !text.isEmpty else { return }
        cellCount += 1
        if cellCount > limits.maxCells {
            return fail(.xml2003TooManyCells, "more than \(limits.maxCells) cells")
        }
        switch String(decoding: type, as: UTF8.self) {
        case "Number":
            if let number = parseNumber() {
                row.append(column: column, kind: cellIsDate ? .dateTime : .number, number: number)
            } else {
                row.append(column: column, kind: .text, bytes: text)
            }
        case "DateTime":
            if let serial = XML2003NumberFormat.serial(ofDateTime: text) {
                row.append(column: column, kind: .dateTime, number: serial)
            } else {
                row.append(column: column, kind: .text, bytes: text)
            }
        case "Boolean":
            let isTrue = text == Array("1".utf8) || text.elementsEqual("true".utf8) || text.elementsEqual("TRUE".utf8)
            row.append(column: column, kind: .boolean, number: isTrue ? 1 : 0)
        case "Error":
            row.append(column: column, kind: .error, bytes: text)
        default:
            row.append(column: column, kind: .text, bytes: text)
        }
    }

    /// The text as a decimal number, or nil when it is not one in full.
    private func parseNumber() -> Double? {
        text.append(0)
        defer { text.removeLast() }
        return text.withUnsafeBufferPointer { buffer -> Double? in
            let start = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(start, &end)
            guard let end, end != start else { return nil }
            var rest = UnsafePointer(end)
            while rest.pointee == 0x20 || rest.pointee == 0x09 || rest.pointee == 0x0A || rest.pointee == 0x0D { rest += 1 }
            return rest.pointee == 0 && value.isFinite ? value : nil
        }
    }

    /// A row's or cell's position: its `ss:Index`, else the one after `previous`.
    private func position(_ attributes: SAXAttributes, after previous: Int, limit: Int, what: String) -> Int {
        let index = attributes.value("Index", in: XML2003Namespace.spreadsheet)
        let value = index.map { integer($0) ?? -1 } ?? previous + 1
        guard value >= 1, value <= limit else {
            fail(.xml2003BadPosition, "\(what) \(index.map { String(decoding: $0, as: UTF8.self) } ?? String(value)) is outside 1...\(limit)")
            return min(max(value, 1), limit)
        }
        return value
    }

    /// A non-negative decimal integer attribute, or nil; large values saturate.
    private func integer(_ bytes: UnsafeBufferPointer<UInt8>?) -> Int? {
        guard let bytes, !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = min(value * 10 + Int(byte - UInt8(ascii: "0")), Int(Int32.max))
        }
        return value
    }

    private func fail(_ code: SheetError.Code, _ detail: String) {
        let cell = column >= 1 ? CellReference(row: max(rowNumber, 1), column: column) : nil
        parser?.stop(with: SheetError(code, detail, file: file, sheet: sheetName, cell: cell))
    }
}
