import Foundation
import Vocabulary

/// The loaded `Schemas/`: regions, departments, units, indicators, plans,
/// layouts and rules, with the lookups other modules need.
public struct Catalog: Sendable {
    public let regions: [Region]
    public let departments: [Department]
    public let units: [Unit]
    public let indicators: [Indicator]
    public let plans: [Plan]
    public let layouts: [Layout]
    public let rules: [ConsistencyRule]
    public let deadline: Deadline?

    private let regionIndex: [String: Int]
    private let departmentIndex: [String: Int]
    private let indicatorIndex: [String: Int]
    private let planIndex: [String: Int]
    /// Every spelling (canonical and alternative) → its conversion to the canonical unit.
    private let conversions: [String: UnitConversion]

    public init(
        regions: [Region], departments: [Department], units: [Unit], indicators: [Indicator],
        plans: [Plan], layouts: [Layout], rules: [ConsistencyRule], deadline: Deadline?
    ) {
        self.regions = regions
        self.departments = departments
        self.units = units
        self.indicators = indicators
        self.plans = plans
        self.layouts = layouts
        self.rules = rules
        self.deadline = deadline
        // First entry wins on duplicates; CatalogCheck reports them.
        regionIndex = Dictionary(regions.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        departmentIndex = Dictionary(departments.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        indicatorIndex = Dictionary(indicators.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        planIndex = Dictionary(plans.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var conversions: [String: UnitConversion] = [:]
        for unit in units {
            conversions[unit.code] = conversions[unit.code] ?? UnitConversion(from: unit.code, to: unit.code, factor: 1)
            for (spelling, factor) in unit.alternatives where conversions[spelling] == nil {
                conversions[spelling] = UnitConversion(from: spelling, to: unit.code, factor: factor)
            }
        }
        self.conversions = conversions
    }

    // MARK: Regions

    public func region(code: String) -> Region? { regionIndex[code].map { regions[$0] } }

    /// True when `region` is `ancestor` or lies anywhere below it.
    public func isWithin(region code: String, ancestor: String) -> Bool {
        var current: String? = code
        var steps = 0
        while let here = current, steps <= 8 {  // the hierarchy is 4 deep; the bound stops a cycle
            if here == ancestor { return true }
            current = region(code: here)?.parentCode
            steps += 1
        }
        return false
    }

    /// The codes of `ancestor` and every region below it.
    public func codes(within ancestor: String) -> Set<String> {
        Set(regions.lazy.map(\.code).filter { isWithin(region: $0, ancestor: ancestor) })
    }

    /// The regions a person's text names: its code, its name (聊城市), or
    /// its name without the level's last character (聊城).
    public func regions(named text: String) -> [Region] {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let region = region(code: text) { return [region] }
        guard !text.isEmpty else { return [] }
        let exact = regions.filter { $0.name == text }
        return exact.isEmpty ? regions.filter { $0.name.count > 2 && $0.name.dropLast() == text } : exact
    }

    /// Direct children of a region (national divisions and local units).
    public func children(of code: String) -> [Region] { regions.filter { $0.parentCode == code } }

    // MARK: Departments and indicators

    public func department(code: String) -> Department? { departmentIndex[code].map { departments[$0] } }

    public func indicator(code: String) -> Indicator? { indicatorIndex[code].map { indicators[$0] } }

    /// Indicators `department` may report, in catalog order.
    public func indicators(reportableBy department: String) -> [Indicator] {
        guard let listed = self.department(code: department)?.indicators else { return [] }
        let codes = Set(listed)
        return indicators.filter { codes.contains($0.code) }
    }

    /// Departments that report the indicator itself, or — for computed
    /// indicators — every part it is made of.
    public func departments(reporting indicator: String) -> [Department] {
        let codes = reportedCodes(of: indicator, depth: 0)
        return departments.filter { department in department.indicators.contains(where: codes.contains) }
    }

    /// The indicator itself when reported, else the reported indicators beneath it.
    private func reportedCodes(of code: String, depth: Int) -> Set<String> {
        guard depth < 16, let indicator = indicator(code: code) else { return [] }
        guard indicator.method.isComputed else { return [code] }
        return indicator.method.parts.reduce(into: Set<String>()) {
            $0.formUnion(reportedCodes(of: $1, depth: depth + 1))
        }
    }

    /// True when some department existing at `level` can supply the indicator:
    /// it reports it (and its weight, for weighted rates), or all its parts.
    public func canReport(indicator code: String, atLevel level: RegionLevel) -> Bool {
        canReport(code, level: level, depth: 0)
    }

    private func canReport(_ code: String, level: RegionLevel, depth: Int) -> Bool {
        guard depth < 16, let indicator = indicator(code: code) else { return false }
        if indicator.method.isComputed {
            return indicator.method.parts.allSatisfy { canReport($0, level: level, depth: depth + 1) }
        }
        let listed = departments.contains { $0.levels.contains(level) && $0.indicators.contains(code) }
        return listed && indicator.method.parts.allSatisfy { canReport($0, level: level, depth: depth + 1) }
    }

    // MARK: Units

    /// The conversion from a unit as written to its canonical unit; nil when unknown.
    public func conversion(from unit: String) -> UnitConversion? { conversions[unit] }

    /// Decimals a reader is shown of the indicator's figures: its own, else its unit's (default 2).
    public func decimals(of indicator: Indicator) -> Int {
        indicator.decimals ?? units.first { $0.code == indicator.unit }?.decimals ?? 2
    }

    /// A figure of the indicator `code` as messages print it: to the
    /// indicator's decimals (2 for an unknown code), without float noise.
    public func figureText(_ value: Double, of code: String) -> String {
        FigureText.of(value, decimals: indicator(code: code).map(decimals(of:)) ?? 2)
    }

    /// `value` written in `unit`, in the canonical unit of `indicator`; nil
    /// when the unit is unknown or does not convert to the indicator's unit.
    public func canonicalValue(_ value: Double, unit: String, indicator code: String) -> Double? {
        guard let indicator = indicator(code: code), let conversion = conversion(from: unit),
            conversion.to == indicator.unit
        else { return nil }
        return conversion.apply(value)
    }

    // MARK: Plans and targets

    public func plan(id: String) -> Plan? { planIndex[id].map { plans[$0] } }

    /// Every target of every plan, "每年" and per-region entries expanded.
    public var targets: [Target] { plans.flatMap(\.targets) }

    /// Targets set for `region` itself by any plan.
    public func targets(region code: String) -> [Target] { targets.filter { $0.region == code } }

    public func layout(id: String) -> Layout? { layouts.first { $0.id == id } }
}
