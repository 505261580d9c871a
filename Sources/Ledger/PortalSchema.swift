import GRDB

/// The portal's tables (migration `v4-portal-accounts`): who may log in,
/// their sessions, every login attempt (for the rate limit) and the audit
/// trail. They live in the ledger, never in a file under Inbox/ or Outbox/.
///
/// Accounts are removed by marking them (`removedAt`), so that the audit
/// trail and old sessions keep naming someone; sessions are revoked, not
/// deleted. Login attempts older than the rate limit's window may be pruned.
enum PortalSchema {
    static func create(_ db: Database) throws {
        try db.create(table: "account") { t in
            t.primaryKey("name", .text)
            t.column("role", .text).notNull().check { ["department", "city", "province"].contains($0) }
            t.column("region", .text).notNull()
            t.column("department", .text)
            // bcrypt, `$2b$<cost>$…`: salt and cost inside.
            t.column("passwordHash", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("passwordChangedAt", .datetime).notNull()
            t.column("removedAt", .datetime)
            t.check(sql: "(role = 'department') = (department IS NOT NULL)")
        }
        // A session is known by the SHA-256 of its cookie's token: the ledger
        // alone does not let anyone act as a logged-in user.
        try db.create(table: "session") { t in
            t.primaryKey("tokenHash", .text)
            t.column("account", .text).notNull().references("account")
            t.column("csrfToken", .text).notNull()
            t.column("address", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("lastSeenAt", .datetime).notNull()
            t.column("revokedAt", .datetime)
        }
        try db.create(index: "session_by_account", on: "session", columns: ["account"])
        try db.create(table: "login_attempt") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull()
            t.column("user", .text).notNull()
            t.column("address", .text).notNull()
            t.column("succeeded", .boolean).notNull()
        }
        try db.create(index: "login_attempt_by_user", on: "login_attempt", columns: ["user", "at"])
        try db.create(index: "login_attempt_by_address", on: "login_attempt", columns: ["address", "at"])
        try db.create(table: "audit") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull()
            // The account acting; the name tried for a failed login.
            t.column("user", .text)
            t.column("address", .text).notNull()
            t.column("action", .text).notNull()
            t.column("detail", .text).notNull()
        }
    }
}
