import Intake
import Reports
import Sheets

/// `validate --json`'s `observations` array, written from the table's
/// columns as DocumentJSON encodes an `Observation` (the keys of
/// `Observation` and `IssueLocation` sorted, nil fields left out). A file
/// repeats a few texts (regions, indicators, units, notes, sheets) and
/// months a million times: each one's JSON is made once and copied after
/// that; the written value and the cell come from the table's own bytes. A
/// figure is put together in one buffer and handed to the stream whole: no
/// `Observation`, no String and one stream call per figure (a call per
/// piece and the figures' Strings were most of `--json`'s cost).
struct ObservationsJSON {
    private let table: ObservationTable
    /// The JSON of the texts and months written so far, one after another.
    private var encoded: [UInt8] = []
    /// Where each shared text's JSON lies in `encoded`, by its number; `0..<0`: not made yet.
    private var texts: [Range<Int32>] = []
    private var months: [Int32: Range<Int32>] = [:]
    /// One figure's object, before it is written.
    private var figure: [UInt8] = []

    init(_ table: ObservationTable) {
        self.table = table
    }

    /// Writes `[` the figures `]`.
    mutating func write(to json: DocumentJSONWriter) throws {
        try json.raw("[")
        var first = true
        let table = self.table  // read here, not through `self`, which the figures' closure changes
        try table.forEachNumbered { numbered, written, cell in
            figure.removeAll(keepingCapacity: true)
            if !first { figure.append(UInt8(ascii: ",")) }
            first = false
            try append(numbered, written: written, cell: cell)
            try figure.withUnsafeBytes { try json.stream.append($0) }
        }
        try json.raw("]")
    }

    private mutating func append(
        _ numbered: ObservationTable.NumberedFigure, written: UnsafeBufferPointer<UInt8>,
        cell: UnsafeBufferPointer<UInt8>?
    ) throws {
        append("{\"indicator\":")
        appendText(numbered.indicator)
        if numbered.note >= 0 {
            append(",\"note\":")
            appendText(numbered.note)
        }
        append(",\"period\":")
        appendMonth(numbered.period)
        append(",\"region\":")
        appendText(numbered.region)
        append(",\"source\":{")
        // The location's fields, each optional: a comma before all but the first present.
        var separator = false
        func key(_ key: StaticString) {
            if separator { figure.append(UInt8(ascii: ",")) }
            separator = true
            append(key)
        }
        if let cell {
            key("\"cell\":")
            DocumentJSONWriter.appendString(utf8: cell, to: &figure)
        }
        if numbered.column != .min {
            key("\"column\":")
            try DocumentJSONWriter.appendNumber(Double(numbered.column), to: &figure)
        }
        if numbered.row != .min {
            key("\"row\":")
            try DocumentJSONWriter.appendNumber(Double(numbered.row), to: &figure)
        }
        if numbered.sheet >= 0 {
            key("\"sheet\":")
            appendText(numbered.sheet)
        }
        append("},\"value\":")
        try DocumentJSONWriter.appendNumber(numbered.value, to: &figure)
        if numbered.unit >= 0 {
            append(",\"writtenUnit\":")
            appendText(numbered.unit)
        }
        append(",\"writtenValue\":")
        DocumentJSONWriter.appendString(utf8: written, to: &figure)
        append("}")
    }

    private mutating func append(_ text: StaticString) {
        figure.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The JSON string of the shared text numbered `number`.
    private mutating func appendText(_ number: Int32) {
        let index = Int(number)
        if index >= texts.count { texts += repeatElement(0..<0, count: index + 1 - texts.count) }
        if texts[index].isEmpty { texts[index] = encode(table.sharedText(number)) }
        appendEncoded(texts[index])
    }

    /// The JSON string of the month `ObservationTable.month(_:)` numbers `number`.
    private mutating func appendMonth(_ number: Int32) {
        if months[number] == nil { months[number] = encode(ObservationTable.month(number).description) }
        appendEncoded(months[number]!)
    }

    /// `text`'s JSON string appended to `encoded`, and where it lies (never empty: it has its quotes).
    private mutating func encode(_ text: String) -> Range<Int32> {
        var text = text
        let start = Int32(encoded.count)
        text.withUTF8 { DocumentJSONWriter.appendString(utf8: $0, to: &encoded) }
        return start..<Int32(encoded.count)
    }

    private mutating func appendEncoded(_ range: Range<Int32>) {
        encoded.withUnsafeBufferPointer {
            figure.append(contentsOf: UnsafeBufferPointer(rebasing: $0[Int(range.lowerBound)..<Int(range.upperBound)]))
        }
    }
}
