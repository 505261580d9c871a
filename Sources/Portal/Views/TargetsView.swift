import Catalog
import Foundation
import Pipeline
import Reports

/// The 目标进度 page: the targets grouped by status, each with its progress
/// bar (a `<meter>`) and the roll-up's two charts of it, drawn as its SVG
/// images are (`RollupChartImages.svg`): the monthly figure against the path
/// to the target, and the regions below side by side. It says which
/// moment of the ledger the figures are of, and when newer ones are coming.
enum TargetsView {
    static let statusOrder = ["滞后", "进度正常", "已达标", "无数据"]
    static let statusClass = ["已达标": "met", "进度正常": "onTrack", "滞后": "behind", "无数据": "noData"]

    static func values(_ answer: TargetsQuery.Answer, scope: AccessScope, catalog: Catalog) -> [String: Any] {
        let groups = statusOrder.compactMap { status -> [String: Any]? in
            let lines = zip(answer.targets, answer.trends).filter { $0.0.status == status }
            guard !lines.isEmpty else { return nil }
            return [
                "status": status, "class": statusClass[status] ?? "", "count": lines.count,
                "targets": lines.map { line(for: $0, trend: $1) },
            ]
        }
        // The regions this account may switch to: its own, and every region with plan targets it may see.
        let planned = catalog.targets.map(\.region).filter { scope.maySee(region: $0) }.uniqued()
        let choices = ([scope.homeRegion, answer.region].filter { scope.maySee(region: $0) } + planned).uniqued()
        let name = { (code: String) in catalog.region(code: code)?.name ?? code }
        let elsewhere = planned.filter { $0 != answer.region }
        return [
            "region": answer.region, "regionName": answer.regionName, "period": answer.period.description,
            "asOf": answer.asOf.map(ReceiptTime.chinese) ?? "台账为空",
            "computedAt": ReceiptTime.chinese(answer.computedAt),
            "upToDate": answer.upToDate,
            "groups": groups, "empty": answer.targets.isEmpty,
            "choices": choices.map { ["code": $0, "name": name($0), "selected": $0 == answer.region] },
            // Where a region without targets points instead: a province's plans are its cities' and counties'.
            "planned": elsewhere.map { ["code": $0, "name": name($0)] }, "hasPlanned": !elsewhere.isEmpty,
        ]
    }

    private static func line(for target: TargetsQuery.Line, trend: TargetTrend) -> [String: Any] {
        let charts = RollupChartImages.svg(of: trend)
        return [
            "indicator": target.indicator, "name": target.indicatorName, "unit": target.unit, "plan": target.planTitle,
            "lead": target.leadName, "year": target.year, "goal": "\(target.op) \(number(target.value))",
            "current": target.current.map(number) ?? "—", "period": target.period.description,
            "completion": target.completion.map { String(format: "%.1f%%", $0 * 100) } ?? "—",
            "meter": min(max(target.completion ?? 0, 0), 1), "elapsed": String(format: "%.0f%%", target.elapsed * 100),
            "status": target.status, "statusEnglish": target.statusEnglish, "class": statusClass[target.status] ?? "",
            "sentence": target.sentence,
            "trend": charts.trend, "parts": charts.parts ?? "",
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
