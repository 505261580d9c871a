import Foundation

extension SheetError.Code {
    /// A sheet name Excel would refuse: empty, too long, a forbidden character.
    public static let invalidSheetName = Self("sheet-name-invalid")
    /// A sheet name already used in the workbook (Excel compares case-insensitively).
    public static let duplicateSheetName = Self("sheet-name-duplicate")
}

/// Excel's rules for sheet names, checked before anything is written.
enum SheetName {
    static let maxLength = 31
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Throws `invalidSheetName` or `duplicateSheetName` with the reason.
    static func validate(_ name: String, existing: [String]) throws {
        func refuse(_ why: String) -> SheetError {
            SheetError(.invalidSheetName, "sheet name '\(name)' \(why)", sheet: name)
        }
        if name.trimmingWhitespace.isEmpty { throw refuse("is blank") }
        // Excel counts UTF-16 code units.
        if name.utf16.count > maxLength { throw refuse("is longer than \(maxLength) characters") }
        if let bad = name.first(where: forbidden.contains) {
            throw refuse("contains '\(bad)'; none of []:*?/\\ is allowed")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { throw refuse("starts or ends with an apostrophe") }
        if name.lowercased() == "history" { throw refuse("is reserved by Excel") }
        if existing.contains(where: { $0.lowercased() == name.lowercased() }) {
            throw SheetError(
                .duplicateSheetName, "sheet name '\(name)' is already used (names are case-insensitive)",
                sheet: name)
        }
    }

    /// The name as a formula reference: `Sheet1!` as Excel writes a plain
    /// ASCII name, otherwise quoted with quotes doubled, `'总览'!`. A name
    /// that reads as a cell (`A1`, `R2C3`) or starts with a digit is quoted too.
    static func quotedForFormula(_ name: String) -> String {
        needsQuotes(name) ? "'" + name.doubling("'") + "'!" : name + "!"
    }

    private static func needsQuotes(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return true }
        let plain = name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == ".")
        }
        guard plain else { return true }
        if CellReference(name) != nil { return true }
        // R1C1 references: R, C, R2, C3, R2C3.
        let upper = name.uppercased()
        return upper.range(of: #"^(R[0-9]*)?(C[0-9]*)?$"#, options: .regularExpression) != nil
    }
}

extension String {
    fileprivate var trimmingWhitespace: Substring {
        var text = self[...]
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}

extension SheetName {
    /// A valid name as close to `name` as the rules allow, for sheets whose
    /// names come from elsewhere (a CSV file's name): forbidden characters
    /// become `_`, the name is cut to 31 characters, and a clash gets ` (2)`.
    static func sanitized(_ name: String, existing: [String]) -> String {
        var base = String(name.map { forbidden.contains($0) ? "_" : $0 })
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        if base.trimmingWhitespace.isEmpty || base.lowercased() == "history" { base = "Sheet" }
        var candidate = truncated(base, to: maxLength)
        var number = 2
        while (try? validate(candidate, existing: existing)) == nil {
            let suffix = " (\(number))"
            candidate = truncated(base, to: maxLength - suffix.utf16.count) + suffix
            number += 1
        }
        return candidate
    }

    /// The longest prefix of whole characters within `limit` UTF-16 units.
    private static func truncated(_ text: String, to limit: Int) -> String {
        var result = ""
        for character in text {
            if result.utf16.count + character.utf16.count > limit { break }
            result.append(character)
        }
        return result
    }
}
