import Foundation
import Outbox
import Testing

@testable import Pipeline

/// The day's log of upload runs: one JSON line a run, in the office's day.
@Suite struct UploadRunLogTests {
    let outbox = OutboxLayout(
        root: FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-uploadlog-\(UUID().uuidString)")
            .path)

    func summary(_ id: Int64, accepted: [String]) -> RunSummary {
        var summary = RunSummary(runId: id, startedAt: "t", finishedAt: "t", seen: accepted.count)
        summary.accepted = accepted
        return summary
    }

    @Test func theDayIsTheOfficesNotUTC() {
        // 2026-11-30 17:30 UTC is 2026-12-01 01:30 in Beijing.
        #expect(UploadRunLog.day(of: Date(timeIntervalSince1970: 1_796_059_800)) == "20261201")
        #expect(UploadRunLog.day(of: Date(timeIntervalSince1970: 1_796_059_800 - 3 * 3600)) == "20261130")
    }

    @Test func runsOfADayAreLinesOfOneFileAndALineCutByACrashStaysAlone() throws {
        defer { try? FileManager.default.removeItem(atPath: outbox.root) }
        let log = UploadRunLog(outbox: outbox)
        let noon = Date(timeIntervalSince1970: 1_796_097_600)  // 2026-12-01 12:00 Beijing
        let path = try log.append(summary(1, accepted: ["371502/commerce/a.csv"]), at: noon)
        #expect(path == outbox.root + "/runs/20261201-uploads.jsonl")
        // A crash in the middle of the next line's write.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"runId\":2,\"acc".utf8))
        try handle.close()
        #expect(
            try log.append(summary(3, accepted: ["371502/commerce/b.csv"]), at: noon.addingTimeInterval(60)) == path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(lines[1] == "{\"runId\":2,\"acc")
        let runs = try [lines[0], lines[2]].map { try JSONDecoder().decode(RunSummary.self, from: Data($0.utf8)) }
        #expect(runs.map(\.runId) == [1, 3])
        #expect(runs.map(\.accepted) == [["371502/commerce/a.csv"], ["371502/commerce/b.csv"]])
        // The next day starts its own file.
        let tomorrow = try log.append(summary(4, accepted: []), at: noon.addingTimeInterval(86_400))
        #expect(tomorrow == outbox.root + "/runs/20261202-uploads.jsonl")
    }
}
