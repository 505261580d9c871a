import Catalog
import Foundation
import Pipeline

/// The 目标进度 page: the targets grouped by status, each with its progress
/// bar (a `<meter>`), a chart of the year's monthly figure against the path
/// to the target, and the regions below side by side (`SVGChart`).
enum TargetsView {
    static let statusOrder = ["滞后", "进度正常", "已达标", "无数据"]
    static let statusClass = ["已达标": "met", "进度正常": "onTrack", "滞后": "behind", "无数据": "noData"]

    static func values(_ answer: TargetsQuery.Answer, scope: AccessScope, catalog: Catalog) -> [String: Any] {
        let groups = statusOrder.compactMap { status -> [String: Any]? in
            let lines = answer.targets.filter { $0.status == status }
            guard !lines.isEmpty else { return nil }
            return [
                "status": status, "class": statusClass[status] ?? "", "count": lines.count,
                "targets": lines.map { line(for: $0) },
            ]
        }
        // The regions this account may switch to: its own, and every region with plan targets it may see.
        let choices = ([scope.homeRegion, answer.region] + catalog.targets.map(\.region)).filter {
            scope.maySee(region: $0)
        }
        var seen = Set<String>()
        return [
            "region": answer.region, "regionName": answer.regionName, "period": answer.period.description,
            "groups": groups, "empty": answer.targets.isEmpty,
            "choices": choices.filter { seen.insert($0).inserted }.map {
                ["code": $0, "name": catalog.region(code: $0)?.name ?? $0, "selected": $0 == answer.region]
            },
        ]
    }

    private static func line(for target: TargetsQuery.Line) -> [String: Any] {
        [
            "indicator": target.indicator, "name": target.indicatorName, "unit": target.unit, "plan": target.planTitle,
            "lead": target.leadName, "year": target.year, "goal": "\(target.op) \(number(target.value))",
            "current": target.current.map(number) ?? "—", "period": target.period.description,
            "completion": target.completion.map { String(format: "%.1f%%", $0 * 100) } ?? "—",
            "meter": min(max(target.completion ?? 0, 0), 1), "elapsed": String(format: "%.0f%%", target.elapsed * 100),
            "status": target.status, "statusEnglish": target.statusEnglish, "class": statusClass[target.status] ?? "",
            "sentence": target.sentence,
            "trend": SVGChart.trend(
                target.months.map { ($0.period.description, $0.actual, $0.path) },
                title: "\(target.indicatorName)：月度实际与目标路径"),
            "parts": target.parts.isEmpty
                ? ""
                : SVGChart.bars(
                    target.parts.map { ($0.name, $0.value) },
                    title: "\(target.indicatorName)：分地区"),
        ]
    }

    /// Whole numbers with thousands separators, others with two decimals.
    static func number(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = value.rounded() == value ? 0 : 2
        formatter.minimumFractionDigits = value.rounded() == value ? 0 : 2
        return formatter.string(from: NSNumber(value: value)) ?? "\(value)"
    }
}

/// Small charts as inline SVG, drawn on the server: no script, no external
/// asset, readable without JavaScript. Text is escaped; numbers are numbers.
enum SVGChart {
    static let width = 520.0
    static let height = 180.0
    static let margin = (left: 56.0, right: 12.0, top: 24.0, bottom: 28.0)

    /// Monthly figure (bars) against the path to the target (a line).
    static func trend(_ months: [(label: String, actual: Double?, path: Double)], title: String) -> String {
        guard !months.isEmpty else { return "" }
        let top = max(months.map { max($0.actual ?? 0, $0.path) }.max() ?? 1, 1e-9)
        let plotWidth = width - margin.left - margin.right
        let plotHeight = height - margin.top - margin.bottom
        let step = plotWidth / Double(months.count)
        func y(_ value: Double) -> Double { margin.top + plotHeight * (1 - max(value, 0) / top) }
        var svg = open(title)
        svg += axis(top: top)
        for (index, month) in months.enumerated() {
            let x = margin.left + step * Double(index)
            if let actual = month.actual {
                svg +=
                    "<rect class=\"actual\" x=\"\(f(x + step * 0.15))\" y=\"\(f(y(actual)))\" width=\"\(f(step * 0.7))\" height=\"\(f(margin.top + plotHeight - y(actual)))\"><title>\(escape(month.label)) \(TargetsView.number(actual))</title></rect>"
            }
            if index % max(1, months.count / 6) == 0 || index == months.count - 1 {
                svg +=
                    "<text class=\"label\" x=\"\(f(x + step / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">\(escape(String(month.label.suffix(2))))月</text>"
            }
        }
        let points = months.enumerated().map {
            "\(f(margin.left + step * (Double($0.offset) + 0.5))),\(f(y($0.element.path)))"
        }
        svg +=
            "<polyline class=\"path\" points=\"\(points.joined(separator: " "))\"><title>目标路径 path to target</title></polyline>"
        return svg + legend() + "</svg>"
    }

    /// One bar per region.
    static func bars(_ parts: [(name: String, value: Double?)], title: String) -> String {
        let top = max(parts.compactMap(\.value).max() ?? 1, 1e-9)
        let rowHeight = 18.0
        let chartHeight = rowHeight * Double(parts.count) + 8
        let left = 150.0
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(chartHeight))\" role=\"img\" aria-label=\"\(escape(title))\"><title>\(escape(title))</title>"
        for (index, part) in parts.enumerated() {
            let y = 4 + rowHeight * Double(index)
            svg +=
                "<text class=\"label\" x=\"\(f(left - 6))\" y=\"\(f(y + 13))\" text-anchor=\"end\">\(escape(part.name))</text>"
            if let value = part.value {
                let barWidth = (width - left - 90) * max(value, 0) / top
                svg +=
                    "<rect class=\"actual\" x=\"\(f(left))\" y=\"\(f(y + 2))\" width=\"\(f(barWidth))\" height=\"\(f(rowHeight - 5))\"></rect>"
                svg +=
                    "<text class=\"value\" x=\"\(f(left + barWidth + 4))\" y=\"\(f(y + 13))\">\(TargetsView.number(value))</text>"
            } else {
                svg += "<text class=\"value none\" x=\"\(f(left + 4))\" y=\"\(f(y + 13))\">未报</text>"
            }
        }
        return svg + "</svg>"
    }

    private static func open(_ title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(escape(title))\"><title>\(escape(title))</title>"
    }

    private static func axis(top: Double) -> String {
        let bottom = height - margin.bottom
        return
            "<line class=\"axis\" x1=\"\(f(margin.left))\" y1=\"\(f(bottom))\" x2=\"\(f(width - margin.right))\" y2=\"\(f(bottom))\"></line>"
            + "<text class=\"label\" x=\"\(f(margin.left - 4))\" y=\"\(f(margin.top + 10))\" text-anchor=\"end\">\(TargetsView.number(top))</text>"
            + "<text class=\"label\" x=\"\(f(margin.left - 4))\" y=\"\(f(bottom))\" text-anchor=\"end\">0</text>"
    }

    private static func legend() -> String {
        "<rect class=\"actual\" x=\"\(f(width - 190))\" y=\"4\" width=\"10\" height=\"10\"></rect><text class=\"label\" x=\"\(f(width - 176))\" y=\"13\">实际 actual</text>"
            + "<line class=\"path\" x1=\"\(f(width - 100))\" y1=\"9\" x2=\"\(f(width - 86))\" y2=\"9\"></line><text class=\"label\" x=\"\(f(width - 82))\" y=\"13\">目标路径 path</text>"
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
