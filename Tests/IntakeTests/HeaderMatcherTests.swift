import Catalog
import Testing

@testable import Intake

@Suite struct HeaderMatcherTests {
    /// The rule `normalise` keeps, asked of Unicode's tables for every
    /// scalar: full-width ASCII folded, white space dropped, lower case.
    private static func byUnicodeTables(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            guard let folded = Unicode.Scalar(value), !folded.properties.isWhitespace else { continue }
            scalars.append(folded)
        }
        return String(scalars).lowercased()
    }

    /// Labels as people write them: the fast paths for ASCII and CJK give
    /// what the tables give, for other letters and spaces too.
    @Test(arguments: [
        "指标代码", " 指 标 代 码 ", "Indicator_Code", "ＶＡＬＵＥ", "ｖａｌｕｅ", "\u{3000}数值\u{3000}", "本月\u{00A0}数值",
        "Ünit", "ΣΤΑΤΙΣΤΙΚΗ", "région", "期间\t(月)", "地区\u{2003}代码\n", "计量单位（ＫＧ）", "", "\u{200B}备注", "Ｒｅｇｉｏｎ\u{205F}Code",
        "𠀀指标", "\u{0085}note",
    ])
    func normaliseAgreesWithUnicodesTables(_ label: String) {
        #expect(HeaderMatcher.normalise(label) == Self.byUnicodeTables(label), "\(label.unicodeScalars.map(\.value))")
    }

    @Test func normaliseFoldsWidthSpaceAndCase() {
        #expect(HeaderMatcher.normalise(" Ｉｎｄｉｃａｔｏｒ\u{3000}") == "indicator")
        #expect(HeaderMatcher.normalise("地区 代码") == "地区代码")
        #expect(HeaderMatcher.normalise("ÉTAT") == "état")
    }

    /// A records header spelt every way the aliases allow finds each field.
    @Test func recordsAliasesFindTheirFields() throws {
        let records = try #require(IntakeFixture.catalog.layout(id: "records"))
        let matcher = HeaderMatcher(fields: records.columns)
        #expect(matcher.field(named: "区划代码") == "region")
        #expect(matcher.field(named: "ＩＮＤＩＣＡＴＯＲ") == "indicator")
        #expect(matcher.field(named: " 报 告 期 ") == "period")
        #expect(matcher.field(named: "Value") == "value")
        #expect(matcher.field(named: "单位\u{3000}") == "unit")
        #expect(matcher.field(named: "Remarks") == "note")
        #expect(matcher.field(named: "合计") == nil)
    }
}
