import Vocabulary

/// The issues of one file, bounded: the first `perCode` issues of each code
/// are kept as found (at most `perFile` in all), the rest only counted, and
/// each code with uncounted ones ends in one `more-issues` saying how many.
/// A sheet repeating one mistake a million times costs a hundred issues,
/// not a million: the memory, the ledger's rows and the receipt's lines
/// stay bounded, and the department still sees every kind of mistake.
///
/// Every issue intake finds passes through one of these (`LayoutReading`,
/// the consistency checks), so the bound is kept in this one place.
public struct IssueList: Sendable {
    /// Issues kept of one code.
    public static let perCode = 100
    /// Issues kept of all codes together.
    public static let perFile = 1_000

    public private(set) var kept: [Issue] = []
    /// Per code: how many were found, kept or not, and the worst severity.
    private var found: [String: (count: Int, severity: Severity)] = [:]
    /// Codes in the order their first issue came, for the summaries' order.
    private var codes: [String] = []

    public init() {}

    public init(_ issues: [Issue]) {
        self += issues
    }

    public mutating func append(_ issue: Issue) {
        append(code: issue.code, severity: issue.severity) { issue }
    }

    /// Appends the issue of `code` and `severity` that `make` builds, if it
    /// is to be kept; past the bound only counts it, its messages never
    /// written: a rule broken on a million rows costs a hundred messages.
    public mutating func append(code: String, severity: Severity, _ make: () -> Issue) {
        // One lookup of the code, in place: a file breaking rules on every row counts a million.
        let count = Self.count(severity, in: &found[code, default: (0, severity)])
        if count == 1 { codes.append(code) }
        if count <= Self.perCode, kept.count < Self.perFile { kept.append(make()) }
    }

    /// Counts one more issue of `severity` in a code's entry; its count now.
    private static func count(_ severity: Severity, in entry: inout (count: Int, severity: Severity)) -> Int {
        entry.count += 1
        entry.severity = max(entry.severity, severity)
        return entry.count
    }

    public static func += (list: inout IssueList, issues: [Issue]) {
        for issue in issues { list.append(issue) }
    }

    /// Whether any issue found, kept or not, is an error.
    public var hasError: Bool { found.values.contains { $0.severity == .error } }

    /// How many issues were found, kept or not.
    public var foundCount: Int { found.values.reduce(0) { $0 + $1.count } }

    /// The kept issues in the order found, then one `more-issues` per code
    /// some of whose issues were only counted; it carries that code's
    /// severity, so a file is rejected or not as if all were listed.
    public var issues: [Issue] { issues(replacing: [:]) }

    /// `issues` with every issue of each code of `fileWide`, kept or
    /// counted, made one: its issue, where the first of them was, or none
    /// when it is nil (a check that says for the whole file what its rows
    /// said one by one).
    func issues(replacing fileWide: [String: Issue?]) -> [Issue] {
        var keptPerCode: [String: Int] = [:]
        for issue in kept { keptPerCode[issue.code, default: 0] += 1 }
        var placed = Set<String>()
        var listed = kept.compactMap { issue -> Issue? in
            guard let replacement = fileWide[issue.code] else { return issue }
            return placed.insert(issue.code).inserted ? replacement : nil
        }
        // Never lost: one whose row issues were all only counted goes last.
        for (code, replacement) in fileWide.sorted(by: { $0.key < $1.key }) where !placed.contains(code) {
            if let replacement { listed.append(replacement) }
        }
        return listed
            + codes.compactMap { code in
                guard fileWide[code] == nil else { return nil }
                guard let (count, severity) = found[code], count > keptPerCode[code, default: 0] else { return nil }
                return IssueCatalog.moreIssues.issue(
                    at: IssueLocation(),
                    [
                        "count": String(count - keptPerCode[code, default: 0]),
                        "kept": String(keptPerCode[code, default: 0]),
                        "code": code,
                    ], severity: severity)
            }
    }
}
