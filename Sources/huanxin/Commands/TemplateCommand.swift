import ArgumentParser
import Foundation
import Pipeline

/// `huanxin template`: the fill-in `form` workbook of one department and region.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "生成填报模板 Write the fill-in form workbook of a department in a region."
    )

    @OptionGroup var options: DeploymentOptions

    @Option(help: "地区代码 Region code, e.g. 370829.")
    var region: String

    @Option(help: "部门代码 Department code, e.g. commerce.")
    var department: String

    @Option(help: "期间 Period YYYY-MM (default: last month).")
    var period: Period?

    @Option(name: .shortAndLong, help: "输出文件 Output file (default: <region>-<department>-<period>.xlsx here).")
    var output: String?

    /// Exit status when the region, department or period does not make a template.
    static let refused: Int32 = 3

    func run() throws {
        let job = TemplateJob(deployment: options.deployment, calendar: ProgrammeCalendar(now: Date()))
        let written: TemplateJob.Written
        do {
            written = try withCatalog {
                try job.write(region: region, department: department, period: period, to: output)
            }
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("huanxin template: \(error)\n".utf8))
            throw ExitCode(Self.refused)
        }
        print("已生成 Written: \(written.path) — \(written.summary)")
    }
}
