import Foundation
import Testing

@testable import Catalog

/// A layout field's pattern is matched on bytes when it is a fixed shape
/// over ASCII: it must say exactly what `NSRegularExpression` says of the
/// whole value (`^(?:pattern)$`), on the catalog's own patterns and on
/// texts near their edges.
@Suite struct FieldPatternTests {
    /// Patterns of the byte form, the catalog's first.
    static let patterns = [
        "^[0-9]{6}([0-9]{3})?$|^[0-9]{6}-L[0-9]{2}$", "^[a-z][a-z0-9_]*$", "[A-Z]{2,4}", "(ab|a)+b?",
        "x{0}y", "(a?)*z", "[0-9.,]{1,}", "a\\.b|", "(?:12|3){2,3}", "^$",
    ]
    static let texts = [
        "", "370829", "370829001", "371500-L01", "37082", "3708290012", "370829-L1", "370829-l01", "３７０８２９",
        "370829\n", "370829\r\n", "370829\n\n", "370829\r", "370829\u{85}", "370829\u{2028}", "370829\u{2029}",
        "370829\u{0B}", "370829\u{0C}", "\n", "nev_stock", "Nev_stock", "_nev", "n", "nev-stock", "nev stock",
        "nev_stock\n", "指标", "AB", "ABCD", "ABCDE", "A", "ab", "abab", "aabb", "abb", "b", "y", "xy", "z", "aaz",
        "az", "1.2,3", "a.b", "a\u{2028}", "1212", "123", "12312", "3333", "33", "12121212",
    ]

    @Test func theCatalogsPatternsAreMatchedOnBytes() throws {
        let layouts = SchemasFixture.catalog.layouts
        let patterns = layouts.flatMap { $0.fields.compactMap(\.pattern) }
        #expect(patterns.count >= 3)
        for pattern in patterns { #expect(BytePattern(pattern) != nil, "\(pattern)") }
    }

    @Test(arguments: patterns)
    func bytesSayWhatTheRegularExpressionSays(pattern: String) throws {
        let bytes = try #require(BytePattern(pattern), "\(pattern)")
        let regex = try NSRegularExpression(pattern: "^(?:\(pattern))$")
        for text in Self.texts {
            var utf8 = text
            let matched = utf8.withUTF8 { bytes.matches($0) }
            let expected = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            #expect(matched == expected, "\(pattern) on \(text.debugDescription)")
        }
    }

    /// Unicode digits (`\d`), any character (`.`), negated and ICU sets,
    /// lazy quantifiers, anchors inside: left to `NSRegularExpression`,
    /// which the field's check still applies.
    @Test func otherPatternsAreLeftToTheRegularExpression() {
        for pattern in [
            "\\d{6}", "a.c", "[^0-9]", "[[a]b]", "a+?", "(a$)", "a^b", "[a-]", "é", "(a",
            String(repeating: "[0-9]", count: 65),
        ] {
            #expect(BytePattern(pattern) == nil, "\(pattern)")
        }
        guard case .regex(let regex)? = FieldPattern("\\d{6}") else {
            Issue.record("\\d{6} is not a regular expression")
            return
        }
        #expect(regex.pattern == "^(?:\\d{6})$")
        #expect(FieldPattern("\\d{6}")?.matches("３７０８２９") == true)
        #expect(FieldPattern("(a") == nil)
    }
}
