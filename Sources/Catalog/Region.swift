/// Where a region sits in the hierarchy province → city → county → town.
public enum RegionLevel: String, Sendable, CaseIterable, Comparable {
    case province, city, county, town
    /// A locally defined unit (development zone, new area) without a national code.
    case local

    /// Depth below the province; a local unit reports like a county.
    var depth: Int {
        switch self {
        case .province: 0
        case .city: 1
        case .county, .local: 2
        case .town: 3
        }
    }

    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool { lhs.depth < rhs.depth }
}

/// One administrative division, or a locally defined unit, with its parent.
public struct Region: Hashable, Sendable {
    /// National statistical code (`371500`, `370829400`) or local code (`371500-L01`).
    public var code: String
    public var name: String
    public var level: RegionLevel
    /// nil for the province only.
    public var parentCode: String?
    /// English name, given for local units.
    public var english: String?
    public var location: SchemaLocation

    public init(
        code: String, name: String, level: RegionLevel, parentCode: String?,
        english: String? = nil, location: SchemaLocation
    ) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.english = english
        self.location = location
    }

    /// Local codes carry "-L": `<parent code>-L<nn>` (see Schemas/README.md).
    public static func isLocalCode(_ code: String) -> Bool {
        guard let range = code.range(of: "-L") else { return false }
        let parent = code[..<range.lowerBound]
        let number = code[range.upperBound...]
        return parent.count == 6 && parent.allSatisfy(\.isASCIIDigit)
            && number.count == 2 && number.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
