import ArgumentParser
import Foundation
import Pipeline

/// `huanxin schemas …`: check the catalog and list what it holds.
struct SchemasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemas",
        abstract: "目录（Schemas/）检查与列表 Check and list the catalog in Schemas/.",
        subcommands: [Check.self, Targets.self, Indicators.self, Regions.self, Departments.self, LayoutCommand.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "检查目录并汇总 Load and cross-check Schemas/, print counts; exit 2 on any error.")

        @OptionGroup var options: DeploymentOptions

        func run() throws {
            let (report, errors) = CatalogListing(deployment: options.deployment).check()
            for line in report { print(line) }
            if !errors.isEmpty {
                FileHandle.standardError.write(Data("\(CatalogUnavailable(errors: errors))\n".utf8))
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
        @Option(help: "输出格式 Output format: csv or table.") var format: TextTable.Format = .csv

        func run() throws {
            print(
                try withCatalog { try CatalogListing(deployment: options.deployment).targets(plan: plan) }
                    .rendered(as: format))
        }
    }

    struct Indicators: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出指标 Every indicator with unit, departments and methods.")

        @OptionGroup var options: DeploymentOptions
        @Option(help: "输出格式 Output format: csv or table.") var format: TextTable.Format = .csv

        func run() throws {
            print(
                try withCatalog { try CatalogListing(deployment: options.deployment).indicators() }.rendered(as: format)
            )
        }
    }

    struct Regions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出地区 Region codes for Inbox/<region>/ folders: cities, counties, local units.")

        @OptionGroup var options: DeploymentOptions
        @Option(help: "只列某地区之内 Only those within a region, code or name (e.g. 聊城市).") var within: String?
        @Option(help: "输出格式 Output format: csv or table.") var format: TextTable.Format = .csv

        func run() throws {
            print(
                try withCatalog { try CatalogListing(deployment: options.deployment).regions(within: within) }
                    .rendered(as: format))
        }
    }

    struct Departments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出部门 Department codes for Inbox/<region>/<department>/ folders, with frequency and indicators.")

        @OptionGroup var options: DeploymentOptions
        @Option(help: "输出格式 Output format: csv or table.") var format: TextTable.Format = .csv

        func run() throws {
            print(
                try withCatalog { try CatalogListing(deployment: options.deployment).departments() }.rendered(
                    as: format))
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
            guard format == "frictionless" else { throw ValidationError("only --format frictionless is supported") }
            let schema = try withCatalog {
                try CatalogListing(deployment: options.deployment).frictionlessSchema(layout: id)
            }
            FileHandle.standardOutput.write(schema)
            print()
        }
    }
}
