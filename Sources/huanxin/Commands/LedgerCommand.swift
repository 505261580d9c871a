import ArgumentParser
import Foundation
import Pipeline

/// `huanxin ledger check`, `backup` and `recover`.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "台账检查、备份与恢复 Check the ledger, back it up, recover a damaged one.",
        discussion: """
            退出码 Exit codes: 0 完好/已备份 whole / backed up; 1 备份失败 the backup failed; \
            2 台账损坏、为空或不是台账 the ledger is damaged, empty or not a ledger: run `huanxin ledger recover`.
            """,
        subcommands: [Check.self, Backup.self, Recover.self]
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

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "恢复损坏、为空或丢失的台账 Recover a damaged, empty or lost ledger.",
            discussion: """
                在运行锁下：损坏的文件（及 -wal、-shm）改名为 ledger.damaged-<时间>.sqlite 保留，不删除；恢复 \
                Outbox/backups/ 中最新的、通过 quick_check 的备份（或 --from 指定的文件）；没有可用备份时， \
                逐表逐行读出损坏文件中仍可读的记录写入新台账，并列出无法读取的部分。最后列出下次 huanxin run \
                将重新读取的收件箱文件。台账完好时不做任何改动。
                Under the run lock: the damaged file (and its -wal, -shm) is renamed ledger.damaged-<stamp>.sqlite \
                and kept; the newest backup in Outbox/backups/ that passes quick_check (or --from FILE) is copied \
                in its place; with no usable backup, every row SQLite can still read is saved into a new ledger and \
                what could not be read is listed. Then it lists the inbox files the next huanxin run reads again. \
                A whole ledger is left alone.
                退出码 Exit codes: 0 完好或已从备份恢复 whole, or restored from a backup; 1 无法恢复 could not \
                recover (nothing changed); 3 另一次运行持有锁 a run holds the lock; 4 已抢救部分记录 \
                rows salvaged, some lost (listed).
                """)

        @OptionGroup var options: DeploymentOptions

        @Option(help: "从该备份恢复 Restore from this file instead of the newest backup.")
        var from: String?

        func run() throws {
            let recovery: LedgerJob.Recovery
            do {
                recovery = try withCatalog { try LedgerJob.recover(options.deployment, from: from, now: Date()) }
            } catch let held as RunLock.Held {
                FileHandle.standardError.write(Data("\(held)\n".utf8))
                throw ExitCode(RunCommand.Exit.lockHeld)
            } catch let error where !(error is ExitCode) {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(1)
            }
            print(recovery)
            if !recovery.isWhole { throw ExitCode(RunCommand.Exit.someRejected) }
        }
    }
}
