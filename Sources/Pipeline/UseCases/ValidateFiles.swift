import Catalog
import Foundation
import Intake
import Reports
import Sheets

/// `huanxin validate`: the intake checks of the nightly run on files
/// anywhere, without touching the ledger (a dry run).
public struct ValidateFiles: Sendable {
    let reader: SubmissionReader
    let submitter: Submitter?

    /// `submitter` (region and department of the folder the files would be
    /// dropped into) turns on the authority checks; `today` is the current
    /// month (later periods are rejected).
    public init(deployment: Deployment, submitter: Submitter?, today: Period) throws {
        let catalog = try deployment.loadCatalog()
        if let submitter {
            guard catalog.region(code: submitter.region) != nil, catalog.department(code: submitter.department) != nil
            else {
                throw UsageError("未知地区或部门 Unknown region \(submitter.region) or department \(submitter.department).")
            }
        }
        reader = SubmissionReader(catalog: catalog, today: today)
        self.submitter = submitter
    }

    public func check(_ path: String) -> FileValidation {
        FileValidation(reader.read(path: path, submitter: submitter))
    }
}

/// One file's verdict as `validate` prints it; `--json` prints an array of them (`writeJSON`).
public struct FileValidation: Sendable {
    public var file: String
    /// `accepted` or `rejected`.
    public var status: String
    public var layout: String?
    public var observations: ObservationTable
    public var issues: [Issue]

    init(_ result: IntakeResult) {
        file = result.path
        status = result.isAccepted ? "accepted" : "rejected"
        layout = result.layout
        observations = result.observations
        issues = result.issues
    }

    public var isAccepted: Bool { status == "accepted" }

    /// The verdict line and every issue with its place and both messages.
    public var text: String {
        let verdict = isAccepted ? "受理 accepted" : "退回 rejected"
        let errors = issues.filter { $0.severity == .error }.count
        var lines = [
            "\(file): \(verdict) — 格式 layout \(layout ?? "-"), 数据 \(observations.count) 条 observations, "
                + "错误 \(errors) errors, 提示 \(issues.count - errors) warnings"
        ]
        for issue in issues {
            let place = issue.location.chinese.isEmpty ? "" : issue.location.chinese + " "
            lines.append("  [\(issue.levelChinese) \(issue.severity.rawValue)] \(issue.code) \(place)")
            lines.append("    \(issue.messageZh)")
            lines.append("    \(issue.messageEn)")
            if let confirmation = issue.confirmation { lines.append("    数据属实说明 confirmed: \(confirmation)") }
        }
        return lines.joined(separator: "\n")
    }

    /// The version of the object `writeJSON` writes for each file, as the
    /// other public documents carry theirs.
    public static let schemaVersion = 1

    /// Writes this file's object of the array `--json` prints (after a
    /// comma unless `first`), compact, with its observations last: the head
    /// (file, issues, layout, status; issues are bounded per file) through
    /// DocumentJSON, then the observations from the table's columns
    /// (`ObservationsJSON`) into one buffer, so the JSON of a million-row
    /// file is never whole in memory and costs little more than the checks
    /// (JSONEncoder cost 5× them).
    public func writeJSON(first: Bool, to output: FileHandle) throws {
        struct Head: Encodable {
            var schemaVersion = FileValidation.schemaVersion
            var file: String
            var status: String
            var layout: String?
            var issues: [Issue]
        }
        var head = try DocumentJSON.encode(
            Head(file: file, status: status, layout: layout, issues: issues), pretty: false)
        head.removeLast()  // the closing brace: the observations follow
        let stream = ByteStream(sink: FileDescriptorSink(descriptor: output.fileDescriptor))
        let json = DocumentJSONWriter(stream: stream)
        try json.raw(first ? "\n" : ",\n")
        try head.withUnsafeBytes { try stream.append($0) }
        try json.raw(",\"observations\":")
        var figures = ObservationsJSON(observations)
        try figures.write(to: json)
        try json.raw("}")
        try stream.flush()
    }
}
