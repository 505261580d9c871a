import ArgumentParser
import Foundation
import Pipeline

/// `huanxin cat FILE`: one sheet as canonical CSV on stdout, like xlsx2csv.
struct CatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "以CSV输出工作表 Print a sheet of any supported file as canonical CSV on stdout."
    )

    @Argument(help: "表格文件 The file: .xlsx, .xlsm, .xls, .ods, XML Spreadsheet 2003 or CSV (recognised by content).")
    var file: String

    @Option(help: "工作表名称或序号(从1起) Sheet name, or number from 1 (default: the first sheet).")
    var sheet: String?

    @Option(help: "CSV编码 Encoding of a CSV file (e.g. GB18030), overriding detection.")
    var encoding: String?

    /// Exit statuses: the file could not be read at all, or the sheet asked for does not exist.
    static let unreadable: Int32 = 2
    static let noSuchSheet: Int32 = 3

    func run() throws {
        let stdout = FileHandle.standardOutput
        do {
            try SheetExport.canonicalCSV(of: file, sheet: sheet, csvEncoding: encoding) { stdout.write(Data($0)) }
        } catch {
            FileHandle.standardError.write(Data("huanxin cat: \(error)\n".utf8))
            if case .noSuchSheet = error { throw ExitCode(Self.noSuchSheet) }
            throw ExitCode(Self.unreadable)
        }
    }
}
