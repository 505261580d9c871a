/// One plan of the programme (a seed document) and its targets.
public struct Plan: Hashable, Sendable {
    /// `liaocheng-2024`: the file name under plans/ without `.yaml`.
    public var id: String
    public var title: String
    public var english: String?
    public var issuer: String
    /// 文号, e.g. 嘉政发〔2024〕5号; nil when the document carries none.
    public var documentNumber: String?
    /// As published: `2024-05-20`, or `2024` when only the year is given.
    public var date: String
    public var region: String
    /// The seed's file name in Schemas/seeds/.
    public var seed: String
    /// Targets as written in the file ("每年" once, with all its years).
    public var entries: [TargetEntry]
    /// Goals without a figure, quoted, so a reader sees they were not missed.
    public var qualitative: [Quote]
    public var location: SchemaLocation

    public init(
        id: String, title: String, english: String?, issuer: String, documentNumber: String?,
        date: String, region: String, seed: String, entries: [TargetEntry],
        qualitative: [Quote], location: SchemaLocation
    ) {
        self.id = id
        self.title = title
        self.english = english
        self.issuer = issuer
        self.documentNumber = documentNumber
        self.date = date
        self.region = region
        self.seed = seed
        self.entries = entries
        self.qualitative = qualitative
        self.location = location
    }

    /// One target per year and region: "每年" and "各县" entries expanded.
    public var targets: [Target] {
        entries.flatMap { entry in
            let regions = entry.regions.isEmpty ? [region] : entry.regions
            return entry.years.flatMap { year in
                regions.map { Target(plan: id, seed: seed, region: $0, year: year, entry: entry) }
            }
        }
    }
}

/// A sentence quoted from a seed, with where the quote is written.
public struct Quote: Hashable, Sendable {
    public var text: String
    public var location: SchemaLocation
}

/// A target as written in a plan file: one or more years, one or more regions.
public struct TargetEntry: Hashable, Sendable {
    public var indicator: String
    public var years: [Int]
    /// Regions the target applies to each; empty means the plan's region.
    public var regions: [String]
    public var op: TargetOperator
    /// In the indicator's canonical unit.
    public var value: Double
    /// The figure and wording as the plan writes it (达到18万辆以上).
    public var written: String
    /// The value and unit as written, when the unit differs from the canonical one.
    public var converted: (value: Double, unit: String)?
    /// For flow indicators: the figure is summed over the years from `since` to `year`.
    public var since: Int?
    /// The plan's own sentence.
    public var sentence: Quote
    /// Other sentences of the same plan that restate this target.
    public var also: [Quote]
    public var note: String?
    public var location: SchemaLocation

    public init(
        indicator: String, years: [Int], regions: [String], op: TargetOperator, value: Double,
        written: String, converted: (value: Double, unit: String)?, since: Int?,
        sentence: Quote, also: [Quote], note: String?, location: SchemaLocation
    ) {
        self.indicator = indicator
        self.years = years
        self.regions = regions
        self.op = op
        self.value = value
        self.written = written
        self.converted = converted
        self.since = since
        self.sentence = sentence
        self.also = also
        self.note = note
        self.location = location
    }

    public static func == (lhs: TargetEntry, rhs: TargetEntry) -> Bool {
        lhs.location == rhs.location && lhs.indicator == rhs.indicator
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(location)
        hasher.combine(indicator)
    }
}

/// One target: an indicator's value for one region and year under one plan.
public struct Target: Hashable, Sendable {
    public var plan: String
    public var seed: String
    public var region: String
    public var year: Int
    public var entry: TargetEntry

    public var indicator: String { entry.indicator }
    public var op: TargetOperator { entry.op }
    public var value: Double { entry.value }
    public var sentence: String { entry.sentence.text }
    /// A target the plan sets for each of several years ("每年…", "年均增长…"):
    /// each year's figure reaches it or not, with no ramp from the base.
    public var isEveryYear: Bool { entry.years.count > 1 }
}
