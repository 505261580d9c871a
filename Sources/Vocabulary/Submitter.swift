/// Who submitted a file: the inbox folder it was dropped into,
/// `Inbox/<region>/<department>/`. Intake checks its authority; the ledger
/// keys supersession by it.
public struct Submitter: Hashable, Sendable, Codable {
    public var region: String
    public var department: String

    public init(region: String, department: String) {
        self.region = region
        self.department = department
    }
}
