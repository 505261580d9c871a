import ArgumentParser
import Catalog
import Foundation
import Ledger
import Reports

/// `huanxin rollup`: rebuild the roll-up workbooks, CSV and JSON from the ledger.
struct RollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "由台账重建汇总 Rebuild the roll-ups in Outbox/rollups/ from the ledger; prints the paths written."
    )

    @OptionGroup var options: DeploymentOptions

    @Option(help: "期间 Period YYYY-MM (repeatable; default: the latest period with data).")
    var period: [String] = []

    @Option(help: "市代码 City code (repeatable; default: every city with data, and the province when several have).")
    var city: [String] = []

    @Option(help: "台账路径 Ledger database (default: Outbox/ledger.sqlite).")
    var ledger: String?

    func run() throws {
        let periods = try period.map { text in
            guard let parsed = Period(text) else { throw ValidationError("期间格式应为 YYYY-MM Period must be YYYY-MM: \(text)") }
            return parsed
        }
        let catalog = try SchemasCommand.loadCatalog(options)
        for code in city where catalog.region(code: code)?.level != .city {
            throw ValidationError("不是市代码 Not a city code: \(code)")
        }
        let outbox = options.deployment.outbox
        let path = ledger ?? outbox.ledger
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("台账不存在 No ledger at \(path); run `huanxin run` first.\n".utf8))
            throw ExitCode(1)
        }
        let stage = RollupStage(catalog: catalog, ledger: try LedgerDatabase(path: path), outbox: outbox)
        let written = try stage.run(periods: periods.isEmpty ? nil : periods, cities: city.isEmpty ? nil : city)
        if written.isEmpty { print("台账中无数据 The ledger holds no figures; nothing written.") }
        for file in written { print(file) }
    }
}
