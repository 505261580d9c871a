import Foundation
import TestSupport
import Testing

/// The built `huanxin` run as a person runs it: arguments, its stdout and
/// stderr, its exit status. Wide, fixed columns so help text wraps the same
/// on every machine.
struct HuanxinProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let binary: String

    /// Nil, after saying so (a failure under CI), when the binary is not built.
    init?(sourceLocation: SourceLocation = #_sourceLocation) {
        guard let binary = Prerequisite.huanxinBinary(sourceLocation: sourceLocation) else { return nil }
        self.binary = binary
    }

    func run(_ arguments: [String], in folder: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ["COLUMNS": "100", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        if let folder { process.currentDirectoryURL = folder }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes while it runs: a full pipe would block it.
        nonisolated(unsafe) var errorData = Data()
        let readErrors = Thread { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        readErrors.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !readErrors.isFinished { usleep(1000) }
        return Outcome(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
                       stderr: String(decoding: errorData, as: UTF8.self))
    }
}
