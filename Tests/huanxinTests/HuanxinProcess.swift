import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

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

    /// Runs huanxin with `arguments`; with `terminal`, its standard output is
    /// a pseudo-terminal (as when a person runs it), whose line ends come
    /// back as `\n`.
    func run(_ arguments: [String], in folder: URL? = nil, terminal: Bool = false) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ["COLUMNS": "100", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        if let folder { process.currentDirectoryURL = folder }
        let errors = Pipe()
        process.standardError = errors
        let output = Pipe()
        var controller: Int32 = -1
        var device: Int32 = -1
        if terminal {
            guard openpty(&controller, &device, nil, nil, nil) == 0 else { throw POSIXError(.ENXIO) }
            process.standardOutput = FileHandle(fileDescriptor: device, closeOnDealloc: false)
        } else {
            process.standardOutput = output
        }
        try process.run()
        // Read both outputs while it runs: a full pipe would block it.
        nonisolated(unsafe) var errorData = Data()
        let readErrors = Thread { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        readErrors.start()
        var data = Data()
        if terminal {
            close(device)
            var buffer = [UInt8](repeating: 0, count: 4096)
            // The controller side reads until the last holder of the device closes it (EIO).
            while case let count = read(controller, &buffer, buffer.count), count > 0 {
                data.append(contentsOf: buffer[..<count])
            }
            close(controller)
        } else {
            data = output.fileHandleForReading.readDataToEndOfFile()
        }
        process.waitUntilExit()
        while !readErrors.isFinished { usleep(1000) }
        var stdout = String(decoding: data, as: UTF8.self)
        if terminal { stdout = stdout.replacingOccurrences(of: "\r\n", with: "\n") }
        return Outcome(
            status: process.terminationStatus, stdout: stdout, stderr: String(decoding: errorData, as: UTF8.self))
    }
}
