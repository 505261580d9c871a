import Catalog
import Sheets
import Vocabulary

/// The fast lane of `RecordsLayoutReader`. A records file repeats a few
/// thousand regions, a dozen indicators, its months and units on every row;
/// once a text has passed every check in a clean row, the lane remembers
/// what it read as (by the text's bytes, as the numbers the reading's
/// figures and row keys give it), and a later row made only of remembered
/// texts and a plain number is added here without checking them again or
/// looking up a text. Any other row goes the full way
/// (`RecordsLayoutReader.readRow`), which finds its issues and, when the row
/// is clean, teaches the lane its texts. So the lane decides nothing the
/// full way would not: it only skips repeating what it already said of the
/// same bytes. A struct the reader keeps in a variable its row closure
/// captures: read in place there, its tables are neither copied nor
/// retained per row, as a class's stored tables are on every lookup (an
/// exclusivity check and a retain and release of each table's arrays, some
/// 15% of a clean file's time). One lane serves one `LayoutReading`, whose
/// numbers it keeps.
struct CleanRowLane {
    /// A remembered text's numbers in the reading's figures and row keys.
    struct Numbers {
        var figure: Int32
        var key: Int32
    }

    /// What a remembered indicator code stands for.
    struct KnownIndicator {
        var numbers: Numbers
        var unit: String
        var minimum: Double?
        var maximum: Double?
    }

    private let region: Int
    private let indicator: Int
    private let period: Int
    private let value: Int
    private let unit: Int?
    private let note: Int?
    /// Cells right of the header's last label are extra: the full way reports them.
    private let lastColumn: Int
    /// The value field's own bounds (`minimum: 0`).
    private let valueMinimum: Double?
    private let valueMaximum: Double?
    private let catalog: Catalog

    private var regions = TextMemo<Numbers>()
    private var indicators = TextMemo<KnownIndicator>()
    /// As `ObservationTable.number(of:)` numbers the month.
    private var periods = TextMemo<Int32>()
    /// A unit cell's text as the observation keeps it (nil: none written), and its number in the figures.
    private var units = TextMemo<(text: String?, figure: Int32)>()
    /// A note's number in the figures (−1: none written).
    private var notes = TextMemo<Int32>(capacity: 4096)
    /// The sheet's numbers, known from the first row learnt.
    private var sheet = Numbers(figure: -1, key: -1)
    /// The value column's letters: with a row's number, the A1 text of a figure's cell.
    private let valueLetters: [UInt8]

    /// nil when the header lacks a column the lane needs (every row then goes the full way).
    init?(layout: Layout, columns: HeaderMatcher.Columns, catalog: Catalog) {
        guard let region = columns.byField["region"], let indicator = columns.byField["indicator"],
            let period = columns.byField["period"], let value = columns.byField["value"]
        else { return nil }
        self.region = region
        self.indicator = indicator
        self.period = period
        self.value = value
        unit = columns.byField["unit"]
        note = columns.byField["note"]
        lastColumn = columns.lastColumn
        valueMinimum = layout.field(named: "value")?.minimum
        valueMaximum = layout.field(named: "value")?.maximum
        self.catalog = catalog
        // As `SheetPlace.location` and `CellReference.a1` name the cell.
        valueLetters = Array(CellReference.columnName(value).utf8)
    }

    /// Adds `row` to `reading` as the full way would when every cell of it
    /// is remembered clean and its value is a plain number within bounds;
    /// false: read it the full way. Mutating though it changes nothing: so
    /// the caller's closure reaches the lane in place, where a read of the
    /// captured variable copies it (every table retained) per row.
    mutating func read(_ row: SheetRow, place: SheetPlace, into reading: inout LayoutReading) throws -> Bool {
        guard let last = row.cells.last, last.column <= lastColumn else { return false }
        // In a method, not in the closure: a closure holds the lane as
        // possibly aliased, and copies (retains) each memo it reads.
        return try row.textBytes.withUnsafeBufferPointer { text in
            try read(row, text: text, place: place, into: &reading)
        }
    }

    /// `read(_:place:into:)` with the bytes of the row's texts.
    private mutating func read(
        _ row: SheetRow, text: UnsafeBufferPointer<UInt8>, place: SheetPlace, into reading: inout LayoutReading
    ) throws -> Bool {
        func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8>?? {
            guard let cell = row.cell(atColumn: column) else { return .some(nil) }
            guard cell.kind == .text else { return nil }
            return UnsafeBufferPointer(rebasing: text[Int(cell.textStart)..<Int(cell.textStart + cell.textCount)])
        }
        guard case let regionBytes?? = bytes(region), let regionNumbers = regions.value(for: regionBytes),
            case let indicatorBytes?? = bytes(indicator), let known = indicators.value(for: indicatorBytes),
            case let periodBytes?? = bytes(period), let month = periods.value(for: periodBytes),
            let valueCell = row.cell(atColumn: value)
        else { return false }
        /// An optional column's text as remembered: nil when it is not,
        /// `.some(nil)` when the row has no such column or cell. The memo
        /// inout: passed by value, the lane's table is copied (retained) per call.
        func remembered<Value>(_ column: Int?, in memo: inout TextMemo<Value>) -> Value?? {
            guard let column else { return .some(nil) }
            guard case let cellBytes? = bytes(column) else { return nil }
            guard let cellBytes else { return .some(nil) }
            guard let found = memo.value(for: cellBytes) else { return nil }
            return found
        }
        // A unit other than the indicator's own is converted the full way.
        guard let writtenUnit = remembered(unit, in: &units),
            writtenUnit?.text == nil || writtenUnit?.text == known.unit,
            let writtenNote = remembered(note, in: &notes),
            let (number, written) = plainNumber(valueCell, text: text),
            valueMinimum.map({ number >= $0 }) ?? true, valueMaximum.map({ number <= $0 }) ?? true,
            known.minimum.map({ number >= $0 }) ?? true, known.maximum.map({ number <= $0 }) ?? true
        else { return false }
        let physical = SheetPlace.physicalRow(row)
        try reading.countDataRow(at: place.location(row: physical))
        // The month is in `reading.periods` since the row that taught it.
        reading.keys.append(
            region: regionNumbers.key, indicator: known.numbers.key, period: month, row: Int32(physical),
            sheet: sheet.key)
        let figure = ObservationTable.NumberedFigure(
            region: regionNumbers.figure, indicator: known.numbers.figure, period: month, value: number,
            unit: writtenUnit?.figure ?? -1, note: writtenNote ?? -1, sheet: sheet.figure, row: Int32(physical),
            column: Int32(value))
        var writtenText = written
        Self.withValueCell(letters: valueLetters, row: physical) { cell in
            writtenText.withUTF8 { reading.observations.append(figure, written: $0, cell: cell) }
        }
        return true
    }

    /// Calls `body` with the A1 text of the cell in row `row` of the column
    /// whose letters are `letters`. Static: a method called from the
    /// mutating `read` copies the lane for the call.
    private static func withValueCell(letters: [UInt8], row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        // The letters, then a row's digits, at most 19.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: letters.count + 19) { buffer in
            var start = buffer.count
            var rest = row
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            start -= letters.count
            for (offset, letter) in letters.enumerated() { buffer[start + offset] = letter }
            body(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// A number cell, or a text cell of the form `-?[0-9]+(.[0-9]+)?` with at
    /// most 15 significant digits and a magnitude `NumberBounds` allows: what
    /// the full way reads the same with nothing to say. Anything else (a
    /// grouping comma, full-width digits, `%`, spaces) is left to it.
    private func plainNumber(_ cell: SheetCell, text: UnsafeBufferPointer<UInt8>) -> (Double, String)? {
        switch cell.kind {
        case .number where !cell.isPercent:
            guard NumberBounds.problem(cell.number, significantDigits: 0) == nil else { return nil }
            return (cell.number, CellReading.format(cell.number))
        case .text:
            let bytes = UnsafeBufferPointer(rebasing: text[Int(cell.textStart)..<Int(cell.textStart + cell.textCount)])
            guard let (number, digits) = Self.plainDecimal(bytes),
                NumberBounds.problem(number, significantDigits: digits) == nil
            else { return nil }
            return (number, String(decoding: bytes, as: UTF8.self))
        default:
            return nil
        }
    }

    /// The value and significant digits of `-?[0-9]+(.[0-9]+)?`, or nil for
    /// any other text. The value is the one `Double(text)` reads: digits of
    /// at most 2^53 over a power of ten up to 10^22 are both exact doubles,
    /// and their quotient is rounded once, correctly, as `strtod` rounds
    /// (Clinger's fast path); a longer text is left to `Double(text)`.
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Double, digits: Int)? {
        let zero = UInt8(ascii: "0")
        let nine = UInt8(ascii: "9")
        let negative = bytes.first == UInt8(ascii: "-")
        var index = negative ? 1 : 0
        var first = -1
        var last = -1
        var digitsBefore = 0
        var digitsAfter = 0
        var point = false
        var position = 0  // digits seen, the point not counted
        var mantissa: UInt64 = 0
        var exact = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= zero, byte <= nine {
                if byte != zero {
                    if first < 0 { first = position }
                    last = position
                }
                position += 1
                if point { digitsAfter += 1 } else { digitsBefore += 1 }
                if exact, mantissa <= (1 << 53) / 10 {
                    mantissa = mantissa * 10 + UInt64(byte - zero)
                    exact = mantissa <= 1 << 53
                } else {
                    exact = false
                }
            } else if byte == UInt8(ascii: "."), !point {
                point = true
            } else {
                return nil
            }
            index += 1
        }
        guard digitsBefore > 0, !point || digitsAfter > 0 else { return nil }
        let digits = first < 0 ? 0 : last - first + 1
        guard exact, digitsAfter < Self.powersOfTen.count else {
            guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { return nil }
            return (value, digits)
        }
        let value = Double(mantissa) / Self.powersOfTen[digitsAfter]
        return (negative ? -value : value, digits)
    }

    /// 10^0 … 10^22, every one an exact double.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// After the full way read `row` into `reading` as `observation` with no
    /// issue at all: remembers what its texts read as.
    mutating func learn(from row: SheetRow, observation: Observation, reading: inout LayoutReading) {
        func numbers(_ text: String?) -> Numbers {
            Numbers(figure: reading.observations.number(adding: text), key: reading.keys.number(adding: text))
        }
        sheet = numbers(observation.source.sheet)
        row.textBytes.withUnsafeBufferPointer { text in
            func bytes(_ column: Int?) -> UnsafeBufferPointer<UInt8>? {
                guard let column, let cell = row.cell(atColumn: column), cell.kind == .text else { return nil }
                return UnsafeBufferPointer(rebasing: text[Int(cell.textStart)..<Int(cell.textStart + cell.textCount)])
            }
            if let bytes = bytes(region) { regions.remember(numbers(observation.region), for: bytes) }
            if let bytes = bytes(indicator), let found = catalog.indicator(code: observation.indicator) {
                indicators.remember(
                    KnownIndicator(
                        numbers: numbers(found.code), unit: found.unit, minimum: found.minimum,
                        maximum: found.maximum),
                    for: bytes)
            }
            if let bytes = bytes(period) {
                periods.remember(ObservationTable.number(of: observation.period), for: bytes)
            }
            if let bytes = bytes(unit) {
                units.remember(
                    (observation.writtenUnit, reading.observations.number(adding: observation.writtenUnit)), for: bytes)
            }
            if let bytes = bytes(note) {
                notes.remember(reading.observations.number(adding: observation.note), for: bytes)
            }
        }
    }
}
