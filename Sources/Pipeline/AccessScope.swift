import Catalog
import Vocabulary

/// What an account may see and send: the one rule of authority by account,
/// asked by every use case the portal and the CLI call (never only by the page).
///
/// - department: its own region × department, and it alone may upload;
/// - city: every submitter in the city's subtree (the city's own
///   departments, its counties and their towns);
/// - province: everything the catalog knows;
/// - the whole deployment (no account: the CLI on the server): everything,
///   reports from regions the catalog does not know included.
public struct AccessScope: Sendable {
    /// Nil for the whole deployment.
    public let account: PortalAccount?
    let catalog: Catalog

    public init(account: PortalAccount, catalog: Catalog) {
        self.account = account
        self.catalog = catalog
    }

    /// What the server's own commands (`huanxin status`, `huanxin chase`) look at: every submitter.
    public init(wholeDeploymentOf catalog: Catalog) {
        account = nil
        self.catalog = catalog
    }

    /// Refused: the account may not see or do this.
    public struct Denied: Error, CustomStringConvertible, Equatable {
        public var reason: String
        public var description: String { "无权访问 Forbidden: \(reason)" }
    }

    /// The submitter a department account reports as; nil for the others.
    public var submitter: Submitter? {
        guard let account, account.role == .department, let department = account.department else { return nil }
        return Submitter(region: account.region, department: department)
    }

    /// The account an upload comes from and the submitter it is recorded
    /// for: the account's own folder, never the client's choice.
    public func uploader() throws(Denied) -> (account: PortalAccount, submitter: Submitter) {
        guard let account, let submitter else {
            throw Denied(
                reason: "只有部门账号可以报送 only department accounts upload (\(account?.role.rawValue ?? "no account"))")
        }
        return (account, submitter)
    }

    /// Whether the account may see this submitter's reports and receipts.
    public func maySee(_ submitter: Submitter) -> Bool {
        switch account?.role {
        case nil: true
        case .department: submitter == self.submitter
        case .city, .province: maySee(region: submitter.region)
        }
    }

    /// Whether the account may see figures and roll-ups of this region: a
    /// department its own region, a city its subtree, the province all.
    public func maySee(region code: String) -> Bool {
        guard let account else { return true }
        return switch account.role {
        case .province: catalog.region(code: code) != nil
        case .city: catalog.isWithin(region: code, ancestor: account.region)
        case .department: code == account.region
        }
    }

    public func requireSight(of region: String) throws(Denied) {
        guard maySee(region: region) else { throw Denied(reason: "地区 region \(region)") }
    }

    /// The cities whose status grids the account looks at: the city of a
    /// department's or city's region, every city for the province.
    public var cities: [String] {
        guard let account, account.role != .province else {
            return catalog.regions.filter { $0.level == .city }.map(\.code)
        }
        return Self.city(of: account.region, in: catalog).map { [$0] } ?? []
    }

    /// The city a region is in (the region itself for a city); nil above or outside any city.
    public static func city(of region: String, in catalog: Catalog) -> String? {
        var code: String? = region
        while let here = code, let place = catalog.region(code: here) {
            if place.level == .city { return here }
            code = place.parentCode
        }
        return nil
    }

    /// The regions whose submitters the account sees; nil: all.
    public var regions: Set<String>? {
        guard let account else { return nil }
        return switch account.role {
        case .province: nil
        case .department: [account.region]
        case .city:
            catalog.codes(within: account.region)
        }
    }

    /// The region a targets page opens on: the account's own (the province's for the whole deployment).
    public var homeRegion: String {
        account?.region ?? catalog.regions.first { $0.level == .province }?.code ?? ""
    }
}
