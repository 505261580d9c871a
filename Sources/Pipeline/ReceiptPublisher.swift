import Catalog
import Foundation
import Intake
import Ledger
import Outbox
import Reports
import Vocabulary

/// The receipts of file versions, built from what the ledger recorded, so
/// that a receipt lost to a killed run can be built again from the ledger
/// alone, with the same bytes.
///
/// Per version at `Inbox/<region>/<department>/<file>`, under
/// `Outbox/receipts/<region>/<department>/`:
/// - `<file>.回执.xlsx` and `<file>.回执.json`: the latest version's receipt;
///   a department finds its answer beside the file name it used;
/// - `<file>.<sha8>.回执.json`: this version's receipt, never replaced by a
///   later version's; renamed into place last, so it marks the receipts complete.
struct ReceiptPublisher: Sendable {
    let catalog: Catalog
    let outbox: OutboxLayout

    /// The receipt of a recorded version, from the ledger as `ledger` sees it.
    func receipt(for version: VersionRecord, in ledger: LedgerReader) throws -> VersionReceipt {
        let issues = try ledger.issues(versionId: version.id)
        let duplicateOf = try duplicateOf(version, in: ledger)
        let outcome: Receipt.Outcome =
            switch version.status {
            case .rejected: .rejected
            case .superseded: .superseded
            case .accepted: duplicateOf == nil ? .accepted : .duplicate
            }
        let corrects = version.status == .rejected ? [] : try ledger.replaced(by: version.id)
        let replacedBy = try ledger.replacements(of: version.id)
        var seen = Set<String>()
        let correctedMonths = corrects.filter { seen.insert("\($0.period)|\($0.olderPath)").inserted }
        // One figure for each of its observations: their number needs no query of its own.
        let figures = version.status == .rejected ? [] : try figures(of: version, replacing: corrects, in: ledger)
        return VersionReceipt(
            submitter: version.submitter,
            receipt: Receipt(
                fileName: InboxFile.fileName(of: version.path), path: version.path,
                region: .init(
                    code: version.submitter.region, name: catalog.region(code: version.submitter.region)?.name),
                department: .init(
                    code: version.submitter.department,
                    name: catalog.department(code: version.submitter.department)?.name),
                receivedAt: version.receivedAt, sha256: version.sha256, size: version.size, outcome: outcome,
                periods: version.periods.map(\.description),
                observations: figures.count, duplicateOf: duplicateOf, issues: issues, figures: figures,
                corrects: correctedMonths.map {
                    .init(period: $0.period.description, path: $0.olderPath, receivedAt: $0.olderReceivedAt)
                },
                replacedBy: replacedBy.map {
                    .init(period: $0.period.description, path: $0.newerPath, receivedAt: $0.newerReceivedAt)
                }),
            isLatestAtPath: try ledger.latestVersionId(path: version.path) == version.id)
    }

    /// The path of the submitter's earliest version of this content in this
    /// format, when that is at another path: this version is a copy of it,
    /// counted once. The format counts because a name decides how some bytes
    /// are read (two empty files, .csv and .xlsx, are not copies of each other).
    func duplicateOf(_ version: VersionRecord, in ledger: LedgerReader) throws -> String? {
        let format = InboxFile.format(of: version.path)
        // The earliest is this version or one before it.
        let earliest = try ledger.versionPaths(
            sha256: version.sha256, submitter: version.submitter, through: version.id
        )
        .first { InboxFile.format(of: $0.path) == format }
        return earliest.flatMap { $0.id < version.id && $0.path != version.path ? $0.path : nil }
    }

    /// The version's figures, each beside the figure of the same region,
    /// indicator and month in the earlier file it replaced.
    private func figures(of version: VersionRecord, replacing corrects: [Replacement], in ledger: LedgerReader) throws
        -> [Receipt.Figure]
    {
        var previous: [String: (value: Double, path: String)] = [:]
        for (olderId, replacements) in Dictionary(grouping: corrects, by: \.olderVersionId) {
            let months = Set(replacements.map(\.period))
            for old in try ledger.observations(versionId: olderId) where months.contains(old.period) {
                previous["\(old.region)|\(old.indicator)|\(old.period)"] = (old.value, replacements[0].olderPath)
            }
        }
        return try ledger.observations(versionId: version.id).map { figure in
            let before = previous["\(figure.region)|\(figure.indicator)|\(figure.period)"]
            return Receipt.Figure(
                period: figure.period.description, region: figure.region, indicator: figure.indicator,
                value: figure.value, unit: catalog.indicator(code: figure.indicator)?.unit, sheet: figure.sheet,
                cell: figure.cell, writtenValue: figure.writtenValue, writtenUnit: figure.writtenUnit,
                previous: before?.value, previousPath: before?.path,
                change: before == nil ? .new : before!.value == figure.value ? .unchanged : .changed)
        }
    }

    /// Stages the version's receipts: the latest pair into `latest`, its
    /// history copy into `history`, which the caller publishes after
    /// `latest`: a history copy on disk says the pair is there too. `json`
    /// is the receipt's document (`ReceiptJSON.encode`), encoded by the caller
    /// where the receipt was built.
    func stage(_ version: VersionReceipt, json: Data, latest: StagedFiles, history: StagedFiles) throws {
        let (receipt, region, department) = (version.receipt, version.submitter.region, version.submitter.department)
        if version.isLatestAtPath {
            try latest.write(to: outbox.receipt(region: region, department: department, fileName: receipt.fileName)) {
                try ReceiptWorkbook.write(receipt, into: $0)
            }
            try latest.write(
                json,
                to: outbox.receipt(
                    region: region, department: department,
                    fileName: receipt.fileName, extension: "json"))
        }
        try history.write(
            json,
            to: historyPath(
                submitter: version.submitter, fileName: receipt.fileName,
                sha256: receipt.sha256 ?? ""))
    }

    private func historyPath(submitter: Submitter, fileName: String, sha256: String) -> String {
        outbox.receiptHistory(
            region: submitter.region, department: submitter.department, fileName: fileName, sha256: sha256)
    }

    /// Writes the receipt of a file outside any submitter's folder, unless
    /// the same one is there: `receipts/_misplaced/<path>.回执.xlsx`/`.json`.
    /// Returns whether anything was written.
    @discardableResult
    func publishMisplaced(path: String, size: Int64, modified: Date) throws -> Bool {
        try publishUnread(
            path: path, size: size, modified: modified, outcome: .misplaced, advice: advice(forMisplaced: path),
            at: { outbox.misplacedReceipt(path: path, extension: $0) })
    }

    /// Writes the receipt of an entry that is not read (a link, a FIFO, a
    /// folder whose name is not UTF-8), saying why, unless the same one is there:
    /// beside the submitter's other receipts when it sits in a submitter's
    /// folder, else under `receipts/_misplaced/`. Returns whether anything was written.
    @discardableResult
    func publishRefused(_ entry: RefusedEntry) throws -> Bool {
        let folders = entry.path.split(separator: "/").map(String.init)
        return try publishUnread(
            path: entry.path, size: entry.size, modified: entry.modified, outcome: .notRead,
            advice: entry.reason.advice,
            at: { ext in
                folders.count == 3
                    ? outbox.receipt(region: folders[0], department: folders[1], fileName: folders[2], extension: ext)
                    : outbox.misplacedReceipt(path: entry.path, extension: ext)
            })
    }

    /// The receipt of a file that is not read, at `receiptPath(extension)`.
    /// Its date is the file's modification time, so an unchanged file keeps
    /// the same receipt night after night.
    private func publishUnread(
        path: String, size: Int64, modified: Date, outcome: Receipt.Outcome, advice: String,
        at receiptPath: (String) -> String
    ) throws -> Bool {
        let receipt = Receipt(
            fileName: InboxFile.fileName(of: path), path: path, region: nil, department: nil,
            receivedAt: Date(timeIntervalSince1970: modified.timeIntervalSince1970.rounded(.down)), sha256: nil,
            size: size, outcome: outcome, periods: [], observations: 0, advice: advice, issues: [])
        let json = try ReceiptJSON.encode(receipt)
        let jsonPath = receiptPath("json")
        guard FileManager.default.contents(atPath: jsonPath) != json else { return false }
        try ReceiptWorkbook.write(receipt, to: receiptPath("xlsx"))
        try AtomicFile.write(json, to: jsonPath)
        return true
    }

    /// Where a misplaced file belongs, in a sentence for its sender: its
    /// folders read as codes or as the names people write (东昌府区/商务局/).
    func advice(forMisplaced path: String) -> String {
        let folders = path.split(separator: "/").dropLast().map(String.init)
        let example = "例如 Inbox/\(catalog.regions.first { $0.level == .county }?.code ?? "370829")/commerce/"
        guard !folders.isEmpty else {
            return "请放到 Inbox/<地区代码>/<部门代码>/ 文件夹中（\(example)），地区代码见 Schemas/regions/，部门代码见 Schemas/departments.yaml。"
        }
        let meaning = SubmitterFolders(catalog: catalog).meaning(of: folders)
        let named = folders.prefix(2).joined(separator: "/")
        // The folders' own words, when they are names rather than codes.
        let byName =
            meaning.regions.count == 1 && meaning.regions[0].code != folders[0]
            || meaning.department.map { $0.code != folders[min(1, folders.count - 1)] } == true
        let why =
            folders.count > 2
            ? "子文件夹中的文件不会被读取。" : byName ? "文件夹要用代码命名，不用中文名称（“\(named)”）。" : ""
        switch (meaning.regions.count, meaning.department) {
        case (1, let department?):
            let region = meaning.regions[0]
            return why + "请放到 Inbox/\(region.code)/\(department.code)/ 文件夹中（\(region.name)\(department.name)）。"
        case (1, nil):
            let region = meaning.regions[0]
            let unknown = folders.count >= 2 ? "“\(folders[1])”不是部门代码或名称。" : ""
            return why + unknown
                + "请放到 Inbox/\(region.code)/<部门代码>/ 文件夹中（\(region.name)），部门代码见 Schemas/departments.yaml（如 commerce 商务局）。"
        case (0, let department?):
            let unknown = folders.count >= 2 ? "“\(folders[0])”不是地区代码或名称。" : ""
            return why + unknown
                + "请放到 Inbox/<地区代码>/\(department.code)/ 文件夹中（\(department.name)），地区代码见 Schemas/regions/。"
        case (0, nil):
            return "“\(named)”不是地区代码或部门代码。请放到 Inbox/<地区代码>/<部门代码>/ 文件夹中（\(example)）。"
        case (_, let department):
            let choices = meaning.regions.map { "\($0.code) \($0.name)" }.joined(separator: "、")
            return why + "“\(folders[0])”对应多个地区（\(choices)），请选用其中本单位的代码："
                + "Inbox/<地区代码>/\(department?.code ?? "<部门代码>")/。"
        }
    }
}

/// A version's receipt and the submitter whose folder it goes in.
struct VersionReceipt: Sendable {
    var submitter: Submitter
    var receipt: Receipt
    /// False for an older version's receipt issued again (a later file
    /// replaced its months) after its path got new content: only its
    /// history copy is written, the latest pair belongs to the new content.
    var isLatestAtPath = true
}
