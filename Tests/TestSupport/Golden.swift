import Foundation
import Testing

/// Public outputs (help text, receipt, status and roll-up JSON) compared
/// whole with files under `Tests/<target>/Golden/`. A difference fails the
/// test: a public format changes only on purpose. To accept a change,
/// `HUANXIN_UPDATE_GOLDEN=1 swift test --filter <suite>` writes the files
/// anew; review the diff and commit it with the reason.
public struct Golden {
    public let folder: URL

    /// The `Golden` folder beside the calling test file.
    public init(file: String = #filePath) {
        folder = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    public func expect(_ text: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["HUANXIN_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "no golden file \(url.path): write it with HUANXIN_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        #expect(
            text == golden, "\(name) differs from its golden file: a public output changed",
            sourceLocation: sourceLocation)
    }

    public func expect(_ data: Data, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try expect(String(decoding: data, as: UTF8.self), matches: name, sourceLocation: sourceLocation)
    }
}
