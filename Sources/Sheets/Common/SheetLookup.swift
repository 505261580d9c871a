extension SheetError.Code {
    /// The workbook has no sheet at the index asked for.
    public static let sheetNotFound = Self("sheet-not-found")
}

extension Workbook {
    /// The sheet at `index`, or a `sheet-not-found` error naming the file.
    public func sheet(at index: Int) throws -> SheetInfo {
        let sheets = try sheets
        guard sheets.indices.contains(index) else { throw SheetError.noSheet(index, of: sheets.count, file: path) }
        return sheets[index]
    }

    /// The sheet a person named, as `--sheet` does: an exact name first,
    /// then a number from 1; `sheet-not-found` listing the sheets otherwise.
    public func sheet(named nameOrNumber: String) throws -> SheetInfo {
        let sheets = try sheets
        if let match = sheets.first(where: { $0.name == nameOrNumber }) { return match }
        if let number = Int(nameOrNumber), sheets.indices.contains(number - 1) { return sheets[number - 1] }
        let names = sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        throw SheetError(.sheetNotFound, "no sheet '\(nameOrNumber)'; the sheets are \(names)", file: path)
    }
}

extension SheetError {
    /// `sheet-not-found` for sheet number `index` (from 0) of a file with `count` sheets.
    static func noSheet(_ index: Int, of count: Int, file: String) -> SheetError {
        SheetError(.sheetNotFound, "no sheet \(index + 1); the file has \(count)", file: file)
    }
}
