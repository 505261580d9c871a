import Foundation
import Sheets

/// What every fuzz target shares: the readers take paths, so each input is
/// written to one scratch file (in /dev/shm where there is one) and read
/// from there; every sheet is read to its end, every cell looked at.
enum FuzzInput {
    static let path: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(folder)/huanxin-fuzz-\(getpid())"
    }()

    /// Writes the input to `path` and returns it.
    static func file(_ data: UnsafeRawPointer, _ count: Int) -> String {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(descriptor >= 0, "cannot write \(path)")
        var written = 0
        while written < count {
            let result = write(descriptor, data + written, count - written)
            precondition(result > 0, "cannot write \(path)")
            written += result
        }
        close(descriptor)
        return path
    }

    /// Reads every row of every sheet, asking each cell for its value:
    /// a reader may refuse the file (a `SheetError`), never crash or hang.
    static func readAll(_ open: () throws -> any Workbook) {
        guard let workbook = try? open(), let sheets = try? workbook.sheets else { return }
        for index in sheets.indices {
            _ = try? workbook.readRows(ofSheet: index) { row in
                for cell in row.cells { _ = row.value(of: cell) }
            }
        }
    }
}
