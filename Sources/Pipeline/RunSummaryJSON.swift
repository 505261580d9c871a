import Foundation
import Reports
import Sheets

/// The run summary's file (`Outbox/runs/<timestamp>-<run id>.json`):
/// `RunSummary`'s synthesized Encodable as JSONEncoder wrote it, pretty,
/// keys sorted, slashes plain, byte for byte, but written by hand
/// (`DocumentJSONPrettyWriter`): the encoder was a fifteenth of a quiet
/// re-run of a province, for its 90,600 `unchanged` paths.
/// `RunSummaryJSONTests` holds the two together.
enum RunSummaryJSON {
    static func encode(_ summary: RunSummary) throws -> Data {
        let collected = DataSink()
        let stream = ByteStream(sink: collected)
        try write(summary, to: DocumentJSONPrettyWriter(stream: stream))
        try stream.flush()
        return collected.data
    }

    /// The summary's fields under their Codable names, in sorted order, nil ones left out.
    static func write(_ summary: RunSummary, to json: DocumentJSONPrettyWriter) throws {
        try json.object { members in
            try strings("accepted", summary.accepted, in: &members)
            try strings("duplicates", summary.duplicates, in: &members)
            try members.field("failure", summary.failure)
            try members.field("finishedAt", summary.finishedAt)
            try strings("ignored", summary.ignored, in: &members)
            try strings("misplaced", summary.misplaced, in: &members)
            try strings("problems", summary.problems, in: &members)
            try strings("receiptsNotWritten", summary.receiptsNotWritten, in: &members)
            try strings("receiptsRepaired", summary.receiptsRepaired, in: &members)
            try strings("refused", summary.refused, in: &members)
            try strings("rejected", summary.rejected, in: &members)
            try members.field("runId", Int(summary.runId))
            try members.field("seen", summary.seen)
            try strings("settling", summary.settling, in: &members)
            try strings("skipped", summary.skipped, in: &members)
            try members.numbers("stageSeconds", summary.stageSeconds)
            try members.field("startedAt", summary.startedAt)
            try members.array("superseded") { elements in
                for period in summary.superseded {
                    try elements.object { members in
                        try members.field("by", period.by)
                        try members.field("path", period.path)
                        try members.field("period", period.period)
                    }
                }
            }
            try strings("unchanged", summary.unchanged, in: &members)
            try members.array("uncorrected") { elements in
                for file in summary.uncorrected {
                    try elements.object { members in
                        try members.field("path", file.path)
                        try members.field("reason", file.reason)
                        try members.field("receivedAt", file.receivedAt)
                        try members.field("tonight", file.tonight)
                    }
                }
            }
        }
    }

    private static func strings(
        _ key: StaticString, _ values: [String], in members: inout DocumentJSONPrettyWriter.Members
    ) throws {
        try members.array(key) { elements in
            for value in values { try elements.string(value) }
        }
    }
}
