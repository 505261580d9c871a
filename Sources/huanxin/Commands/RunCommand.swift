import ArgumentParser
import Foundation
import Pipeline

/// `huanxin run`: the nightly batch.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "夜间批处理 The nightly batch: Inbox/ → ledger → receipts, roll-ups and a run summary in Outbox/.",
        discussion: """
            一次只运行一个（Outbox/.huanxin.lock）：锁被占用时最多等待 --wait 秒（默认 60），等待期间门户暂停
            处理新上传（上传文件留在 Inbox/，由本次运行处理）。终端上显示进度条和汇总；非终端时（cron）
            每个退回或位置错误的文件一行（标准错误），再加汇总；--quiet 只显示问题和一行汇总；
            --log-format json 供程序读取。汇总列出本次退回的文件，并统计此前退回、仍待更正的文件。
            One run at a time (a lock on Outbox/.huanxin.lock): waits up to --wait seconds (60) for it,
            and while it waits the portal stops recording uploads (they stay in Inbox/ and this run
            records them). On a terminal a progress bar and a
            summary; otherwise one line per rejected or misplaced file (stderr) and the summary;
            --quiet: problems and the summary line only; --log-format json for machines. The summary
            names tonight's rejected files and counts earlier ones still uncorrected (仍待更正).

            退出码 Exit codes:
              0   完成，本次没有文件被退回 completed; no new file version was rejected
              1   运行中断（读写、台账错误），下次运行接着做；或有回执未能写出 aborted by an error (I/O, ledger),
                  or a receipt could not be written (named); the next run resumes
              2   目录（Schemas/）或部署有误，或台账损坏、为空、缺失 catalog (Schemas/) or deployment errors,
                  a damaged, empty or missing ledger (the message says the way back)
              3   等待后锁仍被占用 the lock was still held after --wait seconds; it says by whom
              4   完成，但有新文件被退回（已写回执）completed; some new file versions were rejected (see their receipts)
              64  命令行用法错误 command-line usage error
            """
    )

    /// The exit codes `--help` lists.
    enum Exit {
        static let aborted: Int32 = 1
        static let configuration: Int32 = 2
        static let lockHeld: Int32 = 3
        static let someRejected: Int32 = 4
    }

    @OptionGroup var options: DeploymentOptions

    @Option(help: "文件稳定等待秒数 Seconds a file must be unchanged before it is read.")
    var settle: Double = 60

    @Flag(help: "只显示问题和一行汇总 Only problems and the summary line.")
    var quiet = false

    @Option(help: "日志格式 Log format: text or json (one object a line, the summary last on stdout).")
    var logFormat: ConsoleLogging.Format = .text

    @Flag(help: "允许新建台账，即使 Outbox 中已有以前的运行记录 Start a new ledger even though the Outbox holds an earlier one's runs.")
    var newLedger = false

    @Option(help: "每批文件数：一个台账事务、一次落盘 Files per batch: one ledger transaction, one flush to disk.")
    var batchSize = NightlyRun.defaultBatchSize

    @Option(help: "等待运行锁的秒数 Seconds to wait for the run lock (another run, the portal's uploads).")
    var wait: Double = 60
    private var waitSeconds: Double { max(0, wait) }

    func run() throws {
        let console = RunConsole(quiet: quiet, format: logFormat)
        ConsoleLogging.bootstrap(level: console.logLevel, format: logFormat)
        let deployment = options.deployment
        let summary: RunSummary
        let path: String
        do {
            // The lock first: a run that waited reads the clock (its month, its times) when it starts.
            let lock = try RunLock.waiting(path: deployment.outbox.lock, seconds: waitSeconds)
            let calendar = ProgrammeCalendar(now: Date())
            var nightly = try withCatalog {
                try NightlyRun.standard(
                    deployment, calendar: calendar, settlingInterval: settle,
                    progress: console.progress)
            }
            nightly.batchSize = max(1, batchSize)
            nightly.allowNewLedger = newLedger
            nightly.runLock = lock
            (summary, path) = try withCatalog { try nightly.run(now: calendar.now) }
        } catch let held as RunLock.Held {
            FileHandle.standardError.write(Data("\(held)（已等待 waited \(Int(waitSeconds)) s）\n".utf8))
            throw ExitCode(Exit.lockHeld)
        } catch let failed as NightlyRun.Failed {
            FileHandle.standardError.write(Data("\(failed)\n".utf8))
            throw ExitCode(Exit.aborted)
        }
        print(console.summary(summary, path: path, rollups: "\(deployment.outbox.root)/rollups/"))
        if !summary.receiptsNotWritten.isEmpty {
            for line in summary.receiptsNotWritten { FileHandle.standardError.write(Data("\(line)\n".utf8)) }
            FileHandle.standardError.write(
                Data("有回执未能写出，下次运行补写 some receipts were not written; the next run writes them\n".utf8))
            throw ExitCode(Exit.aborted)
        }
        if !summary.rejected.isEmpty { throw ExitCode(Exit.someRejected) }
    }
}

extension ConsoleLogging.Format: ExpressibleByArgument {}
