import Foundation

/// A layout field's `pattern` (a Frictionless pattern, matching the whole
/// value), made once per layout. The catalog's patterns are fixed shapes
/// over ASCII (`^[0-9]{6}([0-9]{3})?$`, `^[a-z][a-z0-9_]*$`); such a pattern
/// is matched on the text's bytes by a small automaton, a million cells in
/// a fraction of the time `NSRegularExpression` takes. Any other pattern
/// goes to `NSRegularExpression`, so the YAML's pattern text stays the one
/// source of what a value may look like.
enum FieldPattern {
    case bytes(BytePattern)
    case regex(NSRegularExpression)

    /// nil when the pattern is not a valid regular expression (the field is then not checked by it).
    init?(_ pattern: String) {
        if let bytes = BytePattern(pattern) {
            self = .bytes(bytes)
        } else if let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$") {
            self = .regex(regex)
        } else {
            return nil
        }
    }

    /// Whether the whole of `text` matches.
    func matches(_ text: String) -> Bool {
        switch self {
        case .bytes(let pattern):
            var text = text
            return text.withUTF8 { pattern.matches($0) }
        case .regex(let regex):
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }
}

/// A regular expression of ASCII byte classes (`[0-9]`) and literals,
/// groups, alternation and the quantifiers `? * + {n} {n,} {n,m}`, with `^`
/// only at the start of a top-level alternative and `$` only at its end,
/// matched as `NSRegularExpression` matches `^(?:pattern)$`: the whole text,
/// or all of it but one final line terminator (ICU's `$`). Built as a
/// position automaton (Glushkov) of at most 64 positions, one bit each, so
/// matching walks the bytes once with no allocation and no backtracking.
struct BytePattern {
    /// Per byte value, the positions whose class holds it.
    private var positionsOf = [UInt64](repeating: 0, count: 256)
    /// Per position, the positions that may come next.
    private var follow: [UInt64] = []
    private var first: UInt64 = 0
    private var last: UInt64 = 0
    private var nullable = false

    /// nil for a pattern outside this form, or of more than 64 positions.
    init?(_ pattern: String) {
        var parser = Parser(bytes: Array(pattern.utf8))
        guard let tree = parser.alternation(topLevel: true), parser.atEnd else { return nil }
        guard let made = make(tree) else { return nil }
        (nullable, first, last) = (made.nullable, made.first, made.last)
    }

    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if matchesWhole(text) { return true }
        let terminator = Self.finalLineTerminator(text)
        return terminator > 0 && matchesWhole(UnsafeBufferPointer(rebasing: text.dropLast(terminator)))
    }

    private func matchesWhole(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let head = text.first else { return nullable }
        var state = first & positionsOf[Int(head)]
        for byte in text.dropFirst() {
            guard state != 0 else { return false }
            var next: UInt64 = 0
            var rest = state
            while rest != 0 {
                next |= follow[rest.trailingZeroBitCount]
                rest &= rest - 1
            }
            state = next & positionsOf[Int(byte)]
        }
        return state & last != 0
    }

    /// The bytes of the line terminator `text` ends in (ICU's: LF, VT, FF,
    /// CR, CR LF, NEL, U+2028, U+2029), 0 for none.
    private static func finalLineTerminator(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        let count = text.count
        guard let end = text.last else { return 0 }
        switch end {
        case 0x0A: return count >= 2 && text[count - 2] == 0x0D ? 2 : 1
        case 0x0B, 0x0C, 0x0D: return 1
        case 0x85: return count >= 2 && text[count - 2] == 0xC2 ? 2 : 0
        case 0xA8, 0xA9: return count >= 3 && text[count - 3] == 0xE2 && text[count - 2] == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// The pattern, parsed.
    fileprivate indirect enum Node {
        /// One byte of the set (256 bits).
        case byte(ByteSet)
        case sequence([Node])
        case alternation([Node])
        case repeated(Node, minimum: Int, maximum: Int?)
    }

    fileprivate struct ByteSet {
        var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        mutating func insert(_ range: ClosedRange<UInt8>) {
            for byte in range {
                let bit = UInt64(1) << (byte % 64)
                switch byte / 64 {
                case 0: bits.0 |= bit
                case 1: bits.1 |= bit
                case 2: bits.2 |= bit
                default: bits.3 |= bit
                }
            }
        }

        func contains(_ byte: UInt8) -> Bool {
            let word =
                switch byte / 64 {
                case 0: bits.0
                case 1: bits.1
                case 2: bits.2
                default: bits.3
                }
            return word & (UInt64(1) << (byte % 64)) != 0
        }
    }

    /// Gives `node`'s bytes new positions (a repeated group has its own per
    /// copy), linking each to the positions that may follow it.
    private mutating func make(_ node: Node) -> (nullable: Bool, first: UInt64, last: UInt64)? {
        switch node {
        case .byte(let set):
            guard follow.count < 64 else { return nil }
            let bit = UInt64(1) << follow.count
            follow.append(0)
            for byte in 0...255 where set.contains(UInt8(byte)) { positionsOf[byte] |= bit }
            return (false, bit, bit)
        case .sequence(let nodes):
            var made = (nullable: true, first: UInt64(0), last: UInt64(0))
            for node in nodes {
                guard let next = make(node) else { return nil }
                link(made.last, to: next.first)
                made = (
                    made.nullable && next.nullable, made.first | (made.nullable ? next.first : 0),
                    next.last | (next.nullable ? made.last : 0)
                )
            }
            return made
        case .alternation(let nodes):
            var made = (nullable: false, first: UInt64(0), last: UInt64(0))
            for node in nodes {
                guard let next = make(node) else { return nil }
                made = (made.nullable || next.nullable, made.first | next.first, made.last | next.last)
            }
            return made
        case .repeated(let node, minimum: 0, maximum: 1):
            guard let made = make(node) else { return nil }
            return (true, made.first, made.last)
        case .repeated(let node, minimum: 0, maximum: nil):
            guard let made = make(node) else { return nil }
            link(made.last, to: made.first)
            return (true, made.first, made.last)
        case .repeated(let node, let minimum, let maximum):
            // `a{2,4}` is `a a (a (a)?)?`, `a{2,}` is `a a a*`: each copy its own positions.
            var parts = Array(repeating: node, count: minimum)
            if let maximum, maximum > minimum {
                var optional = Node.repeated(node, minimum: 0, maximum: 1)
                for _ in (minimum + 1)..<maximum {
                    optional = .repeated(.sequence([node, optional]), minimum: 0, maximum: 1)
                }
                parts.append(optional)
            } else if maximum == nil {
                parts.append(.repeated(node, minimum: 0, maximum: nil))
            }
            return make(.sequence(parts))
        }
    }

    private mutating func link(_ from: UInt64, to next: UInt64) {
        var rest = from
        while rest != 0 {
            follow[rest.trailingZeroBitCount] |= next
            rest &= rest - 1
        }
    }

    /// Recursive descent over the pattern's bytes; nil for anything outside the form.
    private struct Parser {
        let bytes: [UInt8]
        var at = 0

        var atEnd: Bool { at == bytes.count }
        private var next: UInt8? { at < bytes.count ? bytes[at] : nil }

        /// Alternatives to the next `)` or the end; anchors only at the top level's ends.
        mutating func alternation(topLevel: Bool) -> Node? {
            var options: [Node] = []
            while true {
                if topLevel, next == UInt8(ascii: "^") { at += 1 }
                var items: [Node] = []
                while let byte = next, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
                    if topLevel, byte == UInt8(ascii: "$") {
                        at += 1
                        guard next == nil || next == UInt8(ascii: "|") else { return nil }
                        break
                    }
                    guard let item = quantified() else { return nil }
                    items.append(item)
                }
                options.append(.sequence(items))
                guard next == UInt8(ascii: "|") else { break }
                at += 1
            }
            return options.count == 1 ? options[0] : .alternation(options)
        }

        private mutating func quantified() -> Node? {
            guard var node = atom() else { return nil }
            while let byte = next {
                let bounds: (minimum: Int, maximum: Int?)
                switch byte {
                case UInt8(ascii: "?"): bounds = (0, 1)
                case UInt8(ascii: "*"): bounds = (0, nil)
                case UInt8(ascii: "+"): bounds = (1, nil)
                case UInt8(ascii: "{"):
                    guard let counted = counts() else { return nil }
                    bounds = counted
                default: return node
                }
                if byte != UInt8(ascii: "{") { at += 1 }
                // Lazy and possessive forms are left to NSRegularExpression.
                if next == UInt8(ascii: "?") || next == UInt8(ascii: "+") { return nil }
                node = .repeated(node, minimum: bounds.minimum, maximum: bounds.maximum)
            }
            return node
        }

        /// `{n}`, `{n,}` or `{n,m}`, read past its `}`.
        private mutating func counts() -> (minimum: Int, maximum: Int?)? {
            at += 1
            guard let minimum = number() else { return nil }
            var maximum: Int? = minimum
            if next == UInt8(ascii: ",") {
                at += 1
                maximum = next == UInt8(ascii: "}") ? nil : number()
                if maximum == nil, next != UInt8(ascii: "}") { return nil }
            }
            guard next == UInt8(ascii: "}"), maximum.map({ $0 >= minimum }) ?? true else { return nil }
            at += 1
            return (minimum, maximum)
        }

        private mutating func number() -> Int? {
            var value = 0
            var digits = 0
            while let byte = next, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 3 {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                at += 1
            }
            return digits > 0 ? value : nil
        }

        private mutating func atom() -> Node? {
            guard let byte = next else { return nil }
            at += 1
            switch byte {
            case UInt8(ascii: "("):
                if next == UInt8(ascii: "?") {
                    guard at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: ":") else { return nil }
                    at += 2
                }
                guard let inner = alternation(topLevel: false), next == UInt8(ascii: ")") else { return nil }
                at += 1
                return inner
            case UInt8(ascii: "["):
                return byteClass().map(Node.byte)
            case UInt8(ascii: "\\"):
                return escaped().map(Node.byte)
            default:
                guard Self.isLiteral(byte) else { return nil }
                var set = ByteSet()
                set.insert(byte...byte)
                return .byte(set)
            }
        }

        /// After `\`: an escaped ASCII punctuation mark, standing for itself.
        /// (`\d` is any Unicode decimal digit to ICU, not a byte class.)
        private mutating func escaped() -> ByteSet? {
            guard let byte = next, (0x21...0x7E).contains(byte), !Self.isAlphanumeric(byte) else { return nil }
            at += 1
            var set = ByteSet()
            set.insert(byte...byte)
            return set
        }

        /// After `[`: ASCII bytes and ranges to `]`, not negated.
        private mutating func byteClass() -> ByteSet? {
            var set = ByteSet()
            guard next != UInt8(ascii: "^"), next != UInt8(ascii: "]") else { return nil }
            while let byte = next, byte != UInt8(ascii: "]") {
                guard let low = classMember(byte) else { return nil }
                if next == UInt8(ascii: "-"), at + 1 < bytes.count, bytes[at + 1] != UInt8(ascii: "]") {
                    at += 1
                    guard let end = next, let high = classMember(end), low <= high else { return nil }
                    set.insert(low...high)
                } else {
                    set.insert(low...low)
                }
            }
            guard next == UInt8(ascii: "]") else { return nil }
            at += 1
            return set
        }

        /// One member of a class; ICU's set syntax (`[[a]`, `&&`, `\p`) is left to NSRegularExpression.
        private mutating func classMember(_ byte: UInt8) -> UInt8? {
            at += 1
            if byte == UInt8(ascii: "\\") {
                guard let escaped = next, (0x21...0x7E).contains(escaped), !Self.isAlphanumeric(escaped) else {
                    return nil
                }
                at += 1
                return escaped
            }
            guard
                Self.isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: " ")
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":")
            else { return nil }
            return byte
        }

        private static func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }

        /// Bytes that stand for themselves outside a class.
        private static func isLiteral(_ byte: UInt8) -> Bool {
            isAlphanumeric(byte) || "_-:/,= @#%&'\"<>!~`;".utf8.contains(byte)
        }
    }
}
