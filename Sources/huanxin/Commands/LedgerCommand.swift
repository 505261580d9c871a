import ArgumentParser
import Foundation
import Pipeline

/// `huanxin ledger check` and `huanxin ledger backup`.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "台账检查与备份 Check the ledger, back it up.",
        discussion: """
            退出码 Exit codes: 0 完好/已备份 whole / backed up; 1 备份失败 the backup failed; \
            2 台账损坏、为空或不是台账 the ledger is damaged, empty or not a ledger (the message says what to do).
            尚无 recover 命令：请按提示从 Outbox/backups/ 恢复最新备份。
            There is no `ledger recover` yet: restore the latest backup in Outbox/backups/ as the message says.
            """,
        subcommands: [Check.self, Backup.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "检查台账（只读，PRAGMA quick_check）Check the ledger read-only with PRAGMA quick_check.")

        @OptionGroup var options: DeploymentOptions

        func run() throws {
            print(try withCatalog { try LedgerJob.check(options.deployment) })
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "备份台账到 Outbox/backups/ Back the ledger up into Outbox/backups/ (SQLite online backup, atomic).")

        @OptionGroup var options: DeploymentOptions

        @Option(help: "保留份数 Backups kept, newest first.")
        var keep = NightlyRun.defaultBackupsKept

        func run() throws {
            do {
                print(try withCatalog { try LedgerJob.backUp(options.deployment, keep: keep, now: Date()) })
            } catch let error where !(error is ExitCode) {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
