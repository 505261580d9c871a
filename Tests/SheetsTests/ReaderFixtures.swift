import Foundation
import TestSupport
import Testing

@testable import Sheets

/// Files the reader tests share: the corpus in `../shared/corpus`, files
/// the tests write, and rows flattened for comparison.
enum ReaderFixtures {
    /// `<package root>/../shared/corpus/<folder>`, or nil when the corpus is absent.
    static func corpus(_ folder: String) -> URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/\(folder)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            Prerequisite.missing("corpus ../shared/corpus/\(folder)")
            return nil
        }
        return url
    }

    /// Path of corpus file `name` in `folder`; records an issue naming the
    /// missing corpus and returns nil so the test can stop (tests that use
    /// it carry `.needsCorpus`, so this is a safety net).
    static func corpusFile(_ folder: String, _ name: String) -> String? {
        guard let directory = corpus(folder) else { return nil }
        return directory.appendingPathComponent(name).path
    }

    /// Writes `bytes` to a fresh temporary file named `name` and returns its path.
    static func temporaryFile(_ name: String, _ bytes: some Sequence<UInt8>) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "huanxin-sheets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A sheet as a grid of values by absolute position: row `r` (1-based)
    /// is `grid[r - 1]`, padded with `.empty` up to the row's last cell.
    static func grid(_ workbook: some Workbook, sheet: Int = 0) throws -> [[CellValue]] {
        var grid: [[CellValue]] = []
        _ = try workbook.readRows(ofSheet: sheet) { row in
            while grid.count < row.number { grid.append([]) }
            var values: [CellValue] = []
            for cell in row.cells {
                while values.count < cell.column - 1 { values.append(.empty) }
                values.append(row.value(of: cell))
            }
            grid[row.number - 1] = values
        }
        return grid
    }

    /// The grid of a text-only sheet, as strings ("" for empty cells).
    static func textGrid(_ workbook: some Workbook, sheet: Int = 0) throws -> [[String]] {
        try grid(workbook, sheet: sheet).map { row in
            row.map { value in
                switch value {
                case .text(let text): text
                case .empty: ""
                default: "\(value)"
                }
            }
        }
    }

    /// The error `body` throws, or nil (recording an issue) when it throws none.
    static func sheetError(_ body: () throws -> Void) -> SheetError? {
        do {
            try body()
            Issue.record("expected a SheetError")
        } catch let error as SheetError {
            return error
        } catch {
            Issue.record("expected a SheetError, got \(error)")
        }
        return nil
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when `../shared/corpus` is beside the package
    /// (as in CI); without it the test is skipped, saying why.
    static var needsCorpus: Self {
        .enabled(if: ReaderFixtures.corpus("") != nil, "../shared/corpus is absent beside the package")
    }
}
