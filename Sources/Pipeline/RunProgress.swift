import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line counter on a terminal (`处理中 Processing 12/30 …`), nothing
/// when standard output is a file or pipe (cron, tests).
public struct RunProgress: Sendable {
    public let isEnabled: Bool

    /// Enabled when standard output is a terminal, unless `quiet`.
    public init(quiet: Bool = false) {
        isEnabled = !quiet && isatty(STDOUT_FILENO) == 1
    }

    func show(_ done: Int, of total: Int, _ path: String) {
        guard isEnabled else { return }
        let name = path.count > 50 ? "…" + path.suffix(49) : path
        FileHandle.standardOutput.write(Data("\r\u{1B}[K处理中 Processing \(done)/\(total) \(name)".utf8))
    }

    func finish() {
        guard isEnabled else { return }
        FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8))
    }
}
