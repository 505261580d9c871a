extension Sequence where Element: Hashable {
    /// The elements in their order, each once: codes a page lists as headers or choices.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
