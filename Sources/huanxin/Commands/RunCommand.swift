import ArgumentParser
import Foundation
import Logging
import Pipeline

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "夜间批处理 The nightly batch: scan Inbox/, then write a run summary to Outbox/runs/."
    )

    @OptionGroup var options: DeploymentOptions

    @Option(help: "文件稳定等待秒数 Seconds a file must be unchanged before it is read.")
    var settle: Double = 60

    func run() throws {
        let deployment = options.deployment
        let (summary, path) = try NightlyRun(deployment: deployment, settlingInterval: settle).run()
        print("收件箱 Inbox: \(deployment.inbox.path)")
        print("  待处理 submissions: \(summary.submissions.count)  位置错误 misplaced: \(summary.misplaced.count)  忽略 ignored: \(summary.ignored.count)  未稳定 settling: \(summary.settling.count)")
        print("运行记录 Run summary: \(path)")
    }
}
