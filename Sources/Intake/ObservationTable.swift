import Vocabulary

/// A file's observations, kept column by column: the texts they share
/// (regions, indicators, units, notes, sheets) once each, the written
/// value and the source's A1 text in one byte arena, the rest as
/// fixed-width numbers. A records file of a million figures takes some
/// 60 MB this way, not the 300 MB of an array of `Observation`s; each is
/// made again when read (`self[i]`), so code reads them as a collection.
public struct ObservationTable: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    private var texts = TextPool()
    private var regions: [Int32] = []
    private var indicators: [Int32] = []
    /// year × 12 + month − 1.
    private var periods: [Int32] = []
    private var values: [Double] = []
    /// −1: none.
    private var units: [Int32] = []
    private var notes: [Int32] = []
    private var sheets: [Int32] = []
    /// `Int32.min`: none.
    private var rows: [Int32] = []
    private var columns: [Int32] = []
    /// Per figure its written value, then its source's A1 text; `valueEnds`
    /// and `cellEnds` say where each ends (`~end` in `cellEnds`: no A1 text).
    private var bytes: [UInt8] = []
    private var valueEnds: [Int32] = []
    private var cellEnds: [Int32] = []

    public init() {}

    public init(_ observations: some Sequence<Observation>) {
        for observation in observations { append(observation) }
    }

    public init(arrayLiteral observations: Observation...) {
        self.init(observations)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }

    public subscript(index: Int) -> Observation {
        let start = index == 0 ? 0 : Self.end(cellEnds[index - 1])
        let valueEnd = Int(valueEnds[index])
        let cellEnd = Int(cellEnds[index])
        return Observation(
            region: texts[regions[index]], indicator: texts[indicators[index]],
            period: Self.month(periods[index]), value: values[index],
            writtenValue: text(start..<valueEnd), writtenUnit: texts.text(units[index]),
            source: IssueLocation(
                sheet: texts.text(sheets[index]), a1: cellEnd < 0 ? nil : text(valueEnd..<cellEnd),
                row: rows[index] == .min ? nil : Int(rows[index]),
                column: columns[index] == .min ? nil : Int(columns[index])),
            note: texts.text(notes[index]))
    }

    /// The months of the figures, read off their column.
    public var months: Set<Period> { Set(Set(periods).map(Self.month)) }

    /// A figure's region, indicator and month as the table numbers them:
    /// equal for two figures exactly when those are.
    struct FigureKey: Comparable {
        var region: Int32
        var indicator: Int32
        /// year × 12 + month − 1.
        var period: Int32

        static func < (left: FigureKey, right: FigureKey) -> Bool {
            (left.region, left.indicator, left.period) < (right.region, right.indicator, right.period)
        }
    }

    /// The key of figure `index`, without making the figure.
    func key(at index: Int) -> FigureKey {
        FigureKey(region: regions[index], indicator: indicators[index], period: periods[index])
    }

    func value(at index: Int) -> Double { values[index] }

    func region(at index: Int) -> String { texts[regions[index]] }

    func indicator(at index: Int) -> String { texts[indicators[index]] }

    func period(at index: Int) -> Period { Self.month(periods[index]) }

    /// The number `FigureKey` gives a region or indicator; nil when no figure has it.
    func number(of text: String) -> Int32? { texts.existingNumber(of: text) }

    public mutating func append(_ observation: Observation) {
        let source = observation.source
        let figure = NumberedFigure(
            region: texts.number(of: observation.region), indicator: texts.number(of: observation.indicator),
            period: Self.number(of: observation.period), value: observation.value,
            unit: texts.number(of: observation.writtenUnit), note: texts.number(of: observation.note),
            sheet: texts.number(of: source.sheet), row: source.row.map(Int32.init) ?? .min,
            column: source.column.map(Int32.init) ?? .min)
        var written = observation.writtenValue
        var cell = source.cell
        written.withUTF8 { written in
            guard cell != nil else { return append(figure, written: written, cell: nil) }
            cell!.withUTF8 { append(figure, written: written, cell: $0) }
        }
    }

    /// A figure whose texts are given by the numbers `number(adding:)` gave
    /// them (`sharedText(_:)` reads them back): what a reader repeating the
    /// same few texts a million times appends, so that none of them is
    /// looked up again, and what a writer reads (`forEachNumbered`).
    public struct NumberedFigure {
        public var region: Int32
        public var indicator: Int32
        /// `ObservationTable.number(of:)` of the month.
        public var period: Int32
        public var value: Double
        /// −1: none.
        public var unit: Int32
        public var note: Int32
        public var sheet: Int32
        /// `Int32.min`: none.
        public var row: Int32
        public var column: Int32
    }

    /// The text numbered `number` in the figures' `NumberedFigure`s (not −1).
    public func sharedText(_ number: Int32) -> String { texts[number] }

    /// Each figure in order as the table keeps it, with its written value's
    /// and its cell's A1 text's UTF-8 bytes (nil: none): no `Observation`
    /// and no String made, for a writer of a million figures.
    public func forEachNumbered(
        _ body: (NumberedFigure, _ written: UnsafeBufferPointer<UInt8>, _ cell: UnsafeBufferPointer<UInt8>?) throws
            -> Void
    ) rethrows {
        try bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for index in indices {
                let valueEnd = Int(valueEnds[index])
                let cellEnd = Int(cellEnds[index])
                let figure = NumberedFigure(
                    region: regions[index], indicator: indicators[index], period: periods[index],
                    value: values[index], unit: units[index], note: notes[index], sheet: sheets[index],
                    row: rows[index], column: columns[index])
                try body(
                    figure, UnsafeBufferPointer(rebasing: bytes[start..<valueEnd]),
                    cellEnd < 0 ? nil : UnsafeBufferPointer(rebasing: bytes[valueEnd..<cellEnd]))
                start = Self.end(cellEnds[index])
            }
        }
    }

    /// The number the table gives `text` (−1 for nil), added if new.
    mutating func number(adding text: String?) -> Int32 { texts.number(of: text) }

    /// year × 12 + month − 1: how the table numbers a month.
    static func number(of period: Period) -> Int32 { Int32(period.year * 12 + period.month - 1) }

    /// Appends `figure`, written as the UTF-8 `written`, from the cell whose A1 text is `cell`.
    mutating func append(
        _ figure: NumberedFigure, written: UnsafeBufferPointer<UInt8>, cell: UnsafeBufferPointer<UInt8>?
    ) {
        regions.append(figure.region)
        indicators.append(figure.indicator)
        periods.append(figure.period)
        values.append(figure.value)
        units.append(figure.unit)
        notes.append(figure.note)
        sheets.append(figure.sheet)
        rows.append(figure.row)
        columns.append(figure.column)
        bytes.append(contentsOf: written)
        valueEnds.append(Int32(bytes.count))
        if let cell {
            bytes.append(contentsOf: cell)
            cellEnds.append(Int32(bytes.count))
        } else {
            cellEnds.append(~Int32(bytes.count))
        }
    }

    public static func == (left: ObservationTable, right: ObservationTable) -> Bool {
        left.elementsEqual(right)
    }

    /// The month numbered year × 12 + month − 1.
    public static func month(_ number: Int32) -> Period {
        Period(year: Int(number) / 12, month: Int(number) % 12 + 1)!
    }

    private static func end(_ cellEnd: Int32) -> Int { Int(cellEnd < 0 ? ~cellEnd : cellEnd) }

    private func text(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }
}
