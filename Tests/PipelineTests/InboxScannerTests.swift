import Foundation
import Testing

@testable import Pipeline

@Suite struct InboxScannerTests {
    @Test func classifiesWhatTheInboxHolds() throws {
        let inbox = FileManager.default.temporaryDirectory.appendingPathComponent("inbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: inbox) }
        func put(_ path: String, age: TimeInterval = 3600) throws {
            let url = inbox.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: url.path)
        }
        try put("README.md")
        try put("371502/commerce/2026-10.xlsx")
        try put("371502/commerce/~$2026-10.xlsx")
        try put("371502/commerce/upload.csv.part")
        try put("371502/commerce/.hidden.csv")
        try put("371502/commerce/copying.xml", age: 5)
        try put("371502/report.csv")
        try put("loose.xlsx")
        try put("371502/commerce/old/2026-09.xlsx")
        try put("371502/.sync/state.csv")
        // A link is passed over, whatever it points to.
        try FileManager.default.createSymbolicLink(
            atPath: inbox.appendingPathComponent("371502/commerce/link.xlsx").path,
            withDestinationPath: inbox.appendingPathComponent("loose.xlsx").path)

        let scan = try InboxScanner(root: inbox, settlingInterval: 60).scan(now: Date())
        #expect(scan.submissions.map(\.relativePath) == ["371502/commerce/2026-10.xlsx"])
        #expect(scan.submissions.first?.region == "371502")
        #expect(scan.submissions.first?.department == "commerce")
        #expect(scan.submissions.first?.size == 1)
        #expect(
            scan.submissions.first?.modified
                == (try FileManager.default.attributesOfItem(
                    atPath: inbox.appendingPathComponent("371502/commerce/2026-10.xlsx").path)[.modificationDate]
                    as? Date))
        #expect(scan.misplaced == ["371502/commerce/old/2026-09.xlsx", "371502/report.csv", "loose.xlsx"])
        #expect(scan.settling == ["371502/commerce/copying.xml"])
        // A hidden folder is listed, not entered.
        #expect(
            scan.ignored == [
                "371502/.sync", "371502/commerce/.hidden.csv", "371502/commerce/upload.csv.part",
                "371502/commerce/~$2026-10.xlsx", "README.md",
            ])

        // A settling interval of 0 (the tests' setting) takes every file.
        #expect(try InboxScanner(root: inbox, settlingInterval: 0).scan(now: Date()).submissions.count == 2)
    }
}
