import Foundation
import Logging
import Reports

/// What a run saw and did, written to `Outbox/runs/<timestamp>.json`.
public struct RunSummary: Codable, Sendable {
    public var startedAt: String
    public var finishedAt: String
    public var submissions: [String]
    public var misplaced: [String]
    public var ignored: [String]
    public var settling: [String]
    /// Seconds spent in each stage, by stage name.
    public var stageSeconds: [String: Double]
}

/// The nightly batch. Stages land one by one; each run records what it did.
public struct NightlyRun: Sendable {
    public var deployment: Deployment
    public var settlingInterval: TimeInterval
    public var logger: Logger

    public init(deployment: Deployment, settlingInterval: TimeInterval = 60, logger: Logger = Logger(label: "huanxin.run")) {
        self.deployment = deployment
        self.settlingInterval = settlingInterval
        self.logger = logger
    }

    /// Runs the batch and returns its summary and the path it was written to.
    public func run(now: Date = Date()) throws -> (summary: RunSummary, path: String) {
        let clock = ContinuousClock()
        let scanStart = clock.now
        let scan = try InboxScanner(root: deployment.inbox, settlingInterval: settlingInterval).scan(now: now)
        let scanSeconds = (clock.now - scanStart).seconds
        logger.info("inbox scanned 收件箱已扫描", metadata: [
            "submissions": "\(scan.submissions.count)", "misplaced": "\(scan.misplaced.count)",
            "ignored": "\(scan.ignored.count)", "settling": "\(scan.settling.count)",
        ])

        let summary = RunSummary(
            startedAt: Self.isoTimestamp(now), finishedAt: Self.isoTimestamp(Date()),
            submissions: scan.submissions.map(\.relativePath), misplaced: scan.misplaced,
            ignored: scan.ignored, settling: scan.settling, stageSeconds: ["scan": scanSeconds])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let path = deployment.outbox.runSummary(timestamp: Self.fileTimestamp(now))
        try AtomicFile.write(try encoder.encode(summary), to: path)
        return (summary, path)
    }

    static func isoTimestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `20261123T020000Z`: sorts by time, no colon in a file name.
    static func fileTimestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)
            .timeZone(separator: .omitted).dateTimeSeparator(.standard)
            .timeSeparator(.omitted).dateSeparator(.omitted))
    }
}

extension Duration {
    /// The duration in seconds, for run summaries.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
