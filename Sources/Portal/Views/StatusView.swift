import Catalog
import Foundation
import Pipeline
import Reports
import Rollup

/// The 报送情况 page: per city a grid of regions down and departments
/// across, each cell coloured by its state, the totals and the chase list.
enum StatusView {
    static func values(_ answer: ReportingStatusQuery.Answer, catalog: Catalog) -> [String: Any] {
        var cities: [[String: Any]] = []
        var byCity: [String: [ReportCompleteness]] = [:]
        var order: [String] = []
        for cell in answer.cells {
            let city = AccessScope.city(of: cell.region, in: catalog) ?? cell.region
            if byCity[city] == nil { order.append(city) }
            byCity[city, default: []].append(cell)
        }
        for city in order {
            let cells = byCity[city]!
            let departments = unique(cells.map(\.department))
            let regions = unique(cells.map(\.region))
            let byKey = Dictionary(cells.map { ("\($0.region)/\($0.department)", $0) }, uniquingKeysWith: { a, _ in a })
            cities.append([
                "name": catalog.region(code: city)?.name ?? city, "code": city,
                "departments": departments.map { ["name": catalog.department(code: $0)?.name ?? $0, "code": $0] },
                "rows": regions.map { region -> [String: Any] in
                    ["name": catalog.region(code: region)?.name ?? region, "code": region,
                     "cells": departments.map { department -> [String: Any] in
                         guard let cell = byKey["\(region)/\(department)"] else { return ["empty": true] }
                         return ["label": cell.label, "state": stateClass(cell), "path": cell.latestPath ?? ""]
                     }]
                },
            ])
        }
        let counts = [("accepted", "已报"), ("late", "迟报"), ("rejected", "退回"), ("missing", "未报"), ("notDue", "未到期")]
        return [
            "period": answer.period.description,
            "due": answer.lateAfter.map { ReceiptTime.chinese($0.addingTimeInterval(-1)).prefix(10).description } ?? "无",
            "cities": cities, "empty": cities.isEmpty,
            "counts": counts.map { ["state": $0.0, "label": $0.1, "count": answer.counts[$0.0] ?? 0] },
            "chase": answer.chase.map { cell -> [String: Any] in
                ["region": catalog.region(code: cell.region)?.name ?? cell.region, "regionCode": cell.region,
                 "department": catalog.department(code: cell.department)?.name ?? cell.department,
                 "label": cell.label, "state": stateClass(cell), "path": cell.latestPath ?? ""]
            },
            "hasChase": !answer.chase.isEmpty,
        ]
    }

    static func stateClass(_ cell: ReportCompleteness) -> String {
        cell.state == .missing && !cell.isDue ? "notDue" : cell.state.rawValue
    }

    private static func unique(_ codes: [String]) -> [String] {
        var seen = Set<String>()
        return codes.filter { seen.insert($0).inserted }
    }
}
