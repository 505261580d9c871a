import ArgumentParser
import Foundation
import Pipeline

/// `huanxin chase`: the 催报清单 workbook.
struct ChaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chase",
        abstract: "催报清单 Write the workbook of whom to chase: missing and rejected reports, since when."
    )

    @OptionGroup var options: DeploymentOptions

    @Option(help: "期间 Period YYYY-MM (default: the latest month already due).")
    var period: Period?

    @Option(help: "市 City, code or name (default: every city expecting reports).")
    var city: String?

    @Option(name: .shortAndLong, help: "输出文件 Output .xlsx (default: 催报清单-<period>.xlsx here).")
    var output: String?

    func run() throws {
        let written = try withCatalog {
            try ChaseJob(deployment: options.deployment, calendar: ProgrammeCalendar(now: Date()))
                .write(period: period, city: city, to: output)
        }
        print("已生成 Written: \(written.path) — \(written.period) 催报 \(written.entries) 项 entries")
    }
}
