import Foundation
import Testing

@testable import Pipeline

/// The run summary is written by hand (`RunSummaryJSON`); these tests hold
/// it to the bytes JSONEncoder gave `RunSummary` with the options it was
/// written with, for every field shape and for the summaries of real runs.
@Suite struct RunSummaryJSONTests {
    static func encoded(_ summary: RunSummary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(summary)
    }

    static func expectSameBytes(_ summary: RunSummary) throws {
        let (written, encoded) = (try RunSummaryJSON.encode(summary), try Self.encoded(summary))
        #expect(
            written == encoded,
            "\(String(decoding: written, as: UTF8.self))\n---\n\(String(decoding: encoded, as: UTF8.self))")
    }

    @Test func anEmptySummaryIsTheEncodersBytes() throws {
        try Self.expectSameBytes(RunSummary(runId: 1, startedAt: "", finishedAt: "", seen: 0))
    }

    @Test func everyFieldShapeIsTheEncodersBytes() throws {
        var summary = RunSummary(
            runId: 1_234_567_890_123, startedAt: "2026-12-02T03:00:00Z", finishedAt: "2026-12-02T03:00:02Z",
            seen: 90_600)
        let odd = "370829/商务局/a \"b\" \\ c/\t\n\u{1}é😀.xlsx"
        summary.accepted = ["370829/commerce/2025-03.csv", odd]
        summary.rejected = ["370829/transport/2025-03.csv"]
        summary.duplicates = [odd]
        summary.unchanged = (0..<300).map { "3708\($0)/commerce/2025-\($0 % 12 + 1).xlsx" }
        summary.receiptsRepaired = ["a/b/c.csv"]
        summary.skipped = ["a/b/d.csv"]
        summary.settling = ["a/b/e.csv"]
        summary.misplaced = ["f.csv", "a/g.csv"]
        summary.ignored = ["a/b/~$h.xlsx", "a/b/.lock"]
        summary.refused = ["a/b/link.csv: link", "a/b/%FF.csv: name-not-utf8"]
        summary.receiptsNotWritten = ["a/b/c.csv: 回执未写出 receipt not written: No space left on device"]
        summary.superseded = [.init(path: "a/b/old.csv", period: "2025-03", by: "a/b/new.csv")]
        summary.problems = ["stage rollup: 失败 failed", ""]
        summary.failure = "run: \(odd)"
        summary.uncorrected = [
            .init(
                path: "a/b/c.csv", receivedAt: "2025-04-01T00:00:00Z", reason: "type-error 单元格 D6：不是数", tonight: true),
            .init(path: "a/b/d.csv", receivedAt: "2025-04-02T00:00:00Z", reason: nil, tonight: false),
        ]
        summary.stageSeconds = [
            "scan": 0.25, "hash": 1.0 / 3, "intake": 12.5, "archive": 0, "ledger": 1e-7, "receipts": 123_456.789,
            "rollup": 3,
        ]
        try Self.expectSameBytes(summary)
    }

    @Test func theSummariesOfRealRunsAreTheEncodersBytes() throws {
        let fixture = try DeploymentFixture()
        try fixture.put(NightlyRunTests.commerce, rows: ["370829,nev_stock,2025-03,100,,"])
        try fixture.put(NightlyRunTests.transport, rows: ["370829,new_buses,2025-03,abc,,"])
        try fixture.put("misplaced.csv", rows: [])
        let first = try fixture.nightlyRun().run(now: Date())
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.path)) == Self.encoded(first.summary))
        try fixture.put(NightlyRunTests.commerce, rows: ["370829,nev_stock,2025-03,120,,"], minute: 1)
        let second = try fixture.nightlyRun().run(now: Date())
        #expect(!second.summary.superseded.isEmpty && !second.summary.uncorrected.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: second.path)) == Self.encoded(second.summary))
    }
}
