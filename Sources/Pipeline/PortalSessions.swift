import Catalog
import Foundation
import HummingbirdBcrypt
import Ledger
import Outbox

/// Logging in and out of the portal, and finding the session a request
/// carries: passwords checked by bcrypt, attempts limited per user name
/// and per address, sessions that expire when idle and can be revoked,
/// every login, refusal and logout in the audit trail.
public struct PortalSessions: Sendable {
    public let ledger: LedgerDatabase
    /// A session unused this long is over.
    public var idleLimit: TimeInterval = 8 * 3600
    /// At most this many failed attempts per user name within `attemptWindow`.
    public var attemptLimit = 5
    /// At most this many failed attempts from one address within `attemptWindow`, whatever the
    /// names: a county office's staff share one address behind its NAT, and five typos among
    /// them must not lock them all out on the day the figures are due, while one machine trying
    /// name after name is still stopped.
    public var addressAttemptLimit = 20
    public var attemptWindow: TimeInterval = 60
    /// Use is written back at most this often, so that reading pages does not write the ledger each time.
    public var touchInterval: TimeInterval = 60

    public init(ledger: LedgerDatabase) {
        self.ledger = ledger
    }

    /// A logged-in session: the cookie's token, the CSRF token pages and scripts send back, and the account.
    public struct Session: Sendable, Equatable {
        public var token: String
        public var csrfToken: String
        public var account: PortalAccount
    }

    public enum LoginRefusal: Error, Equatable, CustomStringConvertible {
        /// Unknown name or wrong password (the two are not told apart).
        case badCredentials
        /// Too many failed attempts lately, for the name or from the address.
        case tooManyAttempts

        public var description: String {
            switch self {
            case .badCredentials: "用户名或密码错误 Wrong user name or password"
            case .tooManyAttempts: "尝试次数过多，请一分钟后再试 Too many attempts; try again in a minute"
            }
        }
    }

    /// Checks the password and opens a session, or refuses. A refused attempt
    /// counts towards the limit; once the limit is reached even the right
    /// password is refused until the window has passed.
    public func logIn(user: String, password: String, address: String, now: Date = Date()) throws -> Session {
        let user = String(user.prefix(64))
        let failures = try ledger.failedLoginAttempts(
            user: user, address: address,
            since: now.addingTimeInterval(-attemptWindow))
        if failures.user >= attemptLimit || failures.address >= addressAttemptLimit {
            try ledger.appendAudit(
                AuditRecord(
                    at: now, user: user, address: address, action: "login-limited",
                    detail: "failures user=\(failures.user) address=\(failures.address)"))
            throw LoginRefusal.tooManyAttempts
        }
        let record = try ledger.account(named: user)
        // A hash is checked even for an unknown name, so that timing does not tell which names exist.
        let matches = Bcrypt.verify(password, hash: record?.passwordHash ?? Self.absentHash)
        guard let record, matches, let account = PortalAccount(record) else {
            try ledger.recordLoginAttempt(user: user, address: address, succeeded: false, at: now)
            try ledger.appendAudit(
                AuditRecord(
                    at: now, user: user, address: address, action: "login-failed",
                    detail: record == nil ? "unknown user" : "wrong password"))
            throw LoginRefusal.badCredentials
        }
        try ledger.recordLoginAttempt(user: user, address: address, succeeded: true, at: now)
        let session = Session(token: Self.randomToken(), csrfToken: Self.randomToken(), account: account)
        try ledger.addSession(
            SessionRecord(
                tokenHash: Self.hash(session.token), account: account.name,
                csrfToken: session.csrfToken, address: address, createdAt: now,
                lastSeenAt: now))
        try ledger.appendAudit(
            AuditRecord(
                at: now, user: account.name, address: address, action: "login",
                detail: "role=\(account.role.rawValue) region=\(account.region)"))
        return session
    }

    /// The open session for a cookie's token: nil when unknown, revoked,
    /// idle past the limit, or its account removed.
    public func session(token: String, now: Date = Date()) throws -> Session? {
        let tokenHash = Self.hash(token)
        guard let record = try ledger.session(tokenHash: tokenHash), record.revokedAt == nil,
            now.timeIntervalSince(record.lastSeenAt) < idleLimit,
            let account = try ledger.account(named: record.account).flatMap(PortalAccount.init)
        else { return nil }
        if now.timeIntervalSince(record.lastSeenAt) >= touchInterval {
            try ledger.touchSession(tokenHash: tokenHash, at: now)
        }
        return Session(token: token, csrfToken: record.csrfToken, account: account)
    }

    public func logOut(_ session: Session, address: String, now: Date = Date()) throws {
        try ledger.revokeSession(tokenHash: Self.hash(session.token), at: now)
        try ledger.appendAudit(
            AuditRecord(
                at: now, user: session.account.name, address: address, action: "logout",
                detail: ""))
    }

    /// 32 random bytes in hex, from the system's secure generator (getrandom on Linux).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// What the ledger keeps of a session token: its SHA-256, in hex.
    public static func hash(_ token: String) -> String {
        var hasher = SHA256()
        hasher.update(Array(token.utf8))
        return hasher.finalize().hex
    }

    /// A bcrypt hash of nothing anyone knows, to check against for unknown names.
    private static let absentHash = Bcrypt.hash(randomToken(), cost: AccountDirectory.defaultCost)
}
