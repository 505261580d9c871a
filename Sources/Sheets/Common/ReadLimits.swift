extension SheetError.Code {
    /// A cell's text is longer than `ReadLimits.maxCellBytes`.
    public static let cellTooLong = Self("cell-too-long")
    /// A sheet has more cells than `ReadLimits.maxCells`.
    public static let tooManyCells = Self("too-many-cells")
    /// A cell lies past `ReadLimits.maxColumns`.
    public static let tooManyColumns = Self("too-many-columns")
}

/// Safety limits on every read. A file past any of them is refused with a
/// `SheetError` naming the limit, never read on until memory or time runs out.
public struct ReadLimits: Sendable, Equatable {
    /// Largest file accepted, in bytes.
    public var maxFileBytes: Int64 = 512 << 20
    /// Largest total inflated size of the parts read from a ZIP package.
    public var maxInflatedBytes: Int64 = 2 << 30
    /// Largest inflated-to-compressed ratio of one ZIP entry (zip bombs
    /// reach thousands; real worksheets stay under a few hundred).
    public var maxCompressionRatio: Int64 = 1000
    /// Most entries in a ZIP package.
    public var maxZipEntries: Int = 10_000
    /// Most cells in one sheet.
    public var maxCells: Int64 = 50_000_000
    /// Most columns in a row (Excel's own limit is 16,384).
    public var maxColumns: Int = 16_384
    /// Longest cell text, in bytes (Excel's limit is 32,767 characters).
    public var maxCellBytes: Int = 32_767 * 4

    public init() {}

    /// The limits in force when the caller sets none.
    public static let standard = ReadLimits()
}
