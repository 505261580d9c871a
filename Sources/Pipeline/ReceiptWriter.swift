import Foundation
import Ledger
import Outbox
import Reports

/// The receipts thread: writes the receipts of each batch the run hands
/// over once the batch's ledger transaction has committed. A batch's
/// receipts are built from a snapshot of the ledger at its commit, on a
/// reader's thread, while the ledger goes on with the next batch; they are
/// published in the order the batches committed, a batch's together
/// (`StagedFiles`: a few flushes for the lot, not one per file), so that a
/// later batch's receipt of a version replaces an earlier one's. A receipt
/// that cannot be written is named in the run summary (the run exits 1)
/// and written again by the next run, from the ledger.
///
/// The portal keeps one for all its runs (`NightlyRun.receiptWriter`): an
/// upload's answer waits for its receipts (`whenWritten`), not the next run.
final class ReceiptWriter: Sendable {
    private let steps = HandOver<Step>(capacity: 2)
    private let state = State()
    private let thread: BackgroundThread
    private let publisher: ReceiptPublisher

    private enum Step: Sendable {
        case batch(Built)
        case barrier(@Sendable ([String]) -> Void)
    }

    /// A batch's receipts and their JSON documents, built on a reader's
    /// thread (the encoding too: it is most of the receipts' work outside
    /// the workbook); `take` waits for them.
    private final class Built: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var receipts: [(VersionReceipt, json: Data)] = []
        private var problems: [String] = []
        private var seconds: [String: Double] = [:]

        func fill(_ body: (inout [(VersionReceipt, json: Data)], inout [String]) -> Void) {
            NightlyRun.timed("receipts", &seconds) { body(&receipts, &problems) }
            done.signal()
        }

        func take() -> (receipts: [(VersionReceipt, json: Data)], problems: [String], seconds: [String: Double]) {
            done.wait()
            return (receipts, problems, seconds)
        }
    }

    /// What the thread leaves for the run summary: written by the thread
    /// only, read once it has been joined.
    private final class State: @unchecked Sendable {
        let seconds = ThreadSeconds()
        var problems: [String] = []
    }

    init(publisher: ReceiptPublisher) {
        self.publisher = publisher
        let (steps, state) = (steps, state)
        thread = BackgroundThread(name: "huanxin-receipts") {
            while let step = steps.take() {
                switch step {
                case .batch(let built):
                    let (receipts, problems, seconds) = built.take()
                    state.seconds.add(seconds)
                    state.seconds.timed("receipts") {
                        state.problems += problems + Self.publish(receipts, publisher: publisher)
                    }
                case .barrier(let body):
                    body(state.problems)
                    state.problems = []
                }
            }
        }
    }

    /// The thread ends once the last batch is written.
    deinit {
        steps.finish()
    }

    /// On the ledger's writer, as a batch commits: the receipts of
    /// `versions` (by id, each once), built from `snapshot`; waits while two
    /// batches are pending.
    func submit(_ versions: [Int64], from snapshot: LedgerSnapshot) {
        guard !versions.isEmpty else { return }
        let (built, publisher) = (Built(), publisher)
        snapshot.read { ledger in
            built.fill { receipts, problems in
                do {
                    let ledger = try ledger.get()
                    for id in versions {
                        do {
                            guard let version = try ledger.version(id: id) else { continue }
                            let receipt = try publisher.receipt(for: version, in: ledger)
                            receipts.append((receipt, try ReceiptJSON.encode(receipt.receipt)))
                        } catch {
                            problems.append("版本 version \(id): 回执未写出 receipt not written: \(error)")
                        }
                    }
                } catch {
                    problems.append("回执未写出，下次运行补写 receipts not written, the next run writes them: \(error)")
                }
            }
        }
        steps.put(.batch(built))
    }

    /// Calls `body`, on the receipts thread, once every batch handed over
    /// before is published, with what could not be written since the last call.
    func whenWritten(_ body: @escaping @Sendable ([String]) -> Void) {
        steps.put(.barrier(body))
    }

    /// Waits until every batch handed over is written; returns the seconds
    /// spent and what could not be written.
    func finish() -> (seconds: [String: Double], problems: [String]) {
        steps.finish()
        thread.join()
        return (state.seconds.total, state.problems)
    }

    /// Stages and publishes one batch: the latest receipts, then the history
    /// copies that mark them complete; returns its problems.
    private static func publish(_ batch: [(VersionReceipt, json: Data)], publisher: ReceiptPublisher) -> [String] {
        var problems: [String] = []
        let (latest, history) = (StagedFiles(), StagedFiles())
        for (receipt, json) in batch {
            do {
                try publisher.stage(receipt, json: json, latest: latest, history: history)
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
