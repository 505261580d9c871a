import Catalog
import Foundation
import GRDB
import Vocabulary

// How the ledger's own values are stored in columns: enums by raw value,
// periods as `YYYY-MM` text (sortable, readable in `sqlite3`).

extension VersionStatus: DatabaseValueConvertible {}
extension Severity: DatabaseValueConvertible {}
extension RunStatus: DatabaseValueConvertible {}

extension Period: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Period? {
        String.fromDatabaseValue(dbValue).flatMap { Period($0) }
    }
}

/// A list of texts as one JSON array argument, for `json_each(?)`: one
/// cached statement whatever the list's length, instead of a `?` per item.
func jsonArgument(_ texts: [String]) throws -> String {
    String(decoding: try JSONEncoder().encode(texts), as: UTF8.self)
}
