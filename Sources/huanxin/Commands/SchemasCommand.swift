import ArgumentParser
import Catalog
import Foundation

/// `huanxin schemas …`: check the catalog and list what it holds.
struct SchemasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas",
        abstract: "目录（Schemas/）检查与列表 Check and list the catalog in Schemas/.",
        subcommands: [Check.self, Targets.self, Indicators.self, LayoutCommand.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, table
    }

    /// Loads `<root>/Schemas`; on any error prints them all and exits non-zero.
    static func loadCatalog(_ options: DeploymentOptions) throws -> Catalog {
        do {
            return try CatalogLoader.loadChecked(schemas: options.deployment.schemas)
        } catch {
            printErrors(error.errors)
            throw ExitCode(2)
        }
    }

    static func printErrors(_ errors: [CatalogError]) {
        let lines = errors.map(\.description) + ["目录有 \(errors.count) 个错误 The catalog has \(errors.count) error(s)."]
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "检查目录并汇总 Load and cross-check Schemas/, print counts; exit 2 on any error.")

        @OptionGroup var options: DeploymentOptions

        func run() throws {
            let started = Date()
            let schemas = options.deployment.schemas
            let (catalog, loadErrors) = CatalogLoader(schemas: schemas).load()
            let errors = loadErrors + CatalogCheck(catalog: catalog, seeds: schemas.appendingPathComponent("seeds")).run()
            let levels = Dictionary(grouping: catalog.regions, by: \.level).mapValues(\.count)
            print("目录 Catalog: \(schemas.path)")
            print("  地区 regions: \(catalog.regions.count) (" + RegionLevel.allCases.map { "\($0.rawValue) \(levels[$0] ?? 0)" }.joined(separator: ", ") + ")")
            print("  部门 departments: \(catalog.departments.count)  单位 units: \(catalog.units.count)  指标 indicators: \(catalog.indicators.count)")
            print("  校验规则 checks: \(catalog.rules.count)  格式 layouts: \(catalog.layouts.map(\.id).joined(separator: ", "))")
            print("  计划 plans: \(catalog.plans.count)  目标 targets: \(catalog.targets.count)")
            for plan in catalog.plans {
                print("    \(plan.id): \(plan.entries.count) 条 entries, \(plan.targets.count) 个目标 targets, \(plan.qualitative.count) 条定性 qualitative — \(plan.seed)")
            }
            print(String(format: "  用时 time: %.3f s", Date().timeIntervalSince(started)))
            if !errors.isEmpty {
                SchemasCommand.printErrors(errors)
                throw ExitCode(2)
            }
            print("无错误 No errors.")
        }
    }

    struct Targets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出计划目标及原文 Every target with its quoted sentence (\"每年\" once per year).")

        @OptionGroup var options: DeploymentOptions
        @Option(help: "只列此计划 Only this plan (e.g. rushan-2024).") var plan: String?
        @Option(help: "输出格式 Output format: csv or table.") var format: Format = .csv

        func run() throws {
            let catalog = try SchemasCommand.loadCatalog(options)
            if let plan, catalog.plan(id: plan) == nil {
                throw ValidationError("未知计划 unknown plan “\(plan)”: \(catalog.plans.map(\.id).joined(separator: ", "))")
            }
            let targets = catalog.targets.filter { plan == nil || $0.plan == plan }
            let header = ["seed", "plan", "region", "region_name", "indicator", "indicator_name", "year", "since",
                          "operator", "value", "unit", "written", "sentence"]
            let rows = targets.map { target -> [String] in
                let indicator = catalog.indicator(code: target.indicator)
                return [target.seed, target.plan, target.region, catalog.region(code: target.region)?.name ?? "",
                        target.indicator, indicator?.name ?? "", String(target.year), target.entry.since.map(String.init) ?? "",
                        target.op.symbol, TableOutput.number(target.value), indicator?.unit ?? "",
                        target.entry.written, target.sentence]
            }
            TableOutput.write(header: header, rows: rows, format: format)
        }
    }

    struct Indicators: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出指标 Every indicator with unit, departments and methods.")

        @OptionGroup var options: DeploymentOptions
        @Option(help: "输出格式 Output format: csv or table.") var format: Format = .csv

        func run() throws {
            let catalog = try SchemasCommand.loadCatalog(options)
            let header = ["code", "name", "english", "unit", "lead_department", "departments", "time", "method", "parts", "min", "max"]
            let rows = catalog.indicators.map { indicator -> [String] in
                var parts = indicator.method.parts.joined(separator: ";")
                if case .growth(_, let year, let annualised) = indicator.method {
                    parts += " base \(year)" + (annualised ? " annualised" : "")
                }
                return [indicator.code, indicator.name, indicator.english, indicator.unit, indicator.lead,
                        catalog.departments(reporting: indicator.code).map(\.code).joined(separator: ";"),
                        indicator.time.rawValue, indicator.method.name, parts,
                        indicator.minimum.map(TableOutput.number) ?? "", indicator.maximum.map(TableOutput.number) ?? ""]
            }
            TableOutput.write(header: header, rows: rows, format: format)
        }
    }

    struct LayoutCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "layout",
            abstract: "导出格式 Print a layout as a plain Frictionless Table Schema (JSON).")

        @OptionGroup var options: DeploymentOptions
        @Argument(help: "格式 Layout id: records or form.") var id: String
        @Option(help: "输出格式 Output format: frictionless.") var format: String = "frictionless"

        func run() throws {
            let catalog = try SchemasCommand.loadCatalog(options)
            guard format == "frictionless" else { throw ValidationError("only --format frictionless is supported") }
            guard let layout = catalog.layout(id: id) else {
                throw ValidationError("未知格式 unknown layout “\(id)”: \(catalog.layouts.map(\.id).joined(separator: ", "))")
            }
            FileHandle.standardOutput.write(try layout.frictionlessJSON())
            print()
        }
    }
}
