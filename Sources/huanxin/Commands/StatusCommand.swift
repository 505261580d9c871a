import ArgumentParser
import Foundation
import Pipeline

/// `huanxin status`: who has reported for a month, who is late, rejected or missing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "报送情况 Who has reported for a month: accepted, late, rejected, missing.",
        discussion: """
            终端上按市显示 地区 × 部门 表格；--json 输出一个文档（schemaVersion 1）：period, asOf, cities[]，
            每市 code, name, due, cells[]，每格 region, department, period, state (accepted | late | rejected | missing), observations, …
            A grid per city (regions × departments) on the terminal; with --json one document (schemaVersion 1) with
            each city's cells, one per expected or received region × department.
            """
    )

    @OptionGroup var options: DeploymentOptions

    @Option(help: "期间 Period YYYY-MM (default: the last complete month).")
    var period: Period?

    @Option(help: "市代码 City code (default: every city the ledger has reports from).")
    var city: String?

    @Flag(help: "输出 JSON Print JSON instead of a grid.")
    var json = false

    func run() throws {
        let report = try withCatalog {
            try StatusQuery(deployment: options.deployment, calendar: ProgrammeCalendar(now: Date()))
                .report(period: period, city: city)
        }
        if json {
            FileHandle.standardOutput.write(try report.json())
        } else {
            print(report.gridText())
        }
    }
}
