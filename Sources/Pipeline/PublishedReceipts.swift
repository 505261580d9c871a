import Foundation
import Outbox
import Vocabulary

/// Whether versions' receipts were all written (their history copy is on
/// disk: `ReceiptPublisher`), asked by the reading thread of every
/// unchanged file, which come in submitter order. The submitter's receipts
/// folder is kept open and each name looked up in it (`fstatat`), not a
/// whole path through the Outbox each time: 90,600 of them on a province's
/// quiet night, where resolving the paths was a tenth of the run. One
/// thread's.
final class PublishedReceipts {
    private let outbox: OutboxLayout
    private var submitter: Submitter?
    /// `submitter`'s receipts folder, open; −1: it could not be opened (none yet).
    private var folder: Int32 = -1

    init(outbox: OutboxLayout) {
        self.outbox = outbox
    }

    deinit { if folder >= 0 { close(folder) } }

    func arePublished(submitter: Submitter, fileName: String, sha256: String) -> Bool {
        if submitter != self.submitter {
            if folder >= 0 { close(folder) }
            folder = open(
                outbox.receiptFolder(region: submitter.region, department: submitter.department),
                O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            self.submitter = submitter
        }
        guard folder >= 0 else { return false }
        let name = OutboxLayout.receiptHistoryName(fileName: fileName, sha256: sha256)
        return (try? FileStatus.of(name, in: folder)) != nil
    }
}
