import ArgumentParser
import Foundation
import Pipeline

/// `huanxin rollup`: rebuild the roll-up workbooks, CSV and JSON from the ledger.
struct RollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "由台账重建汇总 Rebuild the roll-ups in Outbox/rollups/ from the ledger; prints the paths written."
    )

    @OptionGroup var options: DeploymentOptions

    @Option(help: "期间 Period YYYY-MM (repeatable; default: the latest period with data).")
    var period: [Period] = []

    @Option(help: "市代码 City code (repeatable; default: every city with data, and the province when several have).")
    var city: [String] = []

    func run() throws {
        let written: [String]
        do {
            written = try withCatalog {
                try RollupJob.rebuild(options.deployment, periods: period.isEmpty ? nil : period,
                                      cities: city.isEmpty ? nil : city, calendar: ProgrammeCalendar(now: Date()))
            }
        } catch let missing as LedgerMissing {
            FileHandle.standardError.write(Data("\(missing)\n".utf8))
            throw ExitCode(1)
        }
        if written.isEmpty { print("台账中无数据 The ledger holds no figures; nothing written.") }
        for file in written { print(file) }
    }
}
