import Foundation
import Outbox
import Sheets

/// `huanxin cat` and `huanxin convert`: any readable file as canonical CSV,
/// or converted to a clean `.xlsx` or `.csv`, values and their kinds kept.
public enum SheetExport {
    /// Why an export stopped, with the message a technician reads.
    public enum Failure: Error, CustomStringConvertible {
        /// The input could not be read (or failed part-way through a sheet).
        case unreadable(String)
        /// The sheet asked for does not exist.
        case noSuchSheet(String)
        /// The output format is not supported or the output could not be written.
        case unwritable(String)

        public var description: String {
            switch self {
            case .unreadable(let text), .noSuchSheet(let text), .unwritable(let text): text
            }
        }
    }

    /// Streams sheet `sheet` (a name, or a number from 1; default the first)
    /// of the file at `path` to `sink` as canonical CSV.
    public static func canonicalCSV(
        of path: String, sheet: String?, csvEncoding: String?,
        to sink: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws(Failure) {
        do {
            let workbook = try openWorkbook(atPath: path, csvEncoding: csvEncoding)
            let index = try sheet.map { try workbook.sheet(named: $0).index } ?? 0
            try CanonicalCSVWriter.write(sheet: index, of: workbook, to: sink)
        } catch let error as SheetError {
            throw readFailure(error)
        } catch {
            throw .unwritable("无法写入 cannot write: \(error)")
        }
    }

    /// Converts `input` into `output`, whose extension (`.xlsx`, `.csv`)
    /// chooses the format; written whole or not at all.
    public static func convert(_ input: String, to output: String, sheet: String?, csvEncoding: String?) throws(Failure)
    {
        let format: WorkbookConverter.Format
        do {
            format = try WorkbookConverter.Format(path: output)
        } catch {
            throw .unwritable("输出格式不支持 unsupported output: \(error)")
        }
        let workbook: any Workbook
        let index: Int
        do {
            workbook = try openWorkbook(atPath: input, csvEncoding: csvEncoding)
            index = try sheet.map { try workbook.sheet(named: $0).index } ?? 0
        } catch let error as SheetError {
            throw readFailure(error)
        } catch {
            throw .unreadable("无法读取 cannot read: \(error)")
        }
        do {
            try AtomicFile.write(to: output) { handle in
                try WorkbookConverter.convert(
                    workbook, as: format, toFileDescriptor: handle.fileDescriptor, sheet: index)
            }
        } catch let error as SheetError where error.file == input {
            // The input failed part-way through a sheet; OUT was left as it was.
            throw .unreadable("无法读取 cannot read: \(error)")
        } catch {
            let detail = (error as? SheetError)?.description ?? "\(error.localizedDescription) (\(type(of: error)))"
            throw .unwritable("无法写入 cannot write \(output): \(detail)")
        }
    }

    private static func readFailure(_ error: SheetError) -> Failure {
        error.code == .sheetNotFound
            ? .noSuchSheet("无法读取 cannot read: \(error)")
            : .unreadable("无法读取 cannot read: \(error)")
    }
}
