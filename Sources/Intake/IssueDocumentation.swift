import Vocabulary

/// `docs/issues.md`, made from `IssueCatalog` so that the list people read
/// is the list intake reports (a test compares the two).
public enum IssueDocumentation {
    public static func markdown() -> String {
        var lines = [
            "# 校验问题代码 Issue codes",
            "",
            "Generated from `Sources/Intake/IssueCatalog.swift` (`IssueDocsTests` keeps the two equal;",
            "`HUANXIN_WRITE_DOCS=1 swift test --filter IssueDocsTests` rewrites this file).",
            "",
            "Every issue has a stable ASCII code, a severity (`error`: the whole file version is",
            "rejected; `warning`: reported on the receipt, the figures still count), a location",
            "(sheet and A1 cell for workbooks; physical line and column, and their A1 form, for CSV;",
            "row numbers are those people see, header included) and a message in Chinese and English.",
            "Codes follow Frictionless (`type-error`, `constraint-error`, `missing-label`, ...) where",
            "Frictionless makes the same check. File-level issues keep the reader's own code",
            "(`zip-bomb`, `xml-doctype`, ...) in their message.",
            "",
            "A warning on a figure (a `rule-<code>` of severity warning, `month-jump`, `stock-drop`,",
            "`outlier`) is confirmed when the figure's row explains it in its 说明/备注 column or cell",
            "(数据属实说明; a written 无, -, — or 不适用 is no explanation): it stays on the receipt as",
            "提示（已说明） with the explanation (`confirmation` in JSON) and is no open question",
            "(`warnings` counts only the open ones, `confirmed` the others). Errors are not confirmed.",
            "",
            "| code | severity | triggered by |",
            "|---|---|---|",
        ]
        for kind in IssueCatalog.all {
            lines.append("| `\(kind.code)` | \(kind.severity.rawValue) | \(kind.trigger) |")
        }
        lines += ["", "## Examples", ""]
        for kind in IssueCatalog.all {
            let example = kind.exampleIssue
            lines += [
                "### `\(kind.code)` (\(kind.severity.rawValue))", "", "- 中文: \(example.messageZh)",
                "- English: \(example.messageEn)", "",
            ]
        }
        return lines.joined(separator: "\n")
    }
}
