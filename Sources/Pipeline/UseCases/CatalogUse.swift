import Catalog
import Foundation
import Reports

/// The catalog could not be loaded or does not hold together: every error,
/// each with its file and line, for the operator (exit 2).
public struct CatalogUnavailable: Error, Sendable, CustomStringConvertible {
    public let errors: [String]

    public init(errors: [String]) {
        self.errors = errors
    }

    public var description: String {
        (errors + ["目录有 \(errors.count) 个错误 The catalog has \(errors.count) error(s)."]).joined(separator: "\n")
    }
}

extension Deployment {
    /// `Schemas/`, loaded and cross-checked; every surface starts here.
    public func loadCatalog() throws(CatalogUnavailable) -> Catalog {
        do {
            return try CatalogLoader.loadChecked(schemas: schemas)
        } catch {
            throw CatalogUnavailable(errors: error.errors.map(\.description))
        }
    }
}

/// Rows with a header, as the listing commands print them (CSV or a table).
public struct TextTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public enum Format: String, Sendable, CaseIterable {
        case csv, table
    }

    /// RFC 4180 CSV, or columns aligned for a terminal (a Chinese character takes two).
    public func rendered(as format: Format) -> String {
        switch format {
        case .csv:
            return ([header] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n")
        case .table:
            return AlignedText.table([header] + rows)
        }
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// 180000, 0.8, 97.5: no trailing ".0", no exponent.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

/// What `huanxin schemas …` shows of the catalog: the check's report and the
/// listings of targets, indicators and layouts.
public struct CatalogListing: Sendable {
    public let deployment: Deployment

    public init(deployment: Deployment) {
        self.deployment = deployment
    }

    /// Loads and cross-checks `Schemas/` without stopping at the first
    /// error: the counts people check, then every error.
    public func check() -> (report: [String], errors: [String]) {
        let started = ContinuousClock.now
        let schemas = deployment.schemas
        let (catalog, errors) = CatalogLoader.loadAndCheck(schemas: schemas)
        let levels = Dictionary(grouping: catalog.regions, by: \.level).mapValues(\.count)
        var lines = [
            "目录 Catalog: \(schemas.path)",
            "  地区 regions: \(catalog.regions.count) ("
                + RegionLevel.allCases.map { "\($0.rawValue) \(levels[$0] ?? 0)" }.joined(separator: ", ") + ")",
            "  部门 departments: \(catalog.departments.count)  单位 units: \(catalog.units.count)  "
                + "指标 indicators: \(catalog.indicators.count)",
            "  校验规则 checks: \(catalog.rules.count)  格式 layouts: \(catalog.layouts.map(\.id).joined(separator: ", "))",
            "  计划 plans: \(catalog.plans.count)  目标 targets: \(catalog.targets.count)",
        ]
        for plan in catalog.plans {
            lines.append(
                "    \(plan.id): \(plan.entries.count) 条 entries, \(plan.targets.count) 个目标 targets, "
                    + "\(plan.qualitative.count) 条定性 qualitative — \(plan.seed)")
        }
        let seconds = (ContinuousClock.now - started).seconds
        lines.append(String(format: "  用时 time: %.3f s", seconds))
        return (lines, errors.map(\.description))
    }

    /// Every target with its quoted sentence, optionally of one plan.
    public func targets(plan: String?) throws -> TextTable {
        let catalog = try deployment.loadCatalog()
        if let plan, catalog.plan(id: plan) == nil {
            throw UsageError("未知计划 unknown plan “\(plan)”: \(catalog.plans.map(\.id).joined(separator: ", "))")
        }
        let header = [
            "seed", "plan", "region", "region_name", "indicator", "indicator_name", "year", "since",
            "operator", "value", "unit", "written", "sentence",
        ]
        let rows = catalog.targets.filter { plan == nil || $0.plan == plan }.map { target -> [String] in
            let indicator = catalog.indicator(code: target.indicator)
            return [
                target.seed, target.plan, target.region, catalog.region(code: target.region)?.name ?? "",
                target.indicator, indicator?.name ?? "", String(target.year), target.entry.since.map(String.init) ?? "",
                target.op.symbol, TextTable.number(target.value), indicator?.unit ?? "",
                target.entry.written, target.sentence,
            ]
        }
        return TextTable(header: header, rows: rows)
    }

    /// Every indicator with unit, departments and method.
    public func indicators() throws -> TextTable {
        let catalog = try deployment.loadCatalog()
        let header = [
            "code", "name", "english", "unit", "lead_department", "departments", "time", "method", "parts",
            "min", "max",
        ]
        let rows = catalog.indicators.map { indicator -> [String] in
            var parts = indicator.method.parts.joined(separator: ";")
            if case .growth(_, let year, let annualised) = indicator.method {
                parts += " base \(year)" + (annualised ? " annualised" : "")
            }
            return [
                indicator.code, indicator.name, indicator.english, indicator.unit, indicator.lead,
                catalog.departments(reporting: indicator.code).map(\.code).joined(separator: ";"),
                indicator.time.rawValue, indicator.method.name, parts,
                indicator.minimum.map(TextTable.number) ?? "", indicator.maximum.map(TextTable.number) ?? "",
            ]
        }
        return TextTable(header: header, rows: rows)
    }

    /// The regions a submitter's folder may be named after (`Inbox/<code>/`):
    /// the cities, counties and local units, optionally within one region
    /// (a code or a name: 聊城市), with their level and parent.
    public func regions(within ancestor: String?) throws -> TextTable {
        let catalog = try deployment.loadCatalog()
        let root = try ancestor.map { text -> String in
            let matches = catalog.regions(named: text)
            guard matches.count == 1 else { throw UsageError("未知或不唯一的地区 unknown or ambiguous region: \(text)") }
            return matches[0].code
        }
        let rows = catalog.regions
            .filter { region in
                region.level != .town && region.level != .province
                    && (root.map { catalog.isWithin(region: region.code, ancestor: $0) } ?? true)
            }
            .map {
                [
                    $0.code, $0.name, $0.level.rawValue, $0.parentCode ?? "",
                    $0.parentCode.flatMap { catalog.region(code: $0)?.name } ?? "",
                ]
            }
        return TextTable(header: ["code", "name", "level", "parent_code", "parent_name"], rows: rows)
    }

    /// The departments a submitter's folder may be named after
    /// (`Inbox/<region>/<code>/`), with their names, levels, reporting
    /// frequency and what they may report.
    public func departments() throws -> TextTable {
        let catalog = try deployment.loadCatalog()
        let rows = catalog.departments.map { department -> [String] in
            [
                department.code, department.name, department.english,
                RegionLevel.allCases.filter(department.levels.contains).map(\.rawValue).joined(separator: ";"),
                department.frequency.rawValue,
                department.frequencies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }.joined(
                    separator: ";"),
                department.indicators.joined(separator: ";"),
            ]
        }
        return TextTable(
            header: ["code", "name", "english", "levels", "frequency", "frequencies", "indicators"], rows: rows)
    }

    /// A layout as a plain Frictionless Table Schema.
    public func frictionlessSchema(layout id: String) throws -> Data {
        let catalog = try deployment.loadCatalog()
        guard let layout = catalog.layout(id: id) else {
            throw UsageError("未知格式 unknown layout “\(id)”: \(catalog.layouts.map(\.id).joined(separator: ", "))")
        }
        return try layout.frictionlessJSON()
    }
}

/// A request the use case cannot carry out as asked (an unknown code, a
/// malformed value): the surface reports it as a usage error.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
