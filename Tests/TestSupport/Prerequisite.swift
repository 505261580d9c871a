import Foundation
import Testing

/// What a test needs from outside its own code: the shared corpus beside the
/// clone, the Python venv `make test` makes, the built `huanxin` binary.
/// Locally a missing one skips the test with a note; under CI (`CI=true`)
/// the repository promises it, so a missing one fails the test instead of
/// letting it pass without having checked anything.
public enum Prerequisite {
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Says that `what` is missing: a note locally, a failure of the current test under CI.
    public static func missing(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if isCI {
            Issue.record("\(what) is missing, but the repository promises it under CI", sourceLocation: sourceLocation)
        } else {
            print("note: \(what) is missing: test skipped")
        }
    }

    /// `.enabled(if:)` for a promised prerequisite: under CI the test runs
    /// whatever `available` says, and fails on what is missing.
    public static func enabled(_ available: Bool) -> Bool { available || isCI }

    /// The repository's root (the folder holding Package.swift), from a test file's path.
    public static func packageRoot(of file: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// `.build/debug/huanxin`, which `make test` builds; nil, after saying so, when it is not there.
    public static func huanxinBinary(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let path = packageRoot().appendingPathComponent(".build/debug/huanxin").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            missing("\(path) (swift build)", sourceLocation: sourceLocation)
            return nil
        }
        return path
    }
}
