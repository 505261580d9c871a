import Foundation
import Sheets

// huanxin-bench: huanxin's side of `make bench` (see bench/README.md).
//
//   huanxin-bench sum FILE            reads FILE through openWorkbook, sums 数值 by
//                                     (地区代码, 指标代码), prints rows= groups= total=
//   huanxin-bench write-xlsx OUT ROWS writes the benchmark's write table to OUT

/// A failure the benchmark reports and exits 1 on.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs one subcommand; `arguments` without the program's name.
func runCommand(_ arguments: [String]) throws {
    switch (arguments.first, arguments.count) {
    case ("sum", 2):
        let task = try SubmissionSum.of(path: arguments[1])
        print("rows=\(task.rows) groups=\(task.sums.count) total=\(String(format: "%.2f", task.sums.total))")
    case ("write-xlsx", 3):
        guard let rows = Int(arguments[2]), rows >= 0 else { throw BenchError("ROWS must be a count: \(arguments[2])") }
        try WriteTable.write(rows: rows, to: arguments[1])
    default:
        throw BenchError("usage: huanxin-bench sum FILE | huanxin-bench write-xlsx OUT ROWS")
    }
}

do {
    try runCommand(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("huanxin-bench: \(error)\n".utf8))
    exit(1)
}
