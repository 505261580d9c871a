import ArgumentParser
import Catalog
import Foundation
import Reports

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
    var period: String?

    @Option(name: .shortAndLong, help: "输出文件 Output file (default: <region>-<department>-<period>.xlsx here).")
    var output: String?

    /// Exit status when the region, department or period does not make a template.
    static let refused: Int32 = 3

    func run() throws {
        let catalog = try SchemasCommand.loadCatalog(options)
        let template: FormTemplate
        do {
            template = try FormTemplate(catalog: catalog, region: region, department: department, period: try reportingPeriod())
        } catch {
            FileHandle.standardError.write(Data("huanxin template: \(error)\n".utf8))
            throw ExitCode(Self.refused)
        }
        let path = output ?? template.suggestedFileName
        try template.write(to: path)
        print("已生成 Written: \(path) — \(template.reportingUnit) \(template.period), \(template.rows.count) 项指标 indicators")
    }

    /// `--period`, or the month before this one: the month departments report in.
    private func reportingPeriod() throws(FormTemplateError) -> Period {
        guard let period else {
            let today = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
            return Period(year: today.year!, month: today.month!)!.advanced(by: -1)
        }
        guard let parsed = Period(period) else {
            throw FormTemplateError(code: "bad-period", chinese: "期间 “\(period)” 应写作 YYYY-MM。",
                                    english: "Period '\(period)' should be YYYY-MM.")
        }
        return parsed
    }
}
