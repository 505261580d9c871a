/// What a streaming query (`each…(_ body:)`, such as the ledger's
/// `eachCountedReport`) hands out, as an array, for a test that compares it
/// whole: `try collected(reader.eachCountedReport)`.
public func collected<Element>(_ each: ((Element) throws -> Void) throws -> Void) rethrows -> [Element] {
    var elements: [Element] = []
    try each { elements.append($0) }
    return elements
}
