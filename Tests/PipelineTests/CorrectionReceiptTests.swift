import Foundation
import Intake
import Outbox
import Reports
import Testing
import Vocabulary

@testable import Pipeline

/// A correction across a quarterly file, as department staff make one:
/// October reported in `2026-Q4.csv`, then last month's template (period
/// 2026-10) filled again and dropped as `2026-11(1).xlsx`. The new receipt
/// says it is a correction, what it replaced (old → new, which file) and
/// that its name disagrees with its content; the quarterly file's receipt
/// is issued again saying October was replaced, and by what.
@Suite struct CorrectionReceiptTests {
    /// Reports read as in December 2026.
    static let reader = SubmissionReader(catalog: DeploymentFixture.catalog, today: Period("2026-12")!)

    @Test func aCorrectionSaysWhatItReplacedAndTheReplacedFileIsToldBy() throws {
        let fixture = try DeploymentFixture()
        let template = try FormTemplate(
            catalog: DeploymentFixture.catalog, region: "370829", department: "commerce",
            period: Period("2026-10")!)
        let codes = template.rows.map(\.code)
        #expect(codes.contains("nev_stock") && codes.count > 2)
        try fixture.put(
            "370829/commerce/2026-Q4.csv",
            rows: codes.map { code in
                "370829,\(code),2026-10,\(code == "nev_stock" ? 36310 : 10),,"
            })
        try fixture.run(intake: Self.reader)

        let form = fixture.root.appendingPathComponent("Inbox/370829/commerce/2026-11(1).xlsx").path
        try template.write(
            to: form,
            entries: Dictionary(
                uniqueKeysWithValues: codes.map { code in
                    (code, FormTemplate.Entry(value: code == "nev_stock" ? 99999 : 10))
                }))
        try FileManager.default.setAttributes(
            [.modificationDate: DeploymentFixture.epoch.addingTimeInterval(86_400)],
            ofItemAtPath: form)
        let second = try fixture.run(intake: Self.reader)
        #expect(second.accepted == ["370829/commerce/2026-11(1).xlsx"])

        let layout = fixture.deployment.outbox
        func receipt(_ name: String) throws -> Receipt {
            try ReceiptJSON.decode(
                Data(
                    contentsOf: URL(
                        fileURLWithPath: layout.receipt(
                            region: "370829", department: "commerce", fileName: name, extension: "json"))))
        }
        let correction = try receipt("2026-11(1).xlsx")
        #expect(correction.outcome == .accepted && correction.periods == ["2026-10"])
        #expect(correction.corrects.map(\.path) == ["370829/commerce/2026-Q4.csv"])
        #expect(correction.corrects.map(\.period) == ["2026-10"])
        let stock = try #require(correction.figures.first { $0.indicator == "nev_stock" })
        #expect(stock.change == .changed && stock.previous == 36310 && stock.value == 99999)
        #expect(stock.previousPath == "370829/commerce/2026-Q4.csv")
        // Where it was read, for the receipt's 导入明细: the template's value cell, as written, in 辆.
        #expect(stock.cell == "D8" && stock.sheet != nil && stock.writtenValue == "99999" && stock.unit == "辆")
        #expect(correction.figures.filter { $0.change == .unchanged }.count == codes.count - 1)
        #expect(
            correction.summaryChinese.contains(
                "这是更正：替换了 2026-Q4.csv 的 2026-10 数据；数值改变 1 条（nev_stock 2026-10：36310 → 99999），未变 \(codes.count - 1) 条，新增 0 条。"
            ))
        let mismatch = try #require(correction.issues.first { $0.code == "period-name-mismatch" })
        #expect(mismatch.severity == .warning)
        #expect(mismatch.messageZh.hasPrefix("文件名“2026-11(1).xlsx”写的是 2026-11，表内数据是 2026-10 的。"))

        let quarterly = try receipt("2026-Q4.csv")
        #expect(quarterly.outcome == .superseded)
        #expect(quarterly.replacedBy.map(\.path) == ["370829/commerce/2026-11(1).xlsx"])
        #expect(
            quarterly.summaryChinese.hasPrefix("曾受理；2026-10 已被 2026-11(1).xlsx（")
                && quarterly.summaryChinese.hasSuffix("收到）替换，不再计入。"))
        // Its history copy says the same: the version's receipt, issued again.
        let sha = try #require(
            try fixture.ledger().read { try $0.versions(path: "370829/commerce/2026-Q4.csv") }.first?.sha256)
        let history = try ReceiptJSON.decode(
            Data(
                contentsOf: URL(
                    fileURLWithPath: layout.receiptHistory(
                        region: "370829", department: "commerce", fileName: "2026-Q4.csv", sha256: sha))))
        #expect(history == quarterly)
        // Nothing left behind: every staged receipt was published or removed.
        let leftovers =
            FileManager.default.enumerator(atPath: layout.root)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".tmp") } ?? []
        #expect(leftovers.isEmpty)
    }

    /// Both in one night, one batch: the quarterly file's receipt is staged
    /// twice (accepted, then replaced) and the later one is what is published.
    @Test func inOneBatchTheReplacedFilesReceiptIsTheLaterOne() throws {
        let fixture = try DeploymentFixture()
        try fixture.put("370829/commerce/2026-Q4.csv", rows: ["370829,nev_stock,2026-10,36310,,"], minute: 0)
        try fixture.put("370829/commerce/2026-10-更正.csv", rows: ["370829,nev_stock,2026-10,36500,,"], minute: 5)
        let summary = try fixture.run(intake: Self.reader)
        #expect(summary.accepted.count == 2)
        let quarterly = try ReceiptJSON.decode(
            Data(
                contentsOf: URL(
                    fileURLWithPath: fixture.deployment.outbox.receipt(
                        region: "370829", department: "commerce", fileName: "2026-Q4.csv", extension: "json"))))
        #expect(
            quarterly.outcome == .superseded && quarterly.replacedBy.map(\.path) == ["370829/commerce/2026-10-更正.csv"])
        let correction = try ReceiptJSON.decode(
            Data(
                contentsOf: URL(
                    fileURLWithPath: fixture.deployment.outbox.receipt(
                        region: "370829", department: "commerce", fileName: "2026-10-更正.csv", extension: "json"))))
        #expect(correction.figures.map(\.change) == [.changed] && correction.figures.first?.previous == 36310)
        #expect(!correction.issues.contains { $0.code == "period-name-mismatch" })
    }
}
