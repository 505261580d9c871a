import Foundation
import Testing

@testable import Intake

@Suite struct IssueDocsTests {
    static let docs = IntakeFixture.packageRoot.appendingPathComponent("docs/issues.md")

    @Test func docsListEveryCodeAsTheCatalogDoes() throws {
        let generated = IssueDocumentation.markdown()
        if ProcessInfo.processInfo.environment["HUANXIN_WRITE_DOCS"] == "1" {
            try generated.write(to: Self.docs, atomically: true, encoding: .utf8)
        }
        let written = try String(contentsOf: Self.docs, encoding: .utf8)
        #expect(
            written == generated, "docs/issues.md is stale: HUANXIN_WRITE_DOCS=1 swift test --filter IssueDocsTests")
    }

    @Test func codesAreUniqueASCIIAndExamplesFillEveryBlank() {
        let codes = IssueCatalog.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        for kind in IssueCatalog.all {
            #expect(
                kind.code.allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "-" || $0 == "<" || $0 == ">") },
                "\(kind.code)")
            let example = kind.exampleIssue
            #expect(
                !example.messageZh.contains("{") && !example.messageEn.contains("{"),
                "\(kind.code): \(example.messageZh)")
        }
    }
}
