import Foundation

extension RunStage {
    /// The roll-up after intake: rebuilds the latest period's workbooks,
    /// CSV and JSON from the ledger when this run changed the ledger (a file
    /// accepted or rejected) or when no roll-up exists yet. A night with
    /// nothing new leaves yesterday's roll-ups as they are, so a re-run
    /// costs seconds; `huanxin rollup` rebuilds on demand.
    public static let rollup = RunStage(name: "rollup") { context in
        let intake = context.intake
        let changed = !intake.accepted.isEmpty || !intake.rejected.isEmpty
        let folder = context.deployment.outbox.root + "/rollups"
        let hasRollups = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == false
        guard changed || !hasRollups else {
            context.logger.info("nothing new: roll-ups kept 无新数据，汇总表未重建")
            return
        }
        let written = try RollupJob(
            catalog: context.catalog, ledger: context.ledger,
            outbox: context.deployment.outbox, now: context.startedAt
        ).run()
        for path in written where path.hasSuffix(".xlsx") {
            context.logger.info("roll-up written 汇总表已生成", metadata: ["path": "\(path)"])
        }
    }
}
