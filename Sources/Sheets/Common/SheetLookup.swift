extension SheetError.Code {
    /// The workbook has no sheet at the index asked for.
    public static let sheetNotFound = Self("sheet-not-found")
}

extension Workbook {
    /// The sheet at `index`, or a `sheet-not-found` error naming the file.
    public func sheet(at index: Int) throws -> SheetInfo {
        guard sheets.indices.contains(index) else {
            throw SheetError(.sheetNotFound, "no sheet \(index + 1); the file has \(sheets.count)", file: path)
        }
        return sheets[index]
    }
}
