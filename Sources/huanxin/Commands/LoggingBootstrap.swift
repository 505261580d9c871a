import Logging

/// Sends swift-log's messages to standard error at the level a command
/// chose; the bootstrap may happen once per process.
enum LoggingBootstrap {
    static func once(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
