import Foundation
import Sheets
import Outbox

/// Writes a roll-up as one JSON document: `schemaVersion`, the region, the
/// period and every table with its header and rows (numbers as numbers,
/// blanks as null). Compact: a province's document is large.
///
/// ```json
/// {"period": "2025-03", "region": {"code": "371500", "name": "聊城市"}, "schemaVersion": 1,
///  "tables": [{"name": "总览", "header": [...], "rows": [["371500", ...]]}, ...]}
/// ```
public enum RollupJSON {
    /// The shape of the roll-up document; a golden file in the tests pins it.
    public static let schemaVersion = 1

    public static func write(_ rollup: RollupTables, to path: String) throws {
        try AtomicFile.write(try encode(rollup), to: path)
    }

    public static func encode(_ rollup: RollupTables) throws -> Data {
        let document = Document(
            schemaVersion: schemaVersion, period: rollup.period.description, region: .init(code: rollup.region.code, name: rollup.region.name),
            tables: rollup.tables.map { table in
                .init(name: table.name, header: table.header, rows: table.rows.map { $0.map { JSONCell($0.value) } })
            })
        return try DocumentJSON.encode(document, pretty: false)
    }

    private struct Document: Encodable {
        struct RegionName: Encodable {
            let code: String
            let name: String
        }

        struct Table: Encodable {
            let name: String
            let header: [String]
            let rows: [[JSONCell]]
        }

        let schemaVersion: Int
        let period: String
        let region: RegionName
        let tables: [Table]
    }

    /// A cell as a JSON value.
    private struct JSONCell: Encodable {
        let value: CellValue

        init(_ value: CellValue) { self.value = value }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch value {
            case .empty: try container.encodeNil()
            case .text(let text), .error(let text): try container.encode(text)
            case .number(let number), .dateTime(let number):
                // JSON has no NaN or infinity.
                if number.isFinite { try container.encode(number) } else { try container.encodeNil() }
            case .boolean(let flag): try container.encode(flag)
            }
        }
    }
}
