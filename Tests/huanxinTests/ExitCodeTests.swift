import Foundation
import Testing

/// Real command lines and the exit statuses the README documents.
@Suite struct ExitCodeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func versionIsPrinted() throws {
        guard let huanxin = HuanxinProcess() else { return }
        let outcome = try huanxin.run(["--version"])
        #expect(outcome.status == 0 && outcome.stdout.wholeMatch(of: /\d+\.\d+\.\d+\n/) != nil)
    }

    /// The listings Inbox/README promises: the folder names a submitter uses.
    @Test func regionsAndDepartmentsAreListed() throws {
        guard let huanxin = HuanxinProcess() else { return }
        let regions = try huanxin.run(["schemas", "regions", "--within", "聊城市", "--root", Self.root.path])
        #expect(regions.status == 0)
        let lines = regions.stdout.split(separator: "\n")
        #expect(lines.first == "code,name,level,parent_code,parent_name")
        #expect(lines.contains("371525,冠县,county,371500,聊城市") && lines.contains { $0.hasPrefix("371500-L01,") })
        #expect(!lines.contains { $0.hasPrefix("370829,") })
        let departments = try huanxin.run(["schemas", "departments", "--root", Self.root.path]).stdout.split(
            separator: "\n")
        #expect(departments.first == "code,name,english,levels,frequency,frequencies,indicators")
        #expect(
            departments.contains { $0.hasPrefix("transport,交通运输局,Bureau of Transport,city;county;local,monthly,,") })
    }

    @Test func usageErrorsExit64() throws {
        guard let huanxin = HuanxinProcess() else { return }
        let outcome = try huanxin.run(["status", "--period", "2025-13", "--root", Self.root.path])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("--period"))
    }

    @Test func unknownCityIsAUsageError() throws {
        guard let huanxin = HuanxinProcess() else { return }
        // The repository's Schemas/ without its Outbox/: a ledger left by `make run` is no part of this test.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("Schemas"),
            withDestinationURL: Self.root.appendingPathComponent("Schemas"))
        let outcome = try huanxin.run(["status", "--city", "999999", "--root", root.path])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("未知地区 unknown region: 999999"))
    }

    @Test func aBrokenCatalogExits2WithEveryError() throws {
        guard let huanxin = HuanxinProcess() else { return }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: empty.appendingPathComponent("Schemas"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let outcome = try huanxin.run(["status", "--root", empty.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("目录有"))
    }

    @Test func catOfAMissingFileExits2NamingIt() throws {
        guard let huanxin = HuanxinProcess() else { return }
        let outcome = try huanxin.run(["cat", "/nonexistent/报表.xlsx"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("huanxin cat: 无法读取 cannot read"))
        #expect(outcome.stderr.contains("/nonexistent/报表.xlsx"))
    }

    @Test func templateForAnUnknownDepartmentIsRefusedWith3() throws {
        guard let huanxin = HuanxinProcess() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try huanxin.run(
            [
                "template", "--root", Self.root.path, "--region", "370829",
                "--department", "nosuch", "--period", "2026-10",
            ], in: folder)
        #expect(outcome.status == 3)
        #expect(outcome.stderr.contains("unknown-department"))
    }

    @Test func templateWritesTheFormOfTheMonthAsked() throws {
        guard let huanxin = HuanxinProcess() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try huanxin.run(
            [
                "template", "--root", Self.root.path, "--region", "370829",
                "--department", "commerce", "--period", "2026/10",
            ], in: folder)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("已生成 Written: 370829-commerce-2026-10.xlsx — 嘉祥县商务局 2026-10"))
        #expect(
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("370829-commerce-2026-10.xlsx").path))
    }
}
