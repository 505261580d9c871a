import ArgumentParser
import Foundation
import Sheets

/// `huanxin cat FILE`: one sheet as canonical CSV on stdout, like xlsx2csv.
struct CatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "以CSV输出工作表 Print a sheet of any supported file as canonical CSV on stdout."
    )

    @Argument(help: "表格文件 The file: .xlsx, .xlsm (CSV and XML 2003 when their readers land).")
    var file: String

    @Option(help: "工作表名称或序号(从1起) Sheet name, or number from 1 (default: the first sheet).")
    var sheet: String?

    @Option(help: "CSV编码 Encoding of a CSV file (e.g. GB18030), overriding detection.")
    var encoding: String?

    /// Exit statuses: the file could not be read at all, or the sheet asked for does not exist.
    static let unreadable: Int32 = 2
    static let noSuchSheet: Int32 = 3

    func run() throws {
        do {
            let workbook = try openWorkbook(atPath: file, csvEncoding: encoding)
            let index = try sheetIndex(in: workbook)
            let stdout = FileHandle.standardOutput
            try CanonicalCSVWriter.write(sheet: index, of: workbook) { stdout.write(Data($0)) }
        } catch let error as SheetError {
            FileHandle.standardError.write(Data("huanxin cat: 无法读取 cannot read: \(error)\n".utf8))
            throw ExitCode(error.code == .sheetNotFound ? Self.noSuchSheet : Self.unreadable)
        }
    }

    /// The 0-based index of `--sheet`: an exact name first, then a 1-based number.
    private func sheetIndex(in workbook: any Workbook) throws -> Int {
        guard let sheet else { return 0 }
        if let match = workbook.sheets.first(where: { $0.name == sheet }) { return match.index }
        if let number = Int(sheet), workbook.sheets.indices.contains(number - 1) { return number - 1 }
        let names = workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
        throw SheetError(.sheetNotFound, "no sheet '\(sheet)'; the sheets are \(names)", file: file)
    }
}
