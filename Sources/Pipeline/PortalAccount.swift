import Catalog
import Ledger

/// What a portal account may do, by its place in the hierarchy.
public enum AccountRole: String, Codable, Sendable, CaseIterable {
    /// One region × department: uploads its own reports, sees only them.
    case department
    /// A city: sees its subtree (status, targets, roll-ups, receipts), uploads nothing.
    case city
    /// The province: sees everything, uploads nothing.
    case province

    public var chinese: String {
        switch self {
        case .department: "部门"
        case .city: "市级"
        case .province: "省级"
        }
    }
}

/// Who is logged in: the account's name, role and place.
public struct PortalAccount: Codable, Hashable, Sendable {
    public var name: String
    public var role: AccountRole
    public var region: String
    /// Set for department accounts only.
    public var department: String?

    public init(name: String, role: AccountRole, region: String, department: String?) {
        self.name = name
        self.role = role
        self.region = region
        self.department = department
    }

    init?(_ record: AccountRecord) {
        guard let role = AccountRole(rawValue: record.role) else { return nil }
        self.init(name: record.name, role: role, region: record.region, department: record.department)
    }
}
