import Foundation
import Logging

/// Sends swift-log's messages to standard error, one line each: as text
/// (`2026-12-01T02:30:05Z notice 文件退回 file rejected path=…`) or, for
/// machines, as one JSON object a line. The bootstrap may happen once per
/// process, so a surface calls this once, first.
public enum ConsoleLogging {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public static func bootstrap(level: Logger.Level, format: Format) {
        LoggingSystem.bootstrap { label in ConsoleLogHandler(label: label, level: level, format: format) }
    }
}

/// One line per message on standard error, metadata sorted by key.
struct ConsoleLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    let format: ConsoleLogging.Format
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level, format: ConsoleLogging.Format) {
        self.label = label
        logLevel = level
        self.format = format
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let time = Date().formatted(.iso8601)
        let line: String
        switch format {
        case .text:
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            line = ([time, event.level.rawValue, "\(event.message)"] + fields).joined(separator: " ")
        case .json:
            var object: [String: Any] = [
                "time": time, "level": event.level.rawValue, "message": "\(event.message)",
                "label": label,
            ]
            for (key, value) in merged { object[key] = "\(value)" }
            let data =
                (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
                ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
