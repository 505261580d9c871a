import Logging

/// Sends swift-log's messages to standard error: everything from `info` on,
/// or only warnings and errors when quiet. The bootstrap may happen once per
/// process, so a surface calls this once, first.
public enum ConsoleLogging {
    public static func bootstrap(quiet: Bool) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = quiet ? .warning : .info
            return handler
        }
    }
}
