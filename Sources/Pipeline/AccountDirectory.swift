import Catalog
import Foundation
import HummingbirdBcrypt
import Ledger

/// The portal's accounts in the ledger (`huanxin accounts …`): added with a
/// role and a place the catalog knows, passwords kept as bcrypt hashes,
/// removed by marking; removing an account or changing its password
/// revokes its sessions.
public struct AccountDirectory: Sendable {
    public let ledger: LedgerDatabase
    public let catalog: Catalog
    /// bcrypt's cost: 2^cost rounds. 12 takes about a quarter second here,
    /// which is what slows a password guesser; tests use less.
    public var cost: UInt8

    public static let defaultCost: UInt8 = 12
    /// Shorter passwords are refused.
    public static let minimumPasswordLength = 10

    public init(ledger: LedgerDatabase, catalog: Catalog, cost: UInt8 = AccountDirectory.defaultCost) {
        self.ledger = ledger
        self.catalog = catalog
        self.cost = cost
    }

    /// The directory in the deployment's ledger, created if need be.
    public init(deployment: Deployment, catalog: Catalog) throws {
        try FileManager.default.createDirectory(
            atPath: (deployment.ledger as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        self.init(ledger: try LedgerDatabase(path: deployment.ledger), catalog: catalog)
    }

    /// An account the directory refuses, with the reason in both languages.
    public struct Refused: Error, CustomStringConvertible, Equatable {
        public var code: String
        public var chinese: String
        public var english: String
        public var description: String { "\(chinese) \(english) [\(code)]" }
    }

    public func add(_ account: PortalAccount, password: String, now: Date = Date()) throws {
        try check(account)
        try check(password: password)
        do {
            try ledger.addAccount(
                AccountRecord(
                    name: account.name, role: account.role.rawValue, region: account.region,
                    department: account.department,
                    passwordHash: Bcrypt.hash(password, cost: cost), createdAt: now, passwordChangedAt: now))
        } catch LedgerError.accountExists {
            throw Refused(
                code: "account-exists", chinese: "账号 \(account.name) 已存在或曾使用。",
                english: "Account name \(account.name) is taken (now or before).")
        }
    }

    public func list() throws -> [PortalAccount] {
        try ledger.accounts().compactMap(PortalAccount.init)
    }

    /// The accounts as `huanxin accounts list` prints them.
    public func table() throws -> TextTable {
        TextTable(
            header: ["账号 user", "角色 role", "地区 region", "部门 department"],
            rows: try list().map { [$0.name, $0.role.rawValue, $0.region, $0.department ?? ""] })
    }

    public func remove(name: String, now: Date = Date()) throws {
        guard try ledger.removeAccount(named: name, at: now) else { throw unknown(name) }
    }

    public func setPassword(name: String, password: String, now: Date = Date()) throws {
        try check(password: password)
        guard try ledger.setPasswordHash(Bcrypt.hash(password, cost: cost), forAccount: name, at: now) else {
            throw unknown(name)
        }
    }

    private func unknown(_ name: String) -> Refused {
        Refused(code: "unknown-account", chinese: "没有账号 \(name)。", english: "No account \(name).")
    }

    /// The name is printable ASCII without spaces; a department account
    /// names a county-or-city region and a department existing at its
    /// level; a city account a city; the province account the province.
    private func check(_ account: PortalAccount) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")
        guard (1...64).contains(account.name.count), account.name.allSatisfy(allowed.contains) else {
            throw Refused(
                code: "bad-account-name", chinese: "账号名只能用字母、数字和 . _ - @，不超过 64 个字符。",
                english: "Account names use letters, digits and . _ - @, at most 64 characters.")
        }
        guard let region = catalog.region(code: account.region) else {
            throw Refused(
                code: "unknown-region", chinese: "未知地区代码 \(account.region)。",
                english: "Unknown region code \(account.region).")
        }
        switch account.role {
        case .department:
            guard let code = account.department, let department = catalog.department(code: code) else {
                throw Refused(
                    code: "unknown-department", chinese: "部门账号需要已知的部门代码（--department）。",
                    english: "A department account needs a known --department code.")
            }
            guard department.levels.contains(region.level) else {
                throw Refused(
                    code: "department-not-at-level",
                    chinese: "\(department.name)（\(code)）不在\(region.name)这一级设立。",
                    english: "Department \(code) does not exist at the level of region \(region.code).")
            }
        case .city, .province:
            guard account.department == nil else {
                throw Refused(
                    code: "department-not-allowed", chinese: "市级、省级账号不带部门代码。",
                    english: "City and province accounts take no --department.")
            }
            let level: RegionLevel = account.role == .city ? .city : .province
            guard region.level == level else {
                throw Refused(
                    code: "region-not-at-level",
                    chinese: "\(account.role.chinese)账号的地区应为\(level == .city ? "市" : "省")：\(region.name)不是。",
                    english: "A \(account.role.rawValue) account needs a \(level) region; \(region.code) is not.")
            }
        }
    }

    private func check(password: String) throws {
        guard password.count >= Self.minimumPasswordLength else {
            throw Refused(
                code: "short-password", chinese: "密码至少 \(Self.minimumPasswordLength) 个字符。",
                english: "Passwords have at least \(Self.minimumPasswordLength) characters.")
        }
    }
}
