import Catalog
import Foundation
import Pipeline
import Reports
import Rollup

/// The 报送情况 page: per city a grid of regions down and departments
/// across, each cell coloured by its state, the totals and the chase list.
enum StatusView {
    /// `linksHistory`: each cell and chase line links the submitter's 报送记录 (for the city and
    /// province; a department's history is its own whatever cell it clicks).
    static func values(_ report: StatusReport, catalog: Catalog, linksHistory: Bool) -> [String: Any] {
        let history = { (region: String, department: String) -> Any in
            linksHistory ? "/history?region=\(region)&department=\(department)" : false
        }
        let cells = report.cities.flatMap(\.cells)
        let chase = report.cities.flatMap(\.chase)
        let cities = report.cities.map { city -> [String: Any] in
            let departments = city.cells.map(\.department).uniqued()
            let regions = city.cells.map(\.region).uniqued()
            let byKey = Dictionary(
                city.cells.map { ("\($0.region)/\($0.department)", $0) }, uniquingKeysWith: { a, _ in a })
            return [
                "name": city.name, "code": city.code, "due": city.due ?? "无",
                "departments": departments.map { ["name": catalog.department(code: $0)?.name ?? $0, "code": $0] },
                "rows": regions.map { region -> [String: Any] in
                    [
                        "name": catalog.region(code: region)?.name ?? region, "code": region,
                        "cells": departments.map { department -> [String: Any] in
                            guard let cell = byKey["\(region)/\(department)"] else { return ["empty": true] }
                            return [
                                "label": cell.label, "state": stateClass(cell), "path": cell.latestPath ?? "",
                                "history": history(region, department),
                            ]
                        },
                    ]
                },
            ]
        }
        let counts = [("accepted", "已报"), ("late", "迟报"), ("rejected", "退回"), ("missing", "未报"), ("notDue", "未到期")]
        return [
            "period": report.period.description, "due": report.cities.first?.due ?? "无",
            "cities": cities, "empty": cities.isEmpty,
            "counts": counts.map { state, label in
                ["state": state, "label": label, "count": cells.filter { stateClass($0) == state }.count]
            },
            "chase": chase.map { entry -> [String: Any] in
                [
                    "region": entry.regionName ?? entry.region, "regionCode": entry.region,
                    "department": entry.departmentName ?? entry.department, "label": entry.state.chinese,
                    "state": entry.state.rawValue, "path": entry.latestPath ?? "",
                    "periods": entry.periods.map(\.description).joined(separator: "、"),
                    "history": history(entry.region, entry.department),
                ]
            },
            "hasChase": !chase.isEmpty, "linksHistory": linksHistory,
        ]
    }

    /// The grid's colour: the state, with a missing report not yet due apart.
    static func stateClass(_ cell: ReportCompleteness) -> String {
        cell.state == .missing && !cell.isDue ? "notDue" : cell.state.rawValue
    }

}
