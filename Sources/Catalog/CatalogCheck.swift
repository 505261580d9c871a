import Foundation

extension CatalogError.Code {
    static let unknownCode = Self("unknown-code")
    static let duplicate = Self("duplicate")
    static let unitMismatch = Self("unit-mismatch")
    static let cycle = Self("cycle")
    static let unreportable = Self("unreportable")
    static let missingParts = Self("missing-parts")
    static let quoteNotFound = Self("quote-not-found")
    static let valueNotQuoted = Self("value-not-quoted")
    static let outOfRange = Self("out-of-range")
    static let badLocalCode = Self("bad-local-code")
}

/// Cross-checks of a loaded catalog: every code known, nothing twice, units
/// that reach the canonical unit, no cycles among derived indicators, targets
/// the plan's region can report, and quotes found in their seeds.
public struct CatalogCheck {
    public var catalog: Catalog
    /// Folder of the seed documents; quotes are checked when a seed is there.
    public var seeds: URL?

    public init(catalog: Catalog, seeds: URL?) {
        self.catalog = catalog
        self.seeds = seeds
    }

    public func run() -> [CatalogError] {
        var errors: [CatalogError] = []
        checkDuplicates(&errors)
        checkRegions(&errors)
        checkUnits(&errors)
        checkDepartments(&errors)
        checkIndicators(&errors)
        checkRules(&errors)
        checkPlans(&errors)
        return errors
    }

    // MARK: Duplicates

    private func checkDuplicates(_ errors: inout [CatalogError]) {
        duplicates(catalog.regions, kind: "地区代码 region code", key: \.code, location: \.location, &errors)
        duplicates(catalog.departments, kind: "部门代码 department code", key: \.code, location: \.location, &errors)
        duplicates(catalog.indicators, kind: "指标代码 indicator code", key: \.code, location: \.location, &errors)
        duplicates(catalog.plans, kind: "计划 plan id", key: \.id, location: \.location, &errors)
        duplicates(catalog.rules, kind: "校验代码 check code", key: \.code, location: \.location, &errors)
        let spellings = catalog.units.flatMap { unit in
            ([unit.code] + unit.alternatives.keys.sorted()).map { ($0, unit.location) }
        }
        duplicates(spellings, kind: "单位写法 unit spelling", key: \.0, location: \.1, &errors)
        let targets = catalog.targets.map { target in
            (
                "\(target.plan) \(target.indicator) \(target.region) \(target.year) \(target.op.rawValue)",
                target.entry.location
            )
        }
        duplicates(targets, kind: "目标 target", key: \.0, location: \.1, &errors)
    }

    private func duplicates<T>(
        _ items: [T], kind: String, key: (T) -> String, location: (T) -> SchemaLocation,
        _ errors: inout [CatalogError]
    ) {
        var seen: [String: SchemaLocation] = [:]
        for item in items {
            let code = key(item)
            if let first = seen[code] {
                errors.append(
                    CatalogError(
                        .duplicate, at: location(item), "重复的\(kind)“\(code)”（首次见于 \(first)）",
                        "duplicate \(kind) “\(code)” (first at \(first))"))
            } else {
                seen[code] = location(item)
            }
        }
    }

    // MARK: Entries

    private func checkRegions(_ errors: inout [CatalogError]) {
        for region in catalog.regions {
            if let parent = region.parentCode, catalog.region(code: parent) == nil {
                unknown("上级地区 parent region", parent, at: region.location, &errors)
            }
            if region.level == .local,
                !Region.isLocalCode(region.code) || !region.code.hasPrefix(region.parentCode ?? "-")
            {
                errors.append(
                    CatalogError(
                        .badLocalCode, at: region.location,
                        "本地单位代码 “\(region.code)” 应为 <上级代码>-L<两位数字>",
                        "local unit code “\(region.code)” must be <parent code>-L<two digits>"))
            }
        }
    }

    private func checkUnits(_ errors: inout [CatalogError]) {
        let canonical = Set(catalog.units.map(\.code))
        for unit in catalog.units {
            for alternative in unit.alternatives.keys.sorted() where canonical.contains(alternative) {
                errors.append(
                    CatalogError(
                        .unitMismatch, at: unit.location,
                        "“\(alternative)” 既是规范单位又是 “\(unit.code)” 的其他写法",
                        "“\(alternative)” is both a canonical unit and an alternative of “\(unit.code)”"))
            }
        }
    }

    private func checkDepartments(_ errors: inout [CatalogError]) {
        for department in catalog.departments {
            for code in department.indicators where catalog.indicator(code: code) == nil {
                unknown("指标 indicator", code, at: department.location, &errors)
            }
            for code in department.frequencies.keys.sorted() where !department.indicators.contains(code) {
                errors.append(
                    CatalogError(
                        .unknownCode, at: department.location,
                        "报送频率所列指标“\(code)”不在该部门的 indicators 中",
                        "frequencies names “\(code)”, which the department does not report"))
            }
        }
    }

    private func checkIndicators(_ errors: inout [CatalogError]) {
        for indicator in catalog.indicators {
            if catalog.units.first(where: { $0.code == indicator.unit }) == nil {
                unknown("规范单位 canonical unit", indicator.unit, at: indicator.location, &errors)
            }
            if catalog.department(code: indicator.lead) == nil {
                unknown("牵头部门 lead department", indicator.lead, at: indicator.location, &errors)
            } else if !catalog.departments(reporting: indicator.code).contains(where: { $0.code == indicator.lead }) {
                errors.append(
                    CatalogError(
                        .unreportable, at: indicator.location,
                        "牵头部门 “\(indicator.lead)” 不报送指标 “\(indicator.code)”（或其组成部分）",
                        "lead department “\(indicator.lead)” reports neither “\(indicator.code)” nor its parts"))
            }
            for part in indicator.method.parts where catalog.indicator(code: part) == nil {
                errors.append(
                    CatalogError(
                        .missingParts, at: indicator.location,
                        "派生指标 “\(indicator.code)” 的组成部分 “\(part)” 不存在",
                        "part “\(part)” of derived indicator “\(indicator.code)” does not exist"))
            }
            if let cycle = cycle(from: indicator.code) {
                errors.append(
                    CatalogError(
                        .cycle, at: indicator.location, "派生指标循环引用：\(cycle.joined(separator: " → "))",
                        "derived indicators form a cycle: \(cycle.joined(separator: " → "))"))
            }
        }
    }

    /// The path back to `start` through parts, if there is one.
    private func cycle(from start: String) -> [String]? {
        var visited = Set<String>()
        func walk(_ code: String, _ path: [String]) -> [String]? {
            for part in catalog.indicator(code: code)?.method.parts ?? [] {
                if part == start { return path + [part] }
                if visited.insert(part).inserted, let found = walk(part, path + [part]) { return found }
            }
            return nil
        }
        return walk(start, [start])
    }

    private func checkRules(_ errors: inout [CatalogError]) {
        for rule in catalog.rules {
            for code in rule.indicators where catalog.indicator(code: code) == nil {
                unknown("指标 indicator", code, at: rule.location, &errors)
            }
        }
    }

    // MARK: Plans

    private func checkPlans(_ errors: inout [CatalogError]) {
        for plan in catalog.plans {
            guard let region = catalog.region(code: plan.region) else {
                unknown("地区 region", plan.region, at: plan.location, &errors)
                continue
            }
            let seed = seedText(plan.seed)
            if seeds != nil, seed == nil {
                errors.append(
                    CatalogError(
                        .unreadableFile, at: plan.location, "找不到规划原文 “\(plan.seed)”",
                        "seed document “\(plan.seed)” not found"))
            }
            for entry in plan.entries {
                checkTarget(entry, plan: plan, region: region, &errors)
                checkWritten(entry, &errors)
                for quote in [entry.sentence] + entry.also { checkQuote(quote, in: seed, plan: plan, &errors) }
            }
            for quote in plan.qualitative { checkQuote(quote, in: seed, plan: plan, &errors) }
        }
    }

    private func checkTarget(_ entry: TargetEntry, plan: Plan, region: Region, _ errors: inout [CatalogError]) {
        guard let indicator = catalog.indicator(code: entry.indicator) else {
            unknown("指标 indicator", entry.indicator, at: entry.location, &errors)
            return
        }
        for code in entry.regions {
            guard let target = catalog.region(code: code) else {
                unknown("地区 region", code, at: entry.location, &errors)
                continue
            }
            if !catalog.isWithin(region: code, ancestor: plan.region) {
                errors.append(
                    CatalogError(
                        .unknownCode, at: entry.location, "地区 “\(target.name)” 不在计划地区 “\(region.name)” 之内",
                        "region “\(code)” is outside the plan's region “\(plan.region)”"))
            }
        }
        let levels =
            entry.regions.isEmpty ? [region.level] : entry.regions.compactMap { catalog.region(code: $0)?.level }
        for level in Set(levels) where !catalog.canReport(indicator: indicator.code, atLevel: level) {
            errors.append(
                CatalogError(
                    .unreportable, at: entry.location,
                    "指标 “\(indicator.code)” 在\(level.rawValue)级无部门报送（或缺其组成部分）",
                    "no \(level.rawValue)-level department reports “\(indicator.code)” or all its parts"))
        }
        if !indicator.accepts(entry.value) {
            errors.append(
                CatalogError(
                    .outOfRange, at: entry.location, "目标值 \(entry.value) 超出指标有效范围",
                    "target value \(entry.value) is outside the valid range of “\(indicator.code)”"))
        }
        if let converted = entry.converted {
            let value = catalog.canonicalValue(converted.value, unit: converted.unit, indicator: indicator.code)
            if value.map({ abs($0 - entry.value) > 1e-9 * max(1, abs(entry.value)) }) ?? true {
                errors.append(
                    CatalogError(
                        .unitMismatch, at: entry.location,
                        "\(converted.value)\(converted.unit) 换算到 \(indicator.unit) 不等于 \(entry.value)",
                        "\(converted.value) \(converted.unit) does not convert to \(entry.value) \(indicator.unit)"))
            }
        }
    }

    /// The target's figure is the one its sentence states: when `written`
    /// holds a figure, the value (or `converted`'s, in its unit; a fall as
    /// its size) is one of `written`'s figures and one of the sentence's.
    /// Years (2023年) are no figures, `n倍` is also n × 100 %; words
    /// (基本淘汰, 增加约一倍, 全部) are conversions the plan files document
    /// beside them, not checked here.
    private func checkWritten(_ entry: TargetEntry, _ errors: inout [CatalogError]) {
        let written = Self.figures(in: entry.written)
        let value = abs(entry.converted?.value ?? entry.value)
        func holds(_ figures: [Double]) -> Bool { figures.contains { abs($0 - value) <= 1e-9 * max(1, value) } }
        guard !written.isEmpty else { return }
        let shown = Self.format(value)
        if !holds(written) {
            errors.append(
                CatalogError(
                    .valueNotQuoted, at: entry.location,
                    "目标值 \(shown) 与原文“\(entry.written)”不符（其中的数字：\(written.map(Self.format).joined(separator: "、"))）",
                    "target value \(shown) is not the figure written “\(entry.written)”"))
        } else if !holds(Self.figures(in: entry.sentence.text)) {
            errors.append(
                CatalogError(
                    .valueNotQuoted, at: entry.sentence.location, "目标值 \(shown) 不在该目标的引文中",
                    "target value \(shown) is not in the target's quoted sentence"))
        }
    }

    /// The figures a text states: its numbers, without years (2023年);
    /// `n倍` also as n × 100 (a growth in per cent).
    static func figures(in text: String) -> [Double] {
        var figures: [Double] = []
        var number = ""
        for character in text + " " {
            if character.isASCII, character.isNumber || (character == "." && !number.isEmpty) {
                number.append(character)
                continue
            }
            if let figure = Double(number), !(number.count == 4 && !number.contains(".") && character == "年") {
                figures.append(figure)
                if character == "倍" { figures.append(figure * 100) }
            }
            number = ""
        }
        return figures
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    private func checkQuote(_ quote: Quote, in seed: String?, plan: Plan, _ errors: inout [CatalogError]) {
        guard let seed, !Self.holds(seed, Self.normalised(quote.text)) else { return }
        errors.append(
            CatalogError(
                .quoteNotFound, at: quote.location, "引文未在规划原文 \(plan.seed) 中找到",
                "the quoted sentence is not in the seed \(plan.seed)"))
    }

    /// The seed's text with whitespace removed (its layout breaks lines mid-sentence).
    private func seedText(_ name: String) -> String? {
        guard let seeds, let text = try? String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8) else {
            return nil
        }
        return Self.normalised(text)
    }

    /// Whether `text` holds `part`, byte for byte. Foundation's `contains`
    /// compares UTF-16 clusters, and the standard library's generic search
    /// is not specialised for UTF-8 views: either took a quarter of loading
    /// the catalog for its two hundred quotes.
    private static func holds(_ text: String, _ part: String) -> Bool {
        var text = text
        var part = part
        return text.withUTF8 { text in
            part.withUTF8 { part in
                // An empty quote quotes nothing (as Foundation said of it).
                guard let first = part.first else { return false }
                guard part.count <= text.count else { return false }
                for start in 0...(text.count - part.count) where text[start] == first {
                    if (1..<part.count).allSatisfy({ text[start + $0] == part[$0] }) { return true }
                }
                return false
            }
        }
    }

    /// Text without any whitespace, so quotes compare across line breaks and layout spaces.
    public static func normalised(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    private func unknown(_ kind: String, _ code: String, at location: SchemaLocation, _ errors: inout [CatalogError]) {
        errors.append(CatalogError(.unknownCode, at: location, "未知\(kind)“\(code)”", "unknown \(kind) “\(code)”"))
    }
}
