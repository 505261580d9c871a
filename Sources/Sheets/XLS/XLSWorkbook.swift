extension SheetError.Code {
    /// A compound file that holds no workbook stream (a Word document, an MSI package...).
    public static let xlsNoWorkbook = Self("xls-no-workbook")
}

/// A legacy Excel workbook (`.xls`: Excel 97–2003's BIFF8, and Excel 5.0/95's
/// BIFF5 for values and strings), read from its compound file: the
/// workbook globals at open, then each sheet's substream streamed row by row.
///
/// Not thread-safe; open one per thread.
public final class XLSWorkbook: Workbook {
    public let path: String
    public let sheets: [SheetInfo]
    /// Dates count from 1904-01-01; the reader already converts them to the 1900 system.
    public var uses1904DateSystem: Bool { globals.uses1904DateSystem }

    /// The workbook stream (it keeps its compound file open).
    private let stream: CompoundFileStream
    private let globals: XLSGlobals
    private let limits: ReadLimits

    /// Opens the workbook at `path`: the compound file's tables and the workbook globals.
    public convenience init(path: String, limits: ReadLimits = .standard) throws {
        try self.init(CompoundFile(file: InputFile(path: path, limits: limits)), limits: limits)
    }

    /// The workbook in an open compound file; refuses encrypted packages and
    /// compound files of other programs.
    init(_ compoundFile: CompoundFile, limits: ReadLimits) throws {
        path = compoundFile.path
        self.limits = limits
        if compoundFile.entry(named: "EncryptionInfo") != nil || compoundFile.entry(named: "EncryptedPackage") != nil {
            throw SheetError(
                .fileEncrypted, "the workbook is password-protected: remove the password and submit again", file: path)
        }
        guard let entry = compoundFile.entry(named: "Workbook") ?? compoundFile.entry(named: "Book"), entry.isStream
        else {
            let names = compoundFile.entries.map { "'\($0.name)'" }.prefix(8).joined(separator: ", ")
            throw SheetError(
                .xlsNoWorkbook, "a compound file without a workbook stream (it holds \(names)): not an Excel file",
                file: path)
        }
        do {
            stream = try compoundFile.stream(entry)
            globals = try XLSGlobals.read(stream, path: path, limits: limits)
        } catch let error as SheetError {
            throw error.locatedIn(file: path)
        }
        sheets = globals.sheets.map(\.info)
    }

    public func readRows(ofSheet index: Int, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        let info = try sheet(at: index)
        return try withoutActuallyEscaping(body) { body in
            var reader = XLSSheetReader(globals: globals, sheet: info.name, limits: limits, deliver: body)
            do {
                try reader.read(stream, at: globals.sheets[index].offset)
            } catch var error as SheetError {
                if error.sheet == nil { error.sheet = info.name }
                throw error.locatedIn(file: path)
            }
            return SheetSummary(mergedRanges: reader.mergedRanges, rowCount: reader.rowCount)
        }
    }
}
