import Foundation
import Ledger
import Outbox

/// `huanxin ledger check`, `backup` and `recover`: the ledger's health, its
/// copies in `Outbox/backups/` (the nightly run makes one after each night
/// that completes), and the way back from a damaged one. A ledger that is
/// not whole is `LedgerRefusal`.
public enum LedgerJob {
    /// Checks the deployment's ledger read-only (`PRAGMA quick_check`, its
    /// migrations) and says so in a line.
    public static func check(_ deployment: Deployment) throws -> String {
        let latest = try LedgerDatabase.open(path: deployment.ledger, access: .readOnly).read { try $0.latestRun() }
        return "台账完好 ledger whole: \(deployment.ledger) — 最近运行 latest run "
            + (latest.map { "\($0.id) \($0.status.rawValue)" + ($0.failure.map { ": \($0)" } ?? "") } ?? "-")
    }

    /// Backs the ledger up into `Outbox/backups/`, the newest `keep` kept;
    /// returns the backup's path.
    public static func backUp(_ deployment: Deployment, keep: Int, now: Date) throws -> String {
        try LedgerDatabase.open(path: deployment.ledger, access: .readOnly)
            .backUp(into: deployment.outbox.backups, stamp: NightlyRun.fileTimestamp(now), keep: keep)
    }

    /// What `recover` did, and what the next run will do again.
    public struct Recovery: Sendable, CustomStringConvertible {
        /// Nil when the ledger was whole and nothing was done.
        public var outcome: LedgerRecovery.Outcome?
        public var ledger: String
        /// Inbox files the restored ledger has not recorded as they are now:
        /// the next run reads them again.
        public var toReadAgain: [String] = []
        /// Archive copies (under `Outbox/`) the restored ledger does not name:
        /// accepted after the backup, or lost with the damage.
        public var unnamedArchiveCopies: [String] = []

        /// Whether everything came back: a backup restored, not a salvage.
        public var isWhole: Bool {
            if case .salvage = outcome?.source { return false }
            return true
        }

        public var description: String {
            guard let outcome else { return "台账完好，无需恢复 the ledger is whole; nothing to recover: \(ledger)" }
            var lines = outcome.movedAside.map { "已移开（保留）moved aside, kept: \($0)" }
            lines += outcome.unusableBackups.map { "备份不可用 backup not usable: \($0)" }
            switch outcome.source {
            case .backup(let path):
                lines.append("已从备份恢复台账 ledger restored from the backup: \(path) → \(ledger)")
            case .salvage(let salvage):
                lines.append(
                    "无可用备份：已从损坏的文件中抢救可读的记录 no usable backup: the readable rows of the damaged file "
                        + "were saved into a new ledger: \(ledger)")
                lines.append(
                    "已抢救 rows saved: "
                        + salvage.rows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                            separator: ", "))
                lines += salvage.unreadable.map { "无法读取 could not read: \($0)" }
                if salvage.droppedVersions > 0 {
                    lines.append(
                        "\(salvage.droppedVersions) 个文件版本缺少部分记录，已整体舍弃，下次运行重新读取 file versions lost part of "
                            + "their rows and were left out whole; the next run reads their files again")
                }
                lines += salvage.orphans.sorted { $0.key < $1.key }.map {
                    "\($0.key): \($0.value) 行所属记录已丢失，已舍弃 rows left out, what they belong to was lost"
                }
            }
            lines.append(
                "下次 huanxin run 将重新读取 \(toReadAgain.count) 个收件箱文件 the next huanxin run reads "
                    + "\(toReadAgain.count) inbox files again (changed since the ledger's copy, or not in it):")
            lines += toReadAgain.prefix(50).map { "  \($0)" }
            if toReadAgain.count > 50 {
                lines.append("  … 另有 \(toReadAgain.count - 50) 个 and \(toReadAgain.count - 50) more")
            }
            if !unnamedArchiveCopies.isEmpty {
                lines.append(
                    "归档中有 \(unnamedArchiveCopies.count) 份原件台账未记载（备份之后受理或随损坏丢失）；收件箱中的文件会重新读入，"
                        + "已被替换的版本原件仍在归档中 \(unnamedArchiveCopies.count) archived originals are not in the ledger "
                        + "(accepted after the backup, or lost with the damage): their inbox files are read again; "
                        + "originals the departments have since replaced stay in Outbox/archive/:")
                lines += unnamedArchiveCopies.prefix(50).map { "  \($0)" }
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Replaces a damaged, empty or lost ledger: under the run lock, the
    /// file moved aside (kept), then `from` or the newest backup that passes
    /// `quick_check` copied in its place, or with none what can be read of
    /// the damaged file; then what the next run will redo. A whole ledger is
    /// left alone.
    public static func recover(_ deployment: Deployment, from: String?, now: Date) throws -> Recovery {
        let lock = try RunLock(path: deployment.outbox.lock, startedAt: now)
        defer { withExtendedLifetime(lock) {} }
        do {
            _ = try LedgerDatabase.open(path: deployment.ledger, access: .readWrite(allowNew: false))
            return Recovery(outcome: nil, ledger: deployment.ledger)
        } catch let refusal as LedgerRefusal where refusal.isRecoverable {}
        let outcome = try LedgerRecovery.recover(
            ledger: deployment.ledger, backups: deployment.outbox.backups, from: from,
            stamp: NightlyRun.fileTimestamp(now))
        var recovery = Recovery(outcome: outcome, ledger: deployment.ledger)
        let ledger = try LedgerDatabase.open(path: deployment.ledger, access: .readWrite(allowNew: false))
        let (states, named) = try ledger.read { (try $0.knownStates(), Set(try $0.archivePaths())) }
        for file in try InboxScanner(root: deployment.inbox, settlingInterval: 0).scan(now: now).submissions {
            let known = states[file.relativePath]
            if let known, known.size == file.size, known.modified == file.modified { continue }
            let sha256 = try file.withDiskPath(in: deployment.inbox.path) { try SHA256.hash(fileAtPath: $0).hex }
            let recorded = try ledger.read { try $0.versions(path: file.relativePath) }.contains { $0.sha256 == sha256 }
            if !recorded { recovery.toReadAgain.append(file.relativePath) }
        }
        let outbox = deployment.outbox.root
        recovery.unnamedArchiveCopies =
            ((try? FileManager.default.subpathsOfDirectory(atPath: outbox + "/archive")) ?? [])
            .map { "archive/\($0)" }
            .filter { !named.contains($0) && !$0.split(separator: "/").last!.hasPrefix(".") && $0.contains(".") }
            .filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: outbox + "/" + path, isDirectory: &isFolder)
                    && !isFolder.boolValue
            }.sorted()
        recovery.toReadAgain.sort()
        return recovery
    }
}
