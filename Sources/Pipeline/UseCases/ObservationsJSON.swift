import Intake
import Reports
import Sheets

/// `validate --json`'s `observations` array, written from the table's
/// columns as DocumentJSON encodes an `Observation` (the keys of
/// `Observation` and `IssueLocation` sorted, nil fields left out). A file
/// repeats a few texts (regions, indicators, units, notes, sheets) and
/// months a million times: each one's key and value (`,"region":"370102"`)
/// is made once as one piece and copied after that; the written value and
/// the cell come from the table's own bytes. A figure is put together in
/// place in the stream's buffer (`DocumentJSONCursor`), in room reserved
/// for its longest form: no `Observation`, no String, no buffer of its own
/// and one stream call per figure (a call per piece and the figures'
/// Strings were most of `--json`'s cost, copying through an array the most
/// of what was left).
struct ObservationsJSON {
    private let table: ObservationTable
    /// The pieces made so far, one after another.
    private var pieces: [UInt8] = []
    private var indicators = Pieces(key: "{\"indicator\":")
    private var notes = Pieces(key: ",\"note\":")
    private var regions = Pieces(key: ",\"region\":")
    /// After a comma unless it is the location's first field.
    private var sheets = Pieces(key: "\"sheet\":")
    private var units = Pieces(key: ",\"writtenUnit\":")
    /// `,"period":"2025-03"`, by `ObservationTable.month(_:)`'s number
    /// (year × 12 + month − 1: an array of some 24,300 entries for this
    /// century's months, looked up with no hashing).
    private var months = Pieces(key: ",\"period\":")

    /// More than the 66 bytes of keys and punctuation a figure has besides
    /// its pieces, strings and numbers.
    private static let fixedRoom = 128

    init(_ table: ObservationTable) {
        self.table = table
    }

    /// Writes `[` the figures `]`.
    mutating func write(to json: DocumentJSONWriter) throws {
        try json.raw("[")
        var first = true
        let table = self.table  // read here, not through `self`, which the figures' closure changes
        try table.forEachNumbered { numbered, written, cell in
            try write(numbered, written: written, cell: cell, first: first, of: table, to: json.stream)
            first = false
        }
        try json.raw("]")
    }

    /// One figure's object (after a comma unless `first`), in place in the
    /// stream's buffer, or in one of its own if longer than the buffer (a
    /// note of thousands of characters).
    private mutating func write(
        _ numbered: ObservationTable.NumberedFigure, written: UnsafeBufferPointer<UInt8>,
        cell: UnsafeBufferPointer<UInt8>?, first: Bool, of table: ObservationTable, to stream: ByteStream
    ) throws {
        let indicator = indicators.piece(numbered.indicator, in: &pieces) { table.sharedText($0) }
        let note = numbered.note >= 0 ? notes.piece(numbered.note, in: &pieces) { table.sharedText($0) } : 0..<0
        let period = months.piece(numbered.period, in: &pieces) { ObservationTable.month($0).description }
        let region = regions.piece(numbered.region, in: &pieces) { table.sharedText($0) }
        let sheet = numbered.sheet >= 0 ? sheets.piece(numbered.sheet, in: &pieces) { table.sharedText($0) } : 0..<0
        let unit = numbered.unit >= 0 ? units.piece(numbered.unit, in: &pieces) { table.sharedText($0) } : 0..<0
        let pieceRoom = indicator.count + note.count + period.count + region.count + sheet.count + unit.count
        let room =
            Self.fixedRoom + pieceRoom + 3 * DocumentJSONCursor.roomForNumber
            + DocumentJSONCursor.room(forStringOf: written.count)
            + DocumentJSONCursor.room(forStringOf: cell?.count ?? 0)
        try pieces.withUnsafeBytes { pieces in
            func put(_ memory: UnsafeMutableRawPointer) throws -> Int {
                var out = DocumentJSONCursor(memory)
                func copy(_ piece: Range<Int32>) {
                    out.raw(UnsafeRawBufferPointer(rebasing: pieces[Int(piece.lowerBound)..<Int(piece.upperBound)]))
                }
                if !first { out.raw(",") }
                copy(indicator)
                copy(note)  // empty when none, as are the sheet's and the unit's
                copy(period)
                copy(region)
                out.raw(",\"source\":{")
                // The location's fields, each optional: a comma before all but the first present.
                var separator = false
                func key(_ key: StaticString) {
                    if separator { out.raw(",") }
                    separator = true
                    out.raw(key)
                }
                if let cell {
                    key("\"cell\":")
                    out.string(utf8: cell)
                }
                if numbered.column != .min {
                    key("\"column\":")
                    out.integer(Int(numbered.column))
                }
                if numbered.row != .min {
                    key("\"row\":")
                    out.integer(Int(numbered.row))
                }
                if !sheet.isEmpty {
                    if separator { out.raw(",") }
                    copy(sheet)
                }
                out.raw("},\"value\":")
                try out.number(numbered.value)
                copy(unit)
                out.raw(",\"writtenValue\":")
                out.string(utf8: written)
                out.raw("}")
                return out.count
            }
            if room <= stream.capacity {
                try stream.withFreeSpace(minimum: room) { try put($0.baseAddress!) }
            } else {
                let long = try [UInt8](unsafeUninitializedCapacity: room) { memory, count in
                    count = try put(memory.baseAddress!)
                }
                try stream.append(long)
            }
        }
    }

    /// `key` and `text`'s JSON string appended to `pieces`, and where they lie.
    private static func make(_ key: StaticString, _ text: String, in pieces: inout [UInt8]) -> Range<Int32> {
        var text = text
        let start = pieces.count
        pieces.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        text.withUTF8 { text in
            pieces += [UInt8](unsafeUninitializedCapacity: DocumentJSONCursor.room(forStringOf: text.count)) {
                memory, count in
                var out = DocumentJSONCursor(memory.baseAddress!)
                out.string(utf8: text)
                count = out.count
            }
        }
        return Int32(start)..<Int32(pieces.count)
    }

    /// One role's pieces: its key, and where the piece of each text (of the
    /// table's shared texts, or of the months) lies in `pieces`, by the
    /// text's number (`0..<0`: not made yet).
    private struct Pieces {
        let key: StaticString
        private var made: [Range<Int32>] = []

        init(key: StaticString) {
            self.key = key
        }

        /// The piece of the text numbered `number`, made into `pieces` from `text(number)` the first time.
        mutating func piece(_ number: Int32, in pieces: inout [UInt8], text: (Int32) -> String) -> Range<Int32> {
            let index = Int(number)
            if index >= made.count { made += repeatElement(0..<0, count: index + 1 - made.count) }
            if made[index].isEmpty { made[index] = ObservationsJSON.make(key, text(number), in: &pieces) }
            return made[index]
        }
    }
}
