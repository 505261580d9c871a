import ArgumentParser
import Foundation
import Pipeline

/// `huanxin status`: who has reported for a month, who is late, rejected or missing.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "报送情况 Who has reported for a month: accepted, late, rejected, missing.",
        discussion: """
            终端上按市显示 地区 × 部门 表格（只列有应报单位的市）；--missing 列出催报对象：地区、部门、欠报或被退回的期间及原因。
            季报、年报的各月在季末、年末月份的截止日前报送即为按时（报送频率见 Schemas/departments.yaml）。
            --json 输出一个文档（schemaVersion 2）：period, asOf, cities[]，每市 code, name, due, cells[], chase[]；
            每格 region, department, period, state (accepted | late | rejected | missing), frequency, due, isDue,
            observations, reason, attributedBy, …
            A grid per city (regions × departments), only cities expecting reports; --missing lists whom to chase.
            With --json one document (schemaVersion 2) with each city's cells and chase list.
            """
    )

    @OptionGroup var options: DeploymentOptions

    @Option(help: "期间 Period YYYY-MM (default: the latest month already due).")
    var period: Period?

    @Option(help: "市 City, code or name, e.g. 371500 or 聊城市 (default: every city expecting reports).")
    var city: String?

    @Flag(help: "催报 List whom to chase: missing and rejected reports, since when.")
    var missing = false

    @Flag(help: "输出 JSON Print JSON instead of a grid.")
    var json = false

    func run() throws {
        let report = try withCatalog {
            let status = try StatusQuery(deployment: options.deployment)
            return try status.report(
                period: period, city: city, scope: AccessScope(wholeDeploymentOf: status.catalog),
                calendar: ProgrammeCalendar(now: Date()))
        }
        if json {
            FileHandle.standardOutput.write(try report.json())
        } else {
            print(missing ? report.chaseText() : report.gridText())
        }
    }
}
