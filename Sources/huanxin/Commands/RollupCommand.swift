import ArgumentParser
import Foundation
import Pipeline

/// `huanxin rollup`: rebuild the roll-up workbooks, CSV and JSON from the ledger.
struct RollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "由台账重建汇总 Rebuild the roll-ups in Outbox/rollups/ from the ledger; prints the paths written.",
        discussion: """
            运行进行中时最多等待 --wait 秒（默认 60）Waits up to --wait seconds (60) for a run in progress. 退出码 Exit codes: \
            0 完成 done; 1 无台账 no ledger; 2 台账损坏 a damaged ledger; 3 运行仍在进行 a run still holds the lock (it says who).
            """
    )

    @OptionGroup var options: DeploymentOptions

    @Option(help: "期间 Period YYYY-MM (repeatable; default: the latest period with data).")
    var period: [Period] = []

    @Option(help: "市代码 City code (repeatable; default: every city with data, and the province when several have).")
    var city: [String] = []

    @Option(help: "等待运行结束的秒数 Seconds to wait for a run in progress to end.")
    var wait: Double = 60

    @Flag(
        help:
            "试运行：只列出将写出的文件，不写任何文件（只读 Outbox 亦可）Dry run: list what would be written, write nothing (works on a read-only Outbox)."
    )
    var dryRun = false

    func run() throws {
        let written: [String]
        do {
            written = try withCatalog {
                try RollupJob.rebuild(
                    options.deployment, periods: period.isEmpty ? nil : period,
                    cities: city.isEmpty ? nil : city, calendar: ProgrammeCalendar(now: Date()),
                    waitingForRun: wait, dryRun: dryRun)
            }
        } catch let missing as LedgerMissing {
            FileHandle.standardError.write(Data("\(missing)\n".utf8))
            throw ExitCode(1)
        } catch let held as RunLock.Held {
            FileHandle.standardError.write(Data("\(held)（已等待 waited \(Int(wait)) s）\n".utf8))
            throw ExitCode(RunCommand.Exit.lockHeld)
        }
        if written.isEmpty { print("台账中无数据 The ledger holds no figures; nothing written.") }
        guard dryRun else {
            for file in written { print(file) }
            return
        }
        for file in written {
            print("\(FileManager.default.fileExists(atPath: file) ? "将替换 would replace" : "将新建 would create") \(file)")
        }
        print("试运行，未写任何文件 dry run: nothing written (\(written.count) files)")
    }
}
