import Sheets
import Vocabulary

/// Which file-level issue a reader's `SheetError` becomes.
enum SheetErrorMapping {
    static func kind(of code: SheetError.Code) -> IssueKind {
        switch code {
        case .fileUnreadable, .sheetNotFound:
            return IssueCatalog.fileUnreadable
        case .encodingError, .encodingUnknown, .xmlEncoding:
            return IssueCatalog.encodingError
        case .unsupportedFormat, .fileEncrypted, .zipEncrypted, .xml2003NotWorkbook, .formatMismatch, .xlsTooOld,
            .xlsNoWorkbook:
            return IssueCatalog.formatUnsupported
        case .fileTooLarge, .zipBomb, .zipUnsafeEntryName, .zipTooManyEntries, .xmlDoctype,
            .tooManyCells, .tooManyColumns, .cellTooLong, .csvRecordTooLong:
            return IssueCatalog.fileUnsafe
        default:
            return IssueCatalog.fileCorrupt
        }
    }

    /// The issue, placed where the reader stopped (sheet, cell or line), keeping the reader's code.
    static func issue(_ error: SheetError) -> Issue {
        if error.code == .fileEmpty {
            return IssueCatalog.fileEmpty.issue(at: IssueLocation(), ["detailZh": "（0 字节）", "detailEn": " (0 bytes)"])
        }
        let location = IssueLocation(sheet: error.sheet, cell: error.cell, row: error.line)
        return kind(of: error.code).issue(at: location, ["sheetCode": error.code.rawValue, "detail": error.detail])
    }
}
