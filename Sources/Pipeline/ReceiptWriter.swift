import Foundation
import Outbox
import Reports

/// The receipts thread: writes each batch of receipts the run hands over
/// once the batch's ledger transaction has committed, a batch's published
/// together (`StagedFiles`: a few flushes for the lot, not one per file),
/// while the run goes on with the next batch on the other core. A receipt
/// that cannot be written is named in the run summary (the run exits 1)
/// and written again by the next run, from the ledger.
final class ReceiptWriter: Sendable {
    private let batches = HandOver<[VersionReceipt]>(capacity: 2)
    private let state = State()
    private let thread: BackgroundThread

    /// What the thread leaves for the run summary: written by the thread
    /// only, read once it has been joined.
    private final class State: @unchecked Sendable {
        let seconds = ThreadSeconds()
        var problems: [String] = []
    }

    init(publisher: ReceiptPublisher) {
        let (batches, state) = (batches, state)
        thread = BackgroundThread(name: "huanxin-receipts") {
            while let batch = batches.take() {
                state.seconds.timed("receipts") {
                    state.problems += Self.publish(batch, publisher: publisher)
                }
            }
        }
    }

    /// Hands over the receipts of a committed batch; waits while two are pending.
    func submit(_ receipts: [VersionReceipt]) {
        guard !receipts.isEmpty else { return }
        batches.put(receipts)
    }

    /// Waits until every batch handed over is written; returns the seconds
    /// spent and what could not be written.
    func finish() -> (seconds: [String: Double], problems: [String]) {
        batches.finish()
        thread.join()
        return (state.seconds.total, state.problems)
    }

    /// Stages and publishes one batch: the latest receipts, then the history
    /// copies that mark them complete; returns its problems.
    private static func publish(_ batch: [VersionReceipt], publisher: ReceiptPublisher) -> [String] {
        var problems: [String] = []
        let (latest, history) = (StagedFiles(), StagedFiles())
        for receipt in batch {
            do {
                try publisher.stage(receipt, latest: latest, history: history)
            } catch {
                problems.append("\(receipt.receipt.path): 回执未写出 receipt not written: \(error)")
            }
        }
        do {
            try latest.publish()
            try history.publish()
        } catch {
            problems.append("回执未写出，下次运行补写 receipts not written, the next run writes them: \(error)")
        }
        return problems
    }
}
