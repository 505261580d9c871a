extension String {
    /// The text with every `mark` written twice: how a formula escapes `'`
    /// in a quoted sheet name and a header or footer escapes `&`. Most texts
    /// hold none and come back as they are; Foundation's `replacingOccurrences`,
    /// once per receipt sheet and header, cost as much as a small sheet's cells.
    func doubling(_ mark: Character) -> String {
        guard contains(mark) else { return self }
        return split(separator: mark, omittingEmptySubsequences: false).joined(separator: String([mark, mark]))
    }
}
