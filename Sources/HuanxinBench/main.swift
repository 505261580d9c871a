import Catalog
import Foundation
import Sheets

// huanxin-bench: huanxin's side of `make bench` (see bench/README.md).
//
//   huanxin-bench sum FILE            reads FILE through openWorkbook, sums 数值 by
//                                     (地区代码, 指标代码), prints rows= groups= total=
//   huanxin-bench write-xlsx OUT ROWS writes the benchmark's write table to OUT
//   huanxin-bench province-inbox ROOT MONTHS
//                                     writes ROOT/Inbox: every county × 15 departments ×
//                                     MONTHS monthly form workbooks, with ROOT/Schemas's catalog

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
    case ("province-inbox", 3):
        guard let months = Int(arguments[2]), months > 0 else {
            throw BenchError("MONTHS must be a count: \(arguments[2])")
        }
        let root = URL(fileURLWithPath: arguments[1])
        let catalog: Catalog
        do {
            catalog = try CatalogLoader.loadChecked(schemas: root.appendingPathComponent("Schemas"))
        } catch {
            throw BenchError(
                "the catalog in \(root.path)/Schemas has errors: \(error.errors.map(\.description).joined(separator: "; "))"
            )
        }
        let inbox = ProvinceInbox(catalog: catalog, months: months)
        let count = try inbox.write(into: root.appendingPathComponent("Inbox"))
        let cities = Set(inbox.counties.compactMap(\.parentCode)).count
        print(
            "files=\(count) cities=\(cities) counties=\(inbox.counties.count) departments=\(inbox.departments.count) months=\(months)"
        )
    default:
        throw BenchError("usage: huanxin-bench sum FILE | write-xlsx OUT ROWS | province-inbox ROOT MONTHS")
    }
}

do {
    try runCommand(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("huanxin-bench: \(error)\n".utf8))
    exit(1)
}
