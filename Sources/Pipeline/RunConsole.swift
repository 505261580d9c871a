import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `huanxin run` prints, by where it prints to:
/// - on a terminal, a progress bar, then the summary (no line per file);
/// - otherwise (cron, a pipe) one log line per rejected or misplaced file
///   on standard error, then the summary;
/// - `--quiet`: only problems (rejected, misplaced, errors) and the summary line;
/// - `--log-format json`: log lines and the summary as JSON objects.
/// The summary names every file rejected tonight and counts those of
/// earlier nights still uncorrected (仍待更正).
public struct RunConsole: Sendable {
    public enum Mode: String, Sendable {
        case terminal, plain, quiet
    }

    public let mode: Mode
    public let format: ConsoleLogging.Format

    public init(mode: Mode, format: ConsoleLogging.Format) {
        self.mode = mode
        self.format = format
    }

    /// Terminal when standard output is one, unless quiet.
    public init(quiet: Bool, format: ConsoleLogging.Format) {
        self.init(mode: quiet ? .quiet : isatty(STDOUT_FILENO) == 1 ? .terminal : .plain, format: format)
    }

    /// The progress bar, drawn on a terminal only (never in JSON).
    public var progress: RunProgress { RunProgress(enabled: mode == .terminal && format == .text) }

    /// The log lines shown: problems (notice: a rejected or misplaced file)
    /// and up, except on a terminal, where the summary names them.
    public var logLevel: Logger.Level { mode == .terminal && format == .text ? .warning : .notice }

    /// The summary printed on standard output at the end of the run.
    public func summary(_ summary: RunSummary, path: String, rollups: String) -> String {
        switch format {
        case .json: return jsonSummary(summary, path: path)
        case .text: return textSummary(summary, path: path, rollups: rollups)
        }
    }

    /// `收到 seen 1403  受理 accepted 1400  退回 rejected 3  仍待更正 still to correct 2  …`
    static func countLine(_ summary: RunSummary) -> String {
        [
            ("收到 seen", summary.seen), ("受理 accepted", summary.accepted.count), ("退回 rejected", summary.rejected.count),
            ("仍待更正 still to correct", summary.uncorrectedFromEarlier.count), ("未变 unchanged", summary.unchanged.count),
            ("跳过 skipped", summary.skipped.count), ("未稳定 settling", summary.settling.count),
            ("位置错误 misplaced", summary.misplaced.count), ("未读取 not read", summary.refused.count),
        ]
        .map { "\($0.0) \($0.1)" }.joined(separator: "  ")
    }

    private func textSummary(_ summary: RunSummary, path: String, rollups: String) -> String {
        var lines = [Self.countLine(summary)]
        guard mode != .quiet else { return lines[0] }
        let reasons = Dictionary(summary.uncorrected.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        if !summary.rejected.isEmpty {
            lines.append("本次退回 rejected tonight:")
            lines += summary.rejected.map { path in
                switch reasons[path] {
                case .some(let reason?): "  \(path) — \(reason)"
                case .some(nil): "  \(path)"
                case nil: "  \(path) — 已更正 corrected tonight"
                }
            }
        }
        let earlier = summary.uncorrectedFromEarlier
        if !earlier.isEmpty {
            lines.append("仍待更正（此前退回）still to correct from earlier nights:")
            lines += earlier.map { file in
                let day =
                    (try? Date(file.receivedAt, strategy: .iso8601)).map(ProgrammeCalendar.dayText) ?? file.receivedAt
                return "  \(file.path)（\(day) 收到）" + (file.reason.map { " — \($0)" } ?? "")
            }
        }
        if !summary.misplaced.isEmpty {
            lines.append("位置错误 misplaced (receipts in Outbox/receipts/_misplaced/):")
            lines += summary.misplaced.map { "  \($0)" }
        }
        lines.append("运行记录 Run summary: \(path)")
        lines.append("汇总表 Roll-ups: \(rollups)")
        return lines.joined(separator: "\n")
    }

    private func jsonSummary(_ summary: RunSummary, path: String) -> String {
        struct Line: Encodable {
            var event = "summary"
            var seen: Int
            var accepted: Int
            var rejected: [String]
            var uncorrected: [RunSummary.Uncorrected]
            var unchanged: Int
            var skipped: [String]
            var settling: Int
            var misplaced: [String]
            var problems: [String]
            var summary: String
        }
        let line = Line(
            seen: summary.seen, accepted: summary.accepted.count, rejected: summary.rejected,
            uncorrected: summary.uncorrected, unchanged: summary.unchanged.count, skipped: summary.skipped,
            settling: summary.settling.count, misplaced: summary.misplaced, problems: summary.problems,
            summary: path)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(line), as: UTF8.self)) ?? "{}"
    }
}
