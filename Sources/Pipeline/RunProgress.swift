import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The progress bar of a run on a terminal, redrawn in place after each
/// batch: `处理中 [██████░░░░░░] 612/1403  44%  38 个/秒 files/s  剩余 ETA 0:21`.
/// Nothing when standard output is a file or pipe (cron, tests), or quiet.
public final class RunProgress: @unchecked Sendable {
    public let isEnabled: Bool
    private let lock = NSLock()
    private var started: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    /// Enabled when standard output is a terminal, unless `quiet`.
    public convenience init(quiet: Bool = false) {
        self.init(enabled: !quiet && isatty(STDOUT_FILENO) == 1)
    }

    public init(enabled: Bool) {
        isEnabled = enabled
    }

    func show(_ done: Int, of total: Int, _ path: String) {
        guard isEnabled else { return }
        let elapsed = lock.withLock { () -> Double in
            let now = clock.now
            if started == nil { started = now }
            return (now - started!).seconds
        }
        FileHandle.standardOutput.write(
            Data(("\r\u{1B}[K" + Self.line(done: done, total: total, elapsed: elapsed)).utf8))
    }

    func finish() {
        guard isEnabled else { return }
        FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8))
    }

    /// The bar's text after `done` of `total` files in `elapsed` seconds
    /// (rate and time left once a second has passed).
    static func line(done: Int, total: Int, elapsed: Double, width: Int = 24) -> String {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        var text =
            "处理中 Processing [" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            + "] \(done)/\(total)  \(Int((fraction * 100).rounded(.down)))%"
        if elapsed >= 1, done > 0 {
            let rate = Double(done) / elapsed
            let left = Int((Double(total - done) / rate).rounded(.up))
            text += "  \(Int(rate.rounded())) 个/秒 files/s  剩余 ETA \(left / 60):" + String(format: "%02d", left % 60)
        }
        return text
    }
}
