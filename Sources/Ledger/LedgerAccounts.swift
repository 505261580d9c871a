import Foundation
import GRDB

/// A portal account as the ledger holds it. The role and codes are checked
/// against the catalog by Pipeline's `AccountDirectory` before they get here.
public struct AccountRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "account"

    public var name: String
    /// `department`, `city` or `province`.
    public var role: String
    public var region: String
    /// Set for department accounts only.
    public var department: String?
    public var passwordHash: String
    public var createdAt: Date
    public var passwordChangedAt: Date
    public var removedAt: Date?

    public init(
        name: String, role: String, region: String, department: String?, passwordHash: String,
        createdAt: Date, passwordChangedAt: Date, removedAt: Date? = nil
    ) {
        self.name = name
        self.role = role
        self.region = region
        self.department = department
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.passwordChangedAt = passwordChangedAt
        self.removedAt = removedAt
    }
}

/// A login session; the cookie carries the token, the ledger its SHA-256.
public struct SessionRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session"

    public var tokenHash: String
    public var account: String
    public var csrfToken: String
    public var address: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var revokedAt: Date?

    public init(
        tokenHash: String, account: String, csrfToken: String, address: String, createdAt: Date,
        lastSeenAt: Date, revokedAt: Date? = nil
    ) {
        self.tokenHash = tokenHash
        self.account = account
        self.csrfToken = csrfToken
        self.address = address
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.revokedAt = revokedAt
    }
}

/// One line of the audit trail: who did what, when, from where.
public struct AuditRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit"

    public var id: Int64?
    public var at: Date
    public var user: String?
    public var address: String
    /// A stable code: `login`, `login-failed`, `login-limited`, `logout`, `upload`, ….
    public var action: String
    public var detail: String

    public init(at: Date, user: String?, address: String, action: String, detail: String) {
        self.at = at
        self.user = user
        self.address = address
        self.action = action
        self.detail = detail
    }
}

extension LedgerDatabase {
    // MARK: Accounts

    /// Adds an account; throws `LedgerError.accountExists` when the name is taken
    /// (by a current account or one removed: names stay unique in the audit trail).
    public func addAccount(_ account: AccountRecord) throws {
        try pool.write { db in
            if try AccountRecord.fetchOne(db, key: account.name) != nil {
                throw LedgerError.accountExists(account.name)
            }
            try account.insert(db)
        }
    }

    /// The current (not removed) account of that name.
    public func account(named name: String) throws -> AccountRecord? {
        try pool.read { db in
            try AccountRecord.filter(Column("name") == name && Column("removedAt") == nil).fetchOne(db)
        }
    }

    /// Current accounts by name.
    public func accounts() throws -> [AccountRecord] {
        try pool.read { db in
            try AccountRecord.filter(Column("removedAt") == nil).order(Column("name")).fetchAll(db)
        }
    }

    /// Marks the account removed and revokes its sessions; false when there is no such current account.
    public func removeAccount(named name: String, at now: Date) throws -> Bool {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE account SET removedAt = ? WHERE name = ? AND removedAt IS NULL",
                arguments: [now, name])
            guard db.changesCount > 0 else { return false }
            _ = try Self.revokeSessions(of: name, at: now, in: db)
            return true
        }
    }

    /// Sets a new password hash and revokes the account's sessions; false when there is no such current account.
    public func setPasswordHash(_ hash: String, forAccount name: String, at now: Date) throws -> Bool {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE account SET passwordHash = ?, passwordChangedAt = ? WHERE name = ? AND removedAt IS NULL
                    """, arguments: [hash, now, name])
            guard db.changesCount > 0 else { return false }
            _ = try Self.revokeSessions(of: name, at: now, in: db)
            return true
        }
    }

    // MARK: Sessions

    public func addSession(_ session: SessionRecord) throws {
        try pool.write { db in try session.insert(db) }
    }

    /// The session whose token hashes to `tokenHash`, revoked or not.
    public func session(tokenHash: String) throws -> SessionRecord? {
        try pool.read { db in try SessionRecord.fetchOne(db, key: tokenHash) }
    }

    /// Records that the session was used at `now`.
    public func touchSession(tokenHash: String, at now: Date) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE session SET lastSeenAt = ? WHERE tokenHash = ?", arguments: [now, tokenHash])
        }
    }

    public func revokeSession(tokenHash: String, at now: Date) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE session SET revokedAt = ? WHERE tokenHash = ? AND revokedAt IS NULL",
                arguments: [now, tokenHash])
        }
    }

    /// Revokes every open session of the account; returns how many.
    @discardableResult
    public func revokeSessions(ofAccount name: String, at now: Date) throws -> Int {
        try pool.write { db in try Self.revokeSessions(of: name, at: now, in: db) }
    }

    private static func revokeSessions(of name: String, at now: Date, in db: Database) throws -> Int {
        try db.execute(
            sql: "UPDATE session SET revokedAt = ? WHERE account = ? AND revokedAt IS NULL",
            arguments: [now, name])
        return db.changesCount
    }

    // MARK: Login attempts

    public func recordLoginAttempt(user: String, address: String, succeeded: Bool, at now: Date) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO login_attempt (at, user, address, succeeded) VALUES (?, ?, ?, ?)",
                arguments: [now, user, address, succeeded])
        }
    }

    /// Failed attempts since `start` for the user name, and from the address.
    public func failedLoginAttempts(user: String, address: String, since start: Date) throws
        -> (user: Int, address: Int)
    {
        try pool.read { db in
            let sql = "SELECT COUNT(*) FROM login_attempt WHERE succeeded = 0 AND at >= ? AND "
            return (
                try Int.fetchOne(db, sql: sql + "user = ?", arguments: [start, user]) ?? 0,
                try Int.fetchOne(db, sql: sql + "address = ?", arguments: [start, address]) ?? 0
            )
        }
    }

    // MARK: Audit

    public func appendAudit(_ record: AuditRecord) throws {
        try appendAudit([record])
    }

    /// Several entries in one transaction (one flush): a round of uploads'.
    public func appendAudit(_ records: [AuditRecord]) throws {
        guard !records.isEmpty else { return }
        try pool.write { db in
            for record in records { try record.insert(db) }
        }
    }

    /// The audit trail, newest first.
    public func audit(limit: Int = 1000) throws -> [AuditRecord] {
        try pool.read { db in try AuditRecord.order(Column("id").desc).limit(limit).fetchAll(db) }
    }
}
