import Foundation
import Ledger
import Reports
import Sheets
import TestSupport
import Testing

@testable import Pipeline

/// The built `huanxin` binary run as a child process on a temporary
/// deployment: killed with SIGKILL at seeded random moments and run again,
/// and run while another holds the lock. Skipped, with a note, when
/// `.build/debug/huanxin` has not been built.
@Suite(.serialized) struct KilledRunTests {
    static let binary = DeploymentFixture.packageRoot.appendingPathComponent(".build/debug/huanxin").path

    /// Whether the binary is there to run; says so when it is not (a
    /// failure under CI, where `make test` builds it: see `Prerequisite`).
    static func binaryIsBuilt(for test: String) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Prerequisite.missing("\(binary), needed by the \(test)")
            return false
        }
        return true
    }

    /// 30 files from six counties: accepted, rejected, and a second file of
    /// the same submitter and month that supersedes the first.
    static func fill(_ fixture: DeploymentFixture) throws {
        let counties = ["370811", "370812", "370826", "370827", "370828", "370829"]
        for (index, county) in counties.enumerated() {
            try fixture.put(
                "\(county)/commerce/2025-02.csv", rows: ["\(county),nev_stock,2025-02,\(1000 + index),,"], minute: 1)
            try fixture.put(
                "\(county)/commerce/2025-03.csv",
                rows: [
                    "\(county),nev_stock,2025-03,\(1100 + index),,",
                    "\(county),scrapped_vehicles,2025-03,\(10 + index),,",
                ], minute: 2)
            try fixture.put(
                "\(county)/commerce/2025-03 更正.csv", rows: ["\(county),nev_stock,2025-03,\(1200 + index),,"], minute: 3)
            try fixture.put(
                "\(county)/transport/2025-03.csv", rows: ["\(county),new_buses,2025-03,\(20 + index),,"], minute: 1)
            try fixture.put("\(county)/transport/2025-02.csv", rows: ["\(county),new_buses,2025-02,many,,"], minute: 2)
        }
    }

    /// Starts the binary on the fixture, in batches of `batchSize` files if given.
    static func launch(
        _ fixture: DeploymentFixture, batchSize: Int? = nil, arguments: [String] = []
    ) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments =
            ["run", "--root", fixture.root.path, "--settle", "0", "--quiet"]
            + (batchSize.map { ["--batch-size", "\($0)"] } ?? []) + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, errors)
    }

    /// Runs the binary on the fixture to its end; returns exit status and standard error.
    static func runToCompletion(
        _ fixture: DeploymentFixture, arguments: [String] = []
    ) throws -> (status: Int32, stderr: String) {
        let (process, errors) = try launch(fixture, arguments: arguments)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// What a finished ledger holds, independent of times and ids.
    static func state(_ fixture: DeploymentFixture) throws -> (versions: [String], counted: [String]) {
        let ledger = try fixture.ledger()
        // Every version is of a file in the inbox: its paths' histories are all of them.
        let paths = try InboxScanner(root: fixture.deployment.inbox, settlingInterval: 0).scan(now: Date()).submissions
            .map(
                \.relativePath)
        let versions = try ledger.read { reader in try paths.flatMap { try reader.versions(path: $0) } }
            .sorted { ($0.path, $0.sha256) < ($1.path, $1.sha256) }
            .map { "\($0.path) \($0.sha256.prefix(8)) \($0.status)" }
        let counted = try ledger.read { try collected($0.eachCountedReport) }.map {
            "\($0.path) \($0.observation.region) \($0.observation.indicator) \($0.observation.period) \($0.observation.value)"
        }.sorted()
        return (versions, counted)
    }

    @Test func aRunKilledAtAnyMomentIsFinishedByTheNextWithEverythingWhole() throws {
        guard Self.binaryIsBuilt(for: "killed-run test") else { return }
        // A clean run, watched: its busy window is from the ledger's creation to its exit.
        let clean = try DeploymentFixture()
        try Self.fill(clean)
        let started = Date()
        let (process, _) = try Self.launch(clean)
        var ledgerSeen: TimeInterval?
        while process.isRunning {
            if ledgerSeen == nil, FileManager.default.fileExists(atPath: clean.deployment.outbox.ledger) {
                ledgerSeen = Date().timeIntervalSince(started)
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        let window = max(0, (ledgerSeen ?? 0) - 0.05)...Date().timeIntervalSince(started)
        #expect(process.terminationStatus == 4)  // some files are rejected
        let expected = try Self.state(clean)
        #expect(expected.versions.count == 30 && expected.counted.count == 18)

        var generator = SeededGenerator(seed: 20_261_123)
        var interrupted = 0
        for trial in 0..<10 {
            let fixture = try DeploymentFixture()
            try Self.fill(fixture)
            // One or two kills at random moments of the busy window, then a run
            // to the end; every other trial in batches of 4 files, so that
            // kills land between batches, and on either side of a commit.
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                let (process, _) = try Self.launch(fixture, batchSize: trial.isMultiple(of: 2) ? nil : 4)
                Thread.sleep(forTimeInterval: Double.random(in: window, using: &generator))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                if process.terminationReason == .uncaughtSignal,
                    let recorded = try? fixture.ledger().read({ try $0.counts() }).versions, recorded < 30
                {
                    interrupted += 1
                }
            }
            try fixture.run()
            try Self.expectConsistent(fixture, equalTo: expected, trial: trial)
        }
        print("note: \(interrupted) kills landed while files were being recorded")
    }

    static func expectConsistent(
        _ fixture: DeploymentFixture, equalTo expected: (versions: [String], counted: [String]),
        trial: Int
    ) throws {
        let ledger = try fixture.ledger()
        #expect(try ledger.integrityProblems(thorough: true) == [], "trial \(trial)")
        let state = try Self.state(fixture)
        #expect(state.versions == expected.versions, "trial \(trial): each version once, same statuses")
        #expect(state.counted == expected.counted, "trial \(trial): the clean run's figures")

        // Every version has its receipts; every output is whole; no temporary file is left.
        let outbox = fixture.deployment.outbox
        for path in state.versions.map({ String($0.split(separator: " ")[0]) }) {
            for version in try ledger.read({ try $0.versions(path: path) }) {
                let name = URL(fileURLWithPath: path).lastPathComponent
                #expect(
                    FileManager.default.fileExists(
                        atPath: outbox.receiptHistory(
                            region: version.submitter.region, department: version.submitter.department, fileName: name,
                            sha256: version.sha256)), "trial \(trial): \(path)")
            }
        }
        for (name, data) in try fixture.outputs() {
            #expect(!name.hasSuffix(".tmp"), "trial \(trial): \(name) left behind")
            if name.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "trial \(trial): \(name)")
            } else if name.hasSuffix(".xlsx") {
                #expect((try? sheetLines("\(outbox.root)/\(name)")) != nil, "trial \(trial): \(name)")
            }
        }
    }

    @Test func aSecondRunExitsWithTheLockCodeNamingTheHolder() throws {
        guard Self.binaryIsBuilt(for: "lock test") else { return }
        let fixture = try DeploymentFixture()
        try Self.fill(fixture)
        do {
            let held = try RunLock(path: fixture.deployment.outbox.lock)
            let clock = ContinuousClock()
            let start = clock.now
            let second = try Self.runToCompletion(fixture, arguments: ["--wait", "1"])
            #expect(clock.now - start >= .seconds(1))
            #expect(second.status == 3)
            #expect(second.stderr.contains("另一次运行正在进行") && second.stderr.contains("pid \(getpid())"))
            #expect(second.stderr.contains("waited 1 s"))
            #expect(!FileManager.default.fileExists(atPath: fixture.deployment.outbox.ledger))
            withExtendedLifetime(held) {}
        }
        // Once the holder is gone, the run goes ahead.
        #expect(try Self.runToCompletion(fixture).status == 4)
    }

    /// `run --wait`: a run started while another holds the lock (the portal
    /// recording an upload) waits for it and then does its whole night.
    @Test func aRunWaitsForTheLockAndThenGoesAhead() throws {
        guard Self.binaryIsBuilt(for: "lock test") else { return }
        let fixture = try DeploymentFixture()
        try Self.fill(fixture)
        let holder = LockHolder()
        holder.lock = try RunLock(path: fixture.deployment.outbox.lock)
        let (process, errors) = try Self.launch(fixture, arguments: ["--wait", "30"])
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while !RunLock.isAwaited(path: fixture.deployment.outbox.lock), clock.now < deadline { usleep(20_000) }
        #expect(RunLock.isAwaited(path: fixture.deployment.outbox.lock), "the run says it waits")
        #expect(!FileManager.default.fileExists(atPath: fixture.deployment.outbox.ledger))
        holder.lock = nil
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 4, "\(text)")
        #expect(FileManager.default.fileExists(atPath: fixture.deployment.outbox.ledger))
    }
}
