/// When and how a reader parses a sheet on two cores (`XMLRowSegmenter`).
struct ParallelReading: Sendable {
    /// Sheets smaller than this (in bytes of XML) are parsed on the calling thread alone.
    var minimumBytes: Int64 = 4 << 20
    /// Until the rows' container starts, the parser takes the bytes in slices of this size,
    /// so that the cutting begins soon after its start tag.
    var headSliceBytes = 64 << 10
    /// Pieces are cut at the first row tag after about this many bytes.
    var pieceBytes = 1 << 20
    /// A piece that grows to this size without a row tag to cut at ends the parallel reading.
    var maxPieceBytes = 32 << 20
    /// Worker threads; the calling thread cuts, delivers and, for XLSX, a third inflates.
    var workers = 2

    static let standard = ParallelReading()
}

extension ParallelReading {
    /// Reads a sheet of `size` bytes in pieces when it is large enough; when
    /// that hands over (`SequentialReadNeeded`), or for a small sheet, reads
    /// it `sequentially`, whose rows go to `body` past those already delivered.
    func read<Result>(
        size: Int64, inPieces: () throws -> Result,
        sequentially: (_ body: @escaping (SheetRow) throws -> Void) throws -> Result,
        body: @escaping (SheetRow) throws -> Void
    ) throws -> Result {
        var skip = 0
        if size >= minimumBytes {
            do {
                return try inPieces()
            } catch let needed as SequentialReadNeeded {
                skip = needed.rowsDelivered
            }
        }
        return try sequentially { row in
            guard skip == 0 else {
                skip -= 1
                return
            }
            try body(row)
        }
    }
}
