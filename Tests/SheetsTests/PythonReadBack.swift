import Foundation

/// Runs `Scripts/check_written.py` in the repository's `.venv` (made on
/// first use by `scripts/test-venv.sh`) and decodes its JSON.
/// Tests that need it are enabled only when the venv can be made.
enum PythonReadBack {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let python = repositoryRoot.appendingPathComponent(".venv/bin/python").path
    static let script = repositoryRoot.appendingPathComponent("Tests/SheetsTests/Scripts/check_written.py").path

    /// Whether the venv works, making it if needed (once per test run).
    static let isAvailable: Bool = {
        if run(python, ["-c", "import openpyxl, python_calamine"]) == 0 { return true }
        let made = run(repositoryRoot.appendingPathComponent("scripts/test-venv.sh").path, [])
        if made != 0 { print("note: skipping read-back tests: cannot make .venv with openpyxl and python-calamine") }
        return made == 0
    }()

    /// The script's view of the file: mode `xlsx` or `zip`.
    static func read(_ path: String, mode: String = "xlsx") throws -> [String: Any] {
        let output = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, mode, path]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(
                .fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "check_written.py failed on \(path)"])
        }
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// Each sheet of an `.xlsx` as python-calamine reads it (a `.csv` as
    /// Python's csv module does), in `huanxin cat`'s canonical CSV.
    static func canonicalSheets(_ path: String) throws -> [(name: String?, csv: String)] {
        let sheets = try read(path, mode: "canonical")["sheets"] as? [[String: Any]] ?? []
        return sheets.map { ($0["name"] as? String, $0["csv"] as? String ?? "") }
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A fresh temporary directory for a test's files.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("huanxin-writer-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

extension Dictionary where Key == String, Value == Any {
    /// `json["a", "b", 0]`-style access for decoded JSON.
    subscript(path: Any...) -> Any? {
        var current: Any? = self
        for key in path {
            if let name = key as? String {
                current = (current as? [String: Any])?[name]
            } else if let index = key as? Int {
                current = (current as? [Any]).flatMap { $0.indices.contains(index) ? $0[index] : nil }
            }
        }
        return current
    }
}
