import ArgumentParser
import Foundation
import Pipeline

/// `huanxin validate FILE…`: the intake checks of the nightly run, on files
/// anywhere, without touching the ledger.
///
/// Exit codes: 0 every file accepted; 1 some file rejected; 2 the catalog
/// cannot be loaded; 64 a usage error (argument-parser's).
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "校验报送文件（不入库）Check submission files as the nightly run would, without recording them.",
        discussion: """
            退出码 Exit codes: 0 全部受理 all accepted; 1 有文件退回 some file rejected; \
            2 目录错误 the catalog has errors; 64 用法错误 usage error.
            """
    )

    /// Some file was rejected.
    static let rejectedExitCode: Int32 = 1

    @OptionGroup var options: DeploymentOptions

    @Argument(help: "报送文件 Files to check (CSV, XLSX, XLS, ODS, XML Spreadsheet 2003).")
    var files: [String]

    @Option(help: "报送地区代码 Region of the submitter's folder, for the authority checks (with --department).")
    var region: String?

    @Option(help: "报送部门代码 Department of the submitter's folder (with --region).")
    var department: String?

    @Option(help: "当前月份 The current month, YYYY-MM (default: this month); later periods are rejected.")
    var today: Period?

    @Flag(help: "以 JSON 数组输出 Print a JSON array, one object per file.")
    var json = false

    func validate() throws {
        guard (region == nil) == (department == nil) else {
            throw ValidationError("--region 与 --department 须同时给出 Give both --region and --department, or neither.")
        }
    }

    func run() throws {
        let submitter = region.flatMap { region in department.map { Submitter(region: region, department: $0) } }
        let validation = try withCatalog {
            try ValidateFiles(
                deployment: options.deployment, submitter: submitter,
                today: today ?? ProgrammeCalendar(now: Date()).currentPeriod)
        }
        // File by file, each printed and let go before the next is read.
        var rejected = false
        let output = FileHandle.standardOutput
        if json { output.write(Data("[".utf8)) }
        for (index, file) in files.enumerated() {
            let result = validation.check(file)
            rejected = rejected || !result.isAccepted
            if json { try result.writeJSON(first: index == 0, to: output) } else { print(result.text) }
        }
        if json { output.write(Data("\n]\n".utf8)) }
        if rejected { throw ExitCode(Self.rejectedExitCode) }
    }
}
