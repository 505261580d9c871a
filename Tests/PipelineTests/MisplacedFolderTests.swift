import Foundation
import Reports
import Testing

@testable import Pipeline

/// Folders named the way people name them by hand (东昌府区/商务局/) are no
/// submitter's: the file is misplaced, never read as a report of a region
/// “东昌府区”, and its receipt says which folder it belongs in.
@Suite struct MisplacedFolderTests {
    static let row = "371502,nev_stock,2025-03,100,,"

    @Test func chineseFolderNamesAreMisplacedAndToldTheirCodes() throws {
        let fixture = try DeploymentFixture()
        let advice = [
            "东昌府区/商务局/2025-03.csv":
                "文件夹要用代码命名，不用中文名称（“东昌府区/商务局”）。请放到 Inbox/371502/commerce/ 文件夹中（东昌府区商务局）。",
            "371502/商务局/2025-03.csv":
                "文件夹要用代码命名，不用中文名称（“371502/商务局”）。请放到 Inbox/371502/commerce/ 文件夹中（东昌府区商务局）。",
            "东昌府区商促局/2025-03.csv":
                "文件夹要用代码命名，不用中文名称（“东昌府区商促局”）。请放到 Inbox/371502/commerce/ 文件夹中（东昌府区商务局）。",
            "冠县/2025-03.csv":
                "文件夹要用代码命名，不用中文名称（“冠县”）。请放到 Inbox/371525/<部门代码>/ 文件夹中（冠县），部门代码见 Schemas/departments.yaml（如 commerce 商务局）。",
            "999999/commerce/2025-03.csv":
                "“999999”不是地区代码或名称。请放到 Inbox/<地区代码>/commerce/ 文件夹中（商务局），地区代码见 Schemas/regions/。",
            "371502/commerce/旧/2025-03.csv": "子文件夹中的文件不会被读取。请放到 Inbox/371502/commerce/ 文件夹中（东昌府区商务局）。",
        ]
        for path in advice.keys { try fixture.put(path, rows: [Self.row]) }
        try fixture.put("371502/commerce/2025-03.csv", rows: [Self.row])

        let summary = try fixture.run()
        #expect(summary.misplaced == advice.keys.sorted())
        #expect(summary.accepted == ["371502/commerce/2025-03.csv"] && summary.rejected.isEmpty)
        for (path, expected) in advice {
            let receipt = try ReceiptJSON.decode(
                try Data(
                    contentsOf: URL(
                        fileURLWithPath: fixture.deployment.outbox.misplacedReceipt(path: path, extension: "json"))))
            #expect(receipt.outcome == .misplaced, "\(path)")
            #expect(receipt.advice == expected, "\(path)")
        }
    }

    /// The scanner takes any `<region>/<department>/` folder unless it is
    /// given the catalog's submitters.
    @Test func theScannerKnowsSubmittersOnlyFromTheCatalog() throws {
        let fixture = try DeploymentFixture()
        try fixture.put("东昌府区/商务局/2025-03.csv", rows: [Self.row])
        try fixture.put("371502/commerce/2025-03.csv", rows: [Self.row])
        let inbox = fixture.deployment.inbox
        #expect(try InboxScanner(root: inbox, settlingInterval: 0).scan(now: Date()).submissions.count == 2)
        let scan = try InboxScanner(
            root: inbox, settlingInterval: 0, folders: SubmitterFolders(catalog: DeploymentFixture.catalog)
        ).scan(now: Date())
        #expect(scan.submissions.map(\.relativePath) == ["371502/commerce/2025-03.csv"])
        #expect(scan.misplaced == ["东昌府区/商务局/2025-03.csv"])
    }
}
