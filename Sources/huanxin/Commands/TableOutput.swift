import Foundation

/// Writes rows as RFC 4180 CSV or as an aligned text table, for the listing commands.
enum TableOutput {
    static func write(header: [String], rows: [[String]], format: SchemasCommand.Format) {
        switch format {
        case .csv:
            print(([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n"))
        case .table:
            // Chinese characters take two columns on a terminal.
            let width = { (text: String) in text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } }
            let all = [header] + rows
            let widths = header.indices.map { column in all.map { width($0[column]) }.max() ?? 0 }
            for row in all {
                print(row.enumerated().map { column, text in
                    column == row.count - 1 ? text : text + String(repeating: " ", count: widths[column] - width(text))
                }.joined(separator: "  "))
            }
        }
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// 180000, 0.8, 97.5: no trailing ".0", no exponent.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
