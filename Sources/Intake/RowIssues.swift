import Vocabulary

/// The issues found in one row (or a form's header), before the file's
/// `IssueList` decides which it keeps: each one's code, severity and place
/// at once, its messages only when it is kept. A file breaking a rule on
/// every row finds a million issues and keeps a hundred; filling the
/// messages of the others was most of what such a row cost.
struct RowIssues {
    /// One issue found: made already, or its kind and the values for its
    /// blanks, which `values` gives when the issue is kept.
    enum Found {
        case made(Issue)
        case kind(IssueKind, at: IssueLocation, values: () -> [String: String])

        var code: String {
            switch self {
            case .made(let issue): issue.code
            case .kind(let kind, _, _): kind.code
            }
        }

        var severity: Severity {
            switch self {
            case .made(let issue): issue.severity
            case .kind(let kind, _, _): kind.severity
            }
        }

        var location: IssueLocation {
            switch self {
            case .made(let issue): issue.location
            case .kind(_, let location, _): location
            }
        }

        /// The issue with its messages.
        func issue() -> Issue {
            switch self {
            case .made(let issue): issue
            case .kind(let kind, let location, let values): kind.issue(at: location, values())
            }
        }
    }

    private(set) var found: [Found] = []

    /// `kind`'s issue at `location`, its blanks filled from `values` if it is kept.
    mutating func append(
        _ kind: IssueKind, at location: IssueLocation, _ values: @escaping () -> [String: String]
    ) {
        found.append(.kind(kind, at: location, values: values))
    }

    /// An issue made already.
    mutating func append(_ issue: Issue) {
        found.append(.made(issue))
    }

    /// The issues found, left to right: in the order of their columns,
    /// those of one column (or none) in the order found.
    func byColumn() -> RowIssues {
        var sorted = RowIssues()
        // Stable: `sorted` keeps the order of equal elements.
        sorted.found = found.sorted { ($0.location.column ?? 0) < ($1.location.column ?? 0) }
        return sorted
    }

    /// Only the issues `isIncluded` keeps.
    func filter(_ isIncluded: (Found) -> Bool) -> RowIssues {
        var kept = RowIssues()
        kept.found = found.filter(isIncluded)
        return kept
    }
}

extension IssueList {
    /// Appends a row's issues in the order found; each one's messages made only if it is kept.
    static func += (list: inout IssueList, row: RowIssues) {
        for found in row.found { list.append(code: found.code, severity: found.severity) { found.issue() } }
    }
}
