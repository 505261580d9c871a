import Catalog
import GRDB

extension LedgerDatabase {
    /// The latest `limit` versions received from submitters in `regions`
    /// (all when nil), of `department` only when given, recorded before
    /// version `before` when given (the next page), newest first: a portal
    /// account's submission history.
    public func recentVersions(
        regions: Set<String>?, department: String? = nil, before: Int64? = nil, limit: Int
    ) throws -> [VersionRecord] {
        var conditions = ["1"]
        var arguments = StatementArguments()
        if let before {
            conditions.append("v.id < ?")
            arguments += [before]
        }
        if let regions {
            conditions.append("s.region IN (\(regions.isEmpty ? "NULL" : databaseQuestionMarks(count: regions.count)))")
            arguments += StatementArguments(regions.sorted())
        }
        if let department {
            conditions.append("s.department = ?")
            arguments += [department]
        }
        arguments += [limit]
        // The ids of the latest `limit`; fetchAll gives them oldest first.
        let latest =
            "v.id IN (SELECT v.id FROM version v JOIN submission s ON s.id = v.submissionId WHERE "
            + conditions.joined(separator: " AND ") + " ORDER BY v.id DESC LIMIT ?)"
        return try pool.read { db in
            try VersionRecord.fetchAll(db, where: latest, arguments: arguments).reversed()
        }
    }
}
