import Foundation
import Outbox
import Sheets

/// Writes each roll-up table as a CSV file (UTF-8 with BOM, so that Excel
/// opens the Chinese text; formula guard on) named after its sheet, in one
/// folder: `<folder>/总览.csv`, `<folder>/分区县.csv`, …
public enum RollupCSV {
    /// Returns the paths written, in table order.
    public static func write(_ rollup: RollupTables, toFolder folder: String) throws -> [String] {
        try rollup.tables.map { table in
            let path = path(of: table, inFolder: folder)
            try AtomicFile.write(to: path) { handle in
                let csv = try CSVWriter(fileDescriptor: handle.fileDescriptor)
                try csv.writeRecord(table.header.map(CellValue.text))
                for row in table.rows { try csv.writeRecord(row.map(\.value)) }
                try csv.close()
            }
            return path
        }
    }

    /// The paths `write` writes, without writing (`rollup --dry-run`).
    public static func paths(_ rollup: RollupTables, inFolder folder: String) -> [String] {
        rollup.tables.map { path(of: $0, inFolder: folder) }
    }

    private static func path(of table: RollupTable, inFolder folder: String) -> String {
        "\(folder)/\(table.name).csv"
    }
}
