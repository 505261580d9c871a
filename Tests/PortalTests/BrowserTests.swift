import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Portal

/// The portal in a real browser: Debian's Chromium driven by selenium
/// (`Scripts/browse_portal.py`, in the tests' `.venv`) against the portal
/// listening on loopback. Screenshots go to `test-screenshots/` (git-ignored).
/// Without Chromium, chromedriver or the venv the test says why and passes,
/// except under `CI=true`, where `make test` has installed them and their
/// absence is a failure (`Prerequisite`).
@Suite struct BrowserTests {
    static let root = PortalFixture.packageRoot
    static let python = root.appendingPathComponent(".venv/bin/python").path
    static let screenshots = root.appendingPathComponent("test-screenshots").path

    /// Why the browser test cannot run here, or nil.
    static func missing() async -> String? {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is not installed (apt-get install chromium chromium-driver; `make test` does it as root)"
        }
        func hasSelenium() async -> Bool { (try? await runAsync(python, ["-c", "import selenium"])) != nil }
        if await hasSelenium() { return nil }
        _ = try? await runAsync(root.appendingPathComponent("scripts/test-venv.sh").path, [])
        return await hasSelenium() ? nil : "selenium is not in .venv (scripts/test-venv.sh could not install it)"
    }

    @Test func departmentUploadsThroughThePageAndTheCityReadsStatusAndTargets() async throws {
        if let missing = await Self.missing() {
            Prerequisite.missing("浏览器测试 the browser test's \(missing)")
            return
        }
        let fixture = try PortalFixture()
        let upload = fixture.root.appendingPathComponent("2025-03.csv")
        try PortalFixture.goodFile(region: "371502").write(to: upload)
        let output = try await Application(
            router: fixture.portal.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0))
        )
        .test(.live) { client in
            let port = try #require(client.port)
            return try await Self.runAsync(
                Self.python,
                [
                    Self.root.appendingPathComponent("Tests/PortalTests/Scripts/browse_portal.py").path,
                    "http://127.0.0.1:\(port)", "dongchangfu-commerce", "liaocheng", PortalFixture.password,
                    upload.path,
                    Self.screenshots,
                ])
        }
        let seen = try #require(
            try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
        #expect((seen["after_login"] as? String)?.hasSuffix("/submit") == true)
        #expect((seen["receipt_url"] as? String)?.contains("/receipt?id=") == true)
        #expect((seen["outcome"] as? String)?.hasPrefix("受理 已受理，计入数据 2 条（2025-03）") == true, "\(seen)")
        #expect((seen["status_title"] as? String)?.hasPrefix("报送情况") == true)
        // 迟报: figures for 2025-03 sent today, past the month's deadline.
        #expect((seen["status_cells"] as? [String]) == ["迟报"], "\(seen["status_cells"] ?? "")")
        #expect((seen["targets_title"] as? String)?.contains("聊城市") == true)
        #expect((seen["targets"] as? Int ?? 0) > 0)
        #expect((seen["charts"] as? Int ?? 0) > 0)
        #expect(
            (seen["console_errors"] as? [String])?.isEmpty == true,
            "CSP or script errors: \(seen["console_errors"] ?? "")")
        for shot in ["1-submit", "2-receipt", "3-status", "4-targets"] {
            #expect(FileManager.default.fileExists(atPath: "\(Self.screenshots)/\(shot).png"))
        }
    }

    /// Runs a program to its end without holding a thread the server needs;
    /// its standard output, or an error when it exits non-zero.
    static func runAsync(_ executable: String, _ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let collected = OutputCollector(output.fileHandleForReading)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let text = collected.finish()
        guard status == 0 else {
            throw CocoaError(
                .executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(executable) exited \(status): \(text)"])
        }
        return text
    }

    /// A pipe read to its end on a thread of its own, so a chatty child cannot block on a full pipe.
    final class OutputCollector: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread {
                self.data = handle.readDataToEndOfFile()
                self.done.signal()
            }
        }

        func finish() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
