import Catalog
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
