import ArgumentParser
import Foundation
import Reports
import Sheets

/// `huanxin convert IN OUT`: any readable file into a clean `.xlsx` (every
/// sheet) or `.csv` (one sheet), values and their kinds kept.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "转换表格文件 Convert a CSV, XLSX or XML 2003 file to .xlsx (all sheets) or .csv (one sheet).",
        discussion: """
            数值、日期、文本保持原类型(代码 001 仍为文本)。输出先写临时文件再改名,不会留下半个文件。
            Values keep their kinds: dates stay dates, text stays text (a code like 001 is not turned into 1). \
            The output is written to a temporary file in OUT's folder and renamed into place.
            """
    )

    @Argument(help: "输入文件 The file to read: .xlsx, .xlsm, XML Spreadsheet 2003 or CSV (recognised by content).")
    var input: String

    @Argument(help: "输出文件 The file to write; its extension (.xlsx or .csv) chooses the format.")
    var output: String

    @Option(help: "工作表名称或序号(从1起),仅用于CSV输出 For .csv output: sheet name, or number from 1 (default: the first).")
    var sheet: String?

    @Option(help: "CSV编码 Encoding of a CSV input (e.g. GB18030), overriding detection.")
    var encoding: String?

    /// Exit statuses: the input could not be read, the sheet asked for does not exist, the output could not be written.
    static let unreadable: Int32 = 2
    static let noSuchSheet: Int32 = 3
    static let unwritable: Int32 = 4

    func run() throws {
        let format: WorkbookConverter.Format
        let workbook: any Workbook
        let sheetIndex: Int
        do {
            format = try WorkbookConverter.Format(path: output)
        } catch let error as SheetError {
            throw fail("输出格式不支持 unsupported output", error, status: Self.unwritable)
        }
        do {
            workbook = try openWorkbook(atPath: input, csvEncoding: encoding)
            sheetIndex = try sheet.map { try workbook.sheet(named: $0).index } ?? 0
        } catch let error as SheetError {
            throw fail("无法读取 cannot read", error, status: error.code == .sheetNotFound ? Self.noSuchSheet : Self.unreadable)
        }
        do {
            try AtomicFile.write(to: output) { handle in
                try WorkbookConverter.convert(workbook, as: format, toFileDescriptor: handle.fileDescriptor, sheet: sheetIndex)
            }
        } catch let error as SheetError where error.file == input {
            // The input failed part-way through a sheet; OUT was left as it was.
            throw fail("无法读取 cannot read", error, status: Self.unreadable)
        } catch {
            throw fail("无法写入 cannot write \(output)", error, status: Self.unwritable)
        }
    }

    /// Prints the error for a technician and gives the exit status.
    private func fail(_ what: String, _ error: Error, status: Int32) -> ExitCode {
        let detail = (error as? SheetError)?.description ?? "\(error.localizedDescription) (\(type(of: error)))"
        FileHandle.standardError.write(Data("huanxin convert: \(what): \(detail)\n".utf8))
        return ExitCode(status)
    }
}
