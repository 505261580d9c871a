import Foundation
import TestSupport
import Testing

/// What `huanxin run` prints, pinned by golden files for each place it
/// prints to: a terminal (a progress bar and the summary), a pipe (one line
/// per rejected or misplaced file, the summary), `--quiet` (problems and the
/// summary line) and `--log-format json`. Each on a hand-built inbox: one
/// accepted file, one rejected, one misplaced; the second night has nothing
/// new and still counts the rejected file as 仍待更正.
@Suite struct RunConsoleTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A deployment in a temporary folder with three inbox files.
    final class Deployment {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-console-\(UUID().uuidString)")

        init() throws {
            let inbox = root.appendingPathComponent("Inbox")
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                at: root.appendingPathComponent("Schemas"),
                withDestinationURL: RunConsoleTests.repository.appendingPathComponent("Schemas"))
            let header = "地区代码,指标代码,期间,数值,单位,备注"
            let files = [
                "370829/commerce/2025-03.csv": "370829,nev_stock,2025-03,100,,",
                "370829/transport/2025-03.csv": "370829,new_buses,2025-03,十二,,",
                "2025-03.csv": "370829,nev_stock,2025-03,100,,",
            ]
            for (path, row) in files {
                let url = inbox.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data("\(header)\r\n\(row)\r\n".utf8).write(to: url)
                try FileManager.default.setAttributes(
                    [.modificationDate: Date(timeIntervalSince1970: 1_743_000_000)],
                    ofItemAtPath: url.path)
            }
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        /// The output with what changes from run to run replaced: the
        /// folder, times, run-summary names and the ledger's path.
        func normalised(_ text: String) -> String {
            text.replacingOccurrences(of: root.path, with: "<root>")
                .replacing(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/, with: "<time>")
                .replacing(/\d{8}T\d{6}Z-\d{6}\.json/, with: "<run>.json")
                .replacingOccurrences(of: "\r", with: "⟨CR⟩").replacingOccurrences(of: "\u{1B}[K", with: "⟨EL⟩")
        }
    }

    func pin(
        _ arguments: [String], terminal: Bool = false, expect status: Int32, golden name: String,
        nights: Int = 1
    ) throws {
        guard let huanxin = HuanxinProcess() else { return }
        let deployment = try Deployment()
        var outcome: HuanxinProcess.Outcome?
        for _ in 0..<nights {
            outcome = try huanxin.run(
                ["run", "--root", deployment.root.path, "--settle", "0"] + arguments,
                terminal: terminal)
        }
        let last = try #require(outcome)
        #expect(last.status == status)
        try Golden().expect(
            deployment.normalised("--- stdout\n" + last.stdout + "--- stderr\n" + last.stderr),
            matches: name)
    }

    @Test func onATerminalAProgressBarAndTheSummary() throws {
        try pin([], terminal: true, expect: 4, golden: "run-terminal.txt")
    }

    @Test func inAPipeALinePerProblemAndTheSummary() throws {
        try pin([], expect: 4, golden: "run-plain.txt")
    }

    @Test func quietTheProblemsAndTheSummaryLine() throws {
        try pin(["--quiet"], expect: 4, golden: "run-quiet.txt")
    }

    @Test func theNextNightCountsWhatIsStillUncorrected() throws {
        try pin([], expect: 0, golden: "run-plain-second-night.txt", nights: 2)
    }

    @Test func jsonForMachines() throws {
        try pin(["--log-format", "json"], expect: 4, golden: "run-json.txt")
    }
}
