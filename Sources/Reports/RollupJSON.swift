import Foundation
import Outbox
import Sheets

/// Writes a roll-up as one JSON document: `schemaVersion`, the header block
/// (the region, the period, the ledger's as-of time, the reports' coverage)
/// and every table with its header and rows (numbers as numbers, blanks as
/// null). Compact: a province's document is large.
///
/// ```json
/// {"asOf": "2026-11-08T01:30:00Z", "coverage": "已报 118/130 份 · 未报 12",
///  "period": "2025-03", "region": {"code": "371500", "name": "聊城市"}, "schemaVersion": 2,
///  "tables": [{"name": "总览", "header": [...], "rows": [["371500", ...]]}, ...]}
/// ```
public enum RollupJSON {
    /// The shape of the roll-up document; a golden file in the tests pins it.
    /// 2: the header block (asOf, coverage), the 说明 and 目标来源 tables,
    /// coverage columns, one 总览 row per target entry.
    public static let schemaVersion = 2

    public static func write(_ rollup: RollupTables, to path: String) throws {
        try AtomicFile.write(try encode(rollup), to: path)
    }

    public static func encode(_ rollup: RollupTables) throws -> Data {
        let document = Document(
            schemaVersion: schemaVersion, asOf: rollup.asOf.map { ISO8601DateFormatter().string(from: $0) },
            coverage: rollup.coverage, period: rollup.period.description,
            region: .init(code: rollup.region.code, name: rollup.region.name),
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
        let asOf: String?
        let coverage: String
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
