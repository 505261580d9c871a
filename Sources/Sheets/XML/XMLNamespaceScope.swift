#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The namespaces of one parse: the URIs its handler matches names against
/// (each with the index names carry), and the declarations of the open
/// elements. libxml2's parser and `PlainXMLScanner` keep one each, and the
/// attributes they hand over ask it what an attribute's URI is.
final class XMLNamespaceScope {
    /// Namespace URIs (NUL-terminated) the handler matches names against.
    private let namespaces: [(uri: [UInt8], index: Int)]
    /// A parser interns names, so a namespace URI keeps its pointer for the
    /// whole parse: remember which pointer is which.
    private var knownURIs: [(UnsafePointer<UInt8>, Int?)] = []
    /// The URI seen last and its index: nearly every name of a part shares one.
    @exclusivity(unchecked) private var lastURI: UnsafePointer<UInt8>?
    @exclusivity(unchecked) private var lastIndex: Int?
    /// Depth of the element being parsed, and the namespace declarations of
    /// open elements (rare: nearly always only the root's), innermost last.
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var declarations: [(depth: Int, prefix: [UInt8]?, uri: [UInt8])] = []
    @exclusivity(unchecked) private var deepestDeclaration = -1

    init(_ namespaces: [(uri: String, index: Int)]) {
        self.namespaces = namespaces.map { (Array($0.uri.utf8) + [0], $0.index) }
    }

    /// The index of a namespace URI among those the handler asked for.
    @inline(__always)
    func namespaceIndex(_ uri: UnsafePointer<UInt8>?) -> Int? {
        guard let uri else { return nil }
        if uri == lastURI { return lastIndex }
        lastURI = uri
        lastIndex = knownIndex(uri)
        return lastIndex
    }

    private func knownIndex(_ uri: UnsafePointer<UInt8>) -> Int? {
        // By index: iterating the array retained and released its storage at
        // each call, one call per attribute of an ODS cell (6% of a read).
        for k in knownURIs.indices where knownURIs[k].0 == uri { return knownURIs[k].1 }
        let index = namespaces.first { known in
            known.uri.withUnsafeBufferPointer {
                strcmp(
                    UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self),
                    UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) == 0
            }
        }?.index
        knownURIs.append((uri, index))
        return index
    }

    /// Records the declarations of the element starting at `depth`: `count`
    /// pairs of NUL-terminated prefix (nil for the default) and URI, as libxml2 gives them.
    @inline(__always)
    func enter(_ count: Int32, _ pairs: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        if count > 0, let pairs {
            for i in 0..<Int(count) {
                let uri = pairs[2 * i + 1].map { Array(UnsafeBufferPointer(start: $0, count: strlen($0))) } ?? []
                declarations.append(
                    (depth, pairs[2 * i].map { Array(UnsafeBufferPointer(start: $0, count: strlen($0))) }, uri))
            }
            deepestDeclaration = depth
        }
        depth += 1
    }

    /// Forgets the declarations of the element that ends.
    @inline(__always)
    func leave() {
        depth -= 1
        guard deepestDeclaration >= depth else { return }
        while let last = declarations.last, last.depth >= depth { declarations.removeLast() }
        deepestDeclaration = declarations.last?.depth ?? -1
    }

    func declarationsInScope() -> [UInt8] {
        var seen: [[UInt8]?] = []
        var text: [UInt8] = []
        for declaration in declarations.reversed() where !seen.contains(where: { $0 == declaration.prefix }) {
            seen.append(declaration.prefix)
            text += Array(" xmlns".utf8)
            if let prefix = declaration.prefix { text += [UInt8(ascii: ":")] + prefix }
            text += Array("=\"".utf8)
            for byte in declaration.uri {
                switch byte {
                case UInt8(ascii: "&"): text += Array("&amp;".utf8)
                case UInt8(ascii: "<"): text += Array("&lt;".utf8)
                case UInt8(ascii: "\""): text += Array("&quot;".utf8)
                default: text.append(byte)
                }
            }
            text.append(UInt8(ascii: "\""))
        }
        return text
    }
}
