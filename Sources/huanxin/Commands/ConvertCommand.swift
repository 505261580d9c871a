import ArgumentParser
import Foundation
import Pipeline

/// `huanxin convert IN OUT`: any readable file into a clean `.xlsx` (every
/// sheet) or `.csv` (one sheet), values and their kinds kept.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "转换表格文件 Convert a CSV, XLSX, XLS, ODS or XML 2003 file to .xlsx (all sheets) or .csv (one sheet).",
        discussion: """
            数值、日期、文本保持原类型(代码 001 仍为文本)。输出先写临时文件再改名,不会留下半个文件。
            Values keep their kinds: dates stay dates, text stays text (a code like 001 is not turned into 1). \
            The output is written to a temporary file in OUT's folder and renamed into place.
            """
    )

    @Argument(
        help: "输入文件 The file to read: .xlsx, .xlsm, .xls, .ods, XML Spreadsheet 2003 or CSV (recognised by content).")
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
        do {
            try SheetExport.convert(input, to: output, sheet: sheet, csvEncoding: encoding)
        } catch {
            FileHandle.standardError.write(Data("huanxin convert: \(error)\n".utf8))
            switch error {
            case .unreadable: throw ExitCode(Self.unreadable)
            case .noSuchSheet: throw ExitCode(Self.noSuchSheet)
            case .unwritable: throw ExitCode(Self.unwritable)
            }
        }
    }
}
