import Foundation
import Vocabulary
import Yams

extension CatalogError.Code {
    static let badValue = Self("bad-value")
}

/// Reads `Schemas/` into a `Catalog`, collecting every shape error (file and
/// line) instead of stopping at the first; a malformed entry is left out.
public struct CatalogLoader {
    /// The `Schemas/` folder.
    public var schemas: URL

    public init(schemas: URL) {
        self.schemas = schemas
    }

    /// Loads and cross-checks (`CatalogCheck`); throws every error found.
    public static func loadChecked(schemas: URL) throws(CatalogErrors) -> Catalog {
        let (catalog, errors) = loadAndCheck(schemas: schemas)
        if !errors.isEmpty { throw CatalogErrors(errors: errors) }
        return catalog
    }

    /// Loads and cross-checks, each error once. A YAML syntax error stops
    /// the cross-check: with a file left out, what it would find (hundreds
    /// of unknown codes) are consequences, not errors of their own.
    public static func loadAndCheck(schemas: URL) -> (catalog: Catalog, errors: [CatalogError]) {
        let (catalog, loaded) = CatalogLoader(schemas: schemas).load()
        var seen = Set<String>()
        let errors = loaded.filter { seen.insert($0.description).inserted }
        if errors.contains(where: { $0.code == .yamlSyntax }) { return (catalog, errors) }
        return (catalog, errors + CatalogCheck(catalog: catalog, seeds: schemas.appendingPathComponent("seeds")).run())
    }

    /// The catalog as far as it could be read, and the errors met on the way.
    public func load() -> (catalog: Catalog, errors: [CatalogError]) {
        var errors: [CatalogError] = []
        var regions: [Region] = []
        if let text = read("regions/shandong-divisions.csv", &errors) {
            let parsed = RegionTable.parse(text, file: "regions/shandong-divisions.csv")
            regions = parsed.regions
            errors += parsed.errors
        }
        regions += items("regions/local-units.yaml", key: "units", &errors, parseLocalUnit)
        let departments = items("departments.yaml", key: "departments", &errors, parseDepartment)
        let units = items("units.yaml", key: "units", &errors, parseUnit)
        let indicators = items("indicators.yaml", key: "indicators", &errors, parseIndicator)
        let rules = items("rules.yaml", key: "checks", &errors, parseRule)
        let deadline = document("rules.yaml", &errors).flatMap { reader, root in
            collect(&errors) { () throws(CatalogError) in try parseDeadline(reader, root) } ?? nil
        }
        let plans = files(in: "plans").compactMap { file in
            document(file, &errors).flatMap { reader, root in
                collect(&errors) { () throws(CatalogError) in try parsePlan(reader, root, file: file) }
            }
        }
        let layouts = files(in: "layouts").compactMap { file in
            document(file, &errors).flatMap { reader, root in
                collect(&errors) { () throws(CatalogError) in try parseLayout(reader, root) }
            }
        }
        let catalog = Catalog(
            regions: regions, departments: departments, units: units, indicators: indicators,
            plans: plans, layouts: layouts, rules: rules, deadline: deadline)
        return (catalog, errors)
    }

    // MARK: Files

    private func read(_ file: String, _ errors: inout [CatalogError]) -> String? {
        do {
            return try String(contentsOf: schemas.appendingPathComponent(file), encoding: .utf8)
        } catch {
            errors.append(
                CatalogError(
                    .unreadableFile, at: SchemaLocation(file: file),
                    "无法读取文件", "cannot read the file: \(error.localizedDescription)"))
            return nil
        }
    }

    /// The `.yaml` files of a folder, relative to `Schemas/`, sorted.
    private func files(in folder: String) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: schemas.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "\(folder)/\($0)" }
    }

    private func document(_ file: String, _ errors: inout [CatalogError]) -> (YAMLReader, Node)? {
        guard let text = read(file, &errors) else { return nil }
        do {
            let (reader, root) = try YAMLReader.compose(text, file: file)
            guard let root else {
                errors.append(CatalogError(.missingField, at: SchemaLocation(file: file), "文件为空", "the file is empty"))
                return nil
            }
            return (reader, root)
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// Parses each item of the list under `key`; a bad item is reported and skipped.
    private func items<T>(
        _ file: String, key: String, _ errors: inout [CatalogError],
        _ parse: (YAMLReader, Node) throws(CatalogError) -> T
    ) -> [T] {
        guard let (reader, root) = document(file, &errors) else { return [] }
        guard let nodes = collect(&errors, { () throws(CatalogError) in try reader.list(reader.mapping(root), key) })
        else { return [] }
        return nodes.compactMap { node in collect(&errors) { () throws(CatalogError) in try parse(reader, node) } }
    }

    private func collect<T>(_ errors: inout [CatalogError], _ body: () throws(CatalogError) -> T) -> T? {
        do { return try body() } catch {
            errors.append(error)
            return nil
        }
    }

    // MARK: Entries

    private func parseLocalUnit(_ r: YAMLReader, _ node: Node) throws(CatalogError) -> Region {
        let m = try r.mapping(node)
        return Region(
            code: try r.string(m, "code", in: node), name: try r.string(m, "name", in: node), level: .local,
            parentCode: try r.string(m, "parent", in: node), english: try r.optionalString(m, "english"),
            location: r.location(of: node))
    }

    private func parseDepartment(_ r: YAMLReader, _ node: Node) throws(CatalogError) -> Department {
        let m = try r.mapping(node)
        var levels = Set<RegionLevel>()
        for text in try r.strings(m, "levels") {
            guard let level = RegionLevel(rawValue: text) else {
                throw CatalogError(
                    .badValue, at: r.location(of: m["levels"] ?? node),
                    "未知层级 “\(text)”", "unknown level “\(text)” (city, county, local)")
            }
            levels.insert(level)
        }
        var frequencies: [String: ReportingFrequency] = [:]
        if let node = m["frequencies"] {
            for (key, value) in try r.mapping(node) {
                guard let code = key.scalar?.string else { continue }
                frequencies[code] = try frequency(r, value)
            }
        }
        return Department(
            code: try r.string(m, "code", in: node), name: try r.string(m, "name", in: node),
            english: try r.optionalString(m, "english") ?? "", variants: try r.strings(m, "variants"),
            levels: levels.isEmpty ? [.city, .county, .local] : levels,
            indicators: try r.strings(m, "indicators"),
            frequency: try m["frequency"].map { node throws(CatalogError) in try frequency(r, node) } ?? .monthly,
            frequencies: frequencies, location: r.location(of: node))
    }

    private func frequency(_ r: YAMLReader, _ node: Node) throws(CatalogError) -> ReportingFrequency {
        guard let text = node.scalar?.string, let frequency = ReportingFrequency(rawValue: text) else {
            throw CatalogError(
                .badValue, at: r.location(of: node), "报送频率应为 monthly（月报）、quarterly（季报）或 annual（年报）",
                "a reporting frequency is monthly, quarterly or annual")
        }
        return frequency
    }

    private func parseUnit(_ r: YAMLReader, _ node: Node) throws(CatalogError) -> Unit {
        let m = try r.mapping(node)
        var alternatives: [String: Double] = [:]
        if let node = m["alternatives"] {
            for (key, value) in try r.mapping(node) {
                guard let name = key.scalar?.string, let factor = value.float ?? value.int.map(Double.init), factor > 0
                else {
                    throw CatalogError(
                        .badValue, at: r.location(of: value), "换算系数应为正数",
                        "a conversion factor must be a positive number")
                }
                alternatives[name] = factor
            }
        }
        return Unit(
            code: try r.string(m, "code", in: node), english: try r.optionalString(m, "english") ?? "",
            alternatives: alternatives, decimals: try decimals(r, m) ?? 2, location: r.location(of: node))
    }

    private func parseIndicator(_ r: YAMLReader, _ node: Node) throws(CatalogError) -> Indicator {
        let m = try r.mapping(node)
        let timeText = try r.string(m, "time", in: node)
        guard let time = TimeBehaviour(rawValue: timeText) else {
            throw CatalogError(
                .badValue, at: r.location(of: m["time"] ?? node), "未知时间属性 “\(timeText)”",
                "unknown time behaviour “\(timeText)” (flow, stock, cumulative, rate)")
        }
        var minimum: Double?
        var maximum: Double?
        if let range = m["range"] {
            let rm = try r.mapping(range)
            minimum = try r.optionalDouble(rm, "min")
            maximum = try r.optionalDouble(rm, "max")
        }
        var rateTime: RateTime?
        if let text = try r.optionalString(m, "x-time") {
            guard let parsed = RateTime(rawValue: text) else {
                throw CatalogError(
                    .badValue, at: r.location(of: m["x-time"] ?? node), "未知取值时点 “\(text)”",
                    "unknown x-time “\(text)” (end, average)")
            }
            rateTime = parsed
        }
        return Indicator(
            code: try r.string(m, "code", in: node), name: try r.string(m, "name", in: node),
            english: try r.optionalString(m, "english") ?? "", unit: try r.string(m, "unit", in: node),
            lead: try r.string(m, "lead", in: node), time: time, method: try parseMethod(r, m, node),
            minimum: minimum, maximum: maximum, rateTime: rateTime, decimals: try decimals(r, m),
            note: try r.optionalString(m, "note"), location: r.location(of: node))
    }

    /// `decimals`, 0–6, when given.
    private func decimals(_ r: YAMLReader, _ m: Node.Mapping) throws(CatalogError) -> Int? {
        guard let decimals = try r.optionalInt(m, "decimals") else { return nil }
        guard (0...6).contains(decimals) else {
            throw CatalogError(.badValue, at: r.location(of: m["decimals"]!), "小数位数应为 0–6", "decimals must be 0–6")
        }
        return decimals
    }

    /// `method` with its parts: missing parts are reported as `missing-parts`.
    private func parseMethod(_ r: YAMLReader, _ m: Node.Mapping, _ node: Node) throws(CatalogError) -> RegionMethod {
        let name = try r.string(m, "method", in: node)
        let missing = { (what: String) in
            CatalogError(
                .missingParts, at: r.location(of: node), "派生指标缺少组成部分 “\(what)”",
                "derived indicator (\(name)) lacks its part “\(what)”")
        }
        switch name {
        case "sum":
            return .sum
        case "ratio", "share":
            guard let partsNode = m["parts"] else { throw missing("parts") }
            let parts = try r.mapping(partsNode)
            guard let numerator = try r.optionalString(parts, "numerator") else { throw missing("numerator") }
            guard let denominator = try r.optionalString(parts, "denominator") else { throw missing("denominator") }
            return name == "ratio"
                ? .ratio(numerator: numerator, denominator: denominator)
                : .share(numerator: numerator, denominator: denominator)
        case "weighted":
            guard let weight = try r.optionalString(m, "weight") else { throw missing("weight") }
            return .weighted(weight: weight)
        case "growth":
            guard let growthNode = m["growth"] else { throw missing("growth") }
            let growth = try r.mapping(growthNode)
            guard let of = try r.optionalString(growth, "of") else { throw missing("growth.of") }
            guard let baseYear = try r.optionalInt(growth, "base_year") else { throw missing("growth.base_year") }
            return .growth(of: of, baseYear: baseYear, annualised: try r.optionalBool(growth, "annualised") ?? false)
        default:
            throw CatalogError(
                .badValue, at: r.location(of: m["method"] ?? node), "未知汇总方法 “\(name)”",
                "unknown method “\(name)” (sum, ratio, share, weighted, growth)")
        }
    }

    private func parseRule(_ r: YAMLReader, _ node: Node) throws(CatalogError) -> ConsistencyRule {
        let m = try r.mapping(node)
        let kindText = try r.string(m, "kind", in: node)
        let kind: ConsistencyRule.Kind
        switch kindText {
        case "at-most": kind = .atMost(bound: try r.string(m, "bound", in: node))
        case "month-jump": kind = .monthJump(threshold: try r.double(m, "threshold", in: node))
        case "stock-drop": kind = .stockDrop(threshold: try r.double(m, "threshold", in: node))
        default:
            throw CatalogError(
                .badValue, at: r.location(of: node), "未知校验类型 “\(kindText)”",
                "unknown check kind “\(kindText)” (at-most, month-jump, stock-drop)")
        }
        let severityText = try r.optionalString(m, "severity") ?? "warning"
        guard let severity = Severity(rawValue: severityText) else {
            throw CatalogError(
                .badValue, at: r.location(of: node), "未知严重程度 “\(severityText)”",
                "unknown severity “\(severityText)” (error, warning)")
        }
        return ConsistencyRule(
            code: try r.string(m, "code", in: node), indicator: try r.string(m, "indicator", in: node),
            kind: kind, severity: severity, location: r.location(of: node))
    }

    private func parseDeadline(_ r: YAMLReader, _ root: Node) throws(CatalogError) -> Deadline? {
        guard let node = try r.mapping(root)["deadline"] else { return nil }
        let m = try r.mapping(node)
        guard let day = try r.optionalInt(m, "day"), (1...28).contains(day) else {
            throw CatalogError(.badValue, at: r.location(of: node), "截止日应为 1–28", "the deadline day must be 1–28")
        }
        return Deadline(day: day, monthsAfter: try r.optionalInt(m, "months_after") ?? 1)
    }

    private func parsePlan(_ r: YAMLReader, _ root: Node, file: String) throws(CatalogError) -> Plan {
        let m = try r.mapping(root)
        let quote = { (node: Node) throws(CatalogError) -> Quote in
            guard let text = node.scalar?.string else {
                throw CatalogError(.wrongType, at: r.location(of: node), "引文应为文本", "a quoted sentence must be text")
            }
            return Quote(text: text, location: r.location(of: node))
        }
        var entries: [TargetEntry] = []
        for node in try r.list(m, "targets") {
            entries.append(try parseTarget(r, node, quote: quote))
        }
        var qualitative: [Quote] = []
        for node in try r.list(m, "qualitative") { qualitative.append(try quote(node)) }
        let id = try r.string(m, "id", in: root)
        let expected = (file as NSString).lastPathComponent.replacingOccurrences(of: ".yaml", with: "")
        guard id == expected else {
            throw CatalogError(
                .badValue, at: r.location(of: m["id"] ?? root), "计划 id “\(id)” 应与文件名 “\(expected)” 相同",
                "plan id “\(id)” must match the file name “\(expected)”")
        }
        return Plan(
            id: id, title: try r.string(m, "title", in: root), english: try r.optionalString(m, "english"),
            issuer: try r.string(m, "issuer", in: root), documentNumber: try r.optionalString(m, "document_number"),
            date: try r.string(m, "date", in: root), region: try r.string(m, "region", in: root),
            seed: try r.string(m, "seed", in: root), entries: entries, qualitative: qualitative,
            location: r.location(of: root))
    }

    private func parseTarget(
        _ r: YAMLReader, _ node: Node,
        quote: (Node) throws(CatalogError) -> Quote
    ) throws(CatalogError) -> TargetEntry {
        let m = try r.mapping(node)
        var years = try r.ints(m, "years")
        if let year = try r.optionalInt(m, "year") { years.append(year) }
        guard !years.isEmpty else {
            throw CatalogError(
                .missingField, at: r.location(of: node), "目标缺少年份 “year” 或 “years”", "a target needs “year” or “years”")
        }
        let opText = try r.string(m, "op", in: node)
        guard let op = TargetOperator(rawValue: opText) else {
            throw CatalogError(
                .badValue, at: r.location(of: m["op"] ?? node), "未知比较符 “\(opText)”",
                "unknown operator “\(opText)” (>=, <=, ~=, =)")
        }
        var converted: (value: Double, unit: String)?
        if let convertedNode = m["converted"] {
            let cm = try r.mapping(convertedNode)
            converted = (try r.double(cm, "value", in: convertedNode), try r.string(cm, "unit", in: convertedNode))
        }
        guard let sentenceNode = m["sentence"] else {
            throw CatalogError(
                .missingField, at: r.location(of: node), "目标缺少原文引句 “sentence”", "a target needs its “sentence”")
        }
        var also: [Quote] = []
        for item in try r.list(m, "also") { also.append(try quote(item)) }
        return TargetEntry(
            indicator: try r.string(m, "indicator", in: node), years: years,
            regions: try r.strings(m, "regions"), op: op, value: try r.double(m, "value", in: node),
            written: try r.string(m, "written", in: node), converted: converted,
            since: try r.optionalInt(m, "since"), sentence: try quote(sentenceNode), also: also,
            note: try r.optionalString(m, "note"), location: r.location(of: node))
    }

    private func parseLayout(_ r: YAMLReader, _ root: Node) throws(CatalogError) -> Layout {
        let m = try r.mapping(root)
        var fields: [LayoutField] = []
        for node in try r.list(m, "fields") {
            let f = try r.mapping(node)
            let typeText = try r.string(f, "type", in: node)
            guard let type = FieldType(rawValue: typeText) else {
                throw CatalogError(
                    .badValue, at: r.location(of: f["type"] ?? node), "未知字段类型 “\(typeText)”",
                    "unknown field type “\(typeText)”")
            }
            var field = LayoutField(
                name: try r.string(f, "name", in: node), title: try r.string(f, "title", in: node),
                type: type, required: false, aliases: try r.strings(f, "x-aliases"),
                source: try r.optionalString(f, "x-source"), catalogList: try r.optionalString(f, "x-catalog"))
            if let constraintsNode = f["constraints"] {
                let c = try r.mapping(constraintsNode)
                field.required = try r.optionalBool(c, "required") ?? false
                field.pattern = try r.optionalString(c, "pattern")
                field.enumValues = c["enum"] == nil ? nil : try r.strings(c, "enum")
                field.minimum = try r.optionalDouble(c, "minimum")
                field.maximum = try r.optionalDouble(c, "maximum")
                field.maxLength = try r.optionalInt(c, "maxLength")
            }
            fields.append(field)
        }
        var header: [Layout.HeaderCell] = []
        for node in try r.list(m, "x-header") {
            let h = try r.mapping(node)
            header.append(
                Layout.HeaderCell(
                    name: try r.string(h, "name", in: node), label: try r.string(h, "label", in: node),
                    aliases: try r.strings(h, "x-aliases")))
        }
        var identity: Layout.IdentitySheet?
        if let node = m["x-identity-sheet"] {
            let s = try r.mapping(node)
            identity = Layout.IdentitySheet(name: try r.string(s, "name", in: node), keys: try r.strings(s, "keys"))
        }
        return Layout(
            id: try r.string(m, "id", in: root), title: try r.string(m, "title", in: root), fields: fields,
            missingValues: try r.strings(m, "missingValues"), primaryKey: try r.strings(m, "primaryKey"),
            header: header, identitySheet: identity, location: r.location(of: root))
    }
}
