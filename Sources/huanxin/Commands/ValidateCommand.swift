import ArgumentParser
import Catalog
import Foundation
import Intake

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

    @Argument(help: "报送文件 Files to check (CSV, XLSX, XML Spreadsheet 2003).")
    var files: [String]

    @Option(help: "报送地区代码 Region of the submitter's folder, for the authority checks (with --department).")
    var region: String?

    @Option(help: "报送部门代码 Department of the submitter's folder (with --region).")
    var department: String?

    @Option(help: "当前月份 The current month, YYYY-MM (default: this month); later periods are rejected.")
    var today: String?

    @Flag(help: "以 JSON 数组输出 Print a JSON array, one object per file.")
    var json = false

    func validate() throws {
        guard (region == nil) == (department == nil) else {
            throw ValidationError("--region 与 --department 须同时给出 Give both --region and --department, or neither.")
        }
        if let today, Period(today) == nil {
            throw ValidationError("--today 应为 YYYY-MM The current month must read YYYY-MM, e.g. 2025-03.")
        }
    }

    func run() throws {
        let catalog = try SchemasCommand.loadCatalog(options)
        let submitter = region.flatMap { region in department.map { Submitter(region: region, department: $0) } }
        if let submitter {
            guard catalog.region(code: submitter.region) != nil, catalog.department(code: submitter.department) != nil else {
                throw ValidationError("未知地区或部门 Unknown region \(submitter.region) or department \(submitter.department).")
            }
        }
        let reader = SubmissionReader(catalog: catalog, today: today.flatMap { Period($0) })
        let results = files.map { reader.read(path: $0, submitter: submitter) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(results.map(FileReport.init)), as: UTF8.self))
        } else {
            results.forEach(printText)
        }
        if results.contains(where: { !$0.isAccepted }) { throw ExitCode(Self.rejectedExitCode) }
    }

    private func printText(_ result: IntakeResult) {
        let verdict = result.isAccepted ? "受理 accepted" : "退回 rejected"
        let errors = result.issues.filter { $0.severity == .error }.count
        print("\(result.path): \(verdict) — 格式 layout \(result.layout ?? "-"), 数据 \(result.observations.count) 条 observations, "
              + "错误 \(errors) errors, 提示 \(result.issues.count - errors) warnings")
        for issue in result.issues {
            let place = issue.location.chinese.isEmpty ? "" : issue.location.chinese + " "
            print("  [\(issue.severity.chinese) \(issue.severity.rawValue)] \(issue.code) \(place)")
            print("    \(issue.messageZh)")
            print("    \(issue.messageEn)")
        }
    }

    /// One file's result as `--json` prints it.
    struct FileReport: Encodable {
        var file: String
        var status: String
        var layout: String?
        var observations: [Observation]
        var issues: [Issue]

        init(_ result: IntakeResult) {
            file = result.path
            status = result.isAccepted ? "accepted" : "rejected"
            layout = result.layout
            observations = result.observations
            issues = result.issues
        }
    }
}
