import Foundation
import Hummingbird
import Pipeline
import Reports

extension Portal {
    /// `GET /rollups` (the list), `GET /rollups/download?period=&region=`,
    /// `GET /template?period=` (a city or province names `region` and `department`).
    func addDownloadRoutes(to router: Router<PortalContext>) {
        router.get("/rollups") { _, context in
            let session = try context.requireSession()
            let (rollups, scope) = (rollups, scope(session))
            let workbooks = try await offloaded { try rollups.list(for: scope) }
            var values = pageValues(session, title: "汇总下载", active: "/rollups")
            values["workbooks"] = workbooks.map {
                [
                    "period": $0.period, "region": $0.region,
                    "name": catalog.region(code: $0.region)?.name ?? $0.region,
                    "fileName": $0.fileName, "kib": max(1, $0.size / 1024),
                ] as [String: Any]
            }
            values["empty"] = workbooks.isEmpty
            return try pages.render("rollups", values)
        }
        router.get("/api/rollups") { _, context in
            let scope = scope(try context.requireSession())
            let rollups = rollups
            let workbooks = try await offloaded { try rollups.list(for: scope) }
            return try json(RollupsDocument(workbooks) { catalog.region(code: $0)?.name ?? $0 })
        }
        router.get("/rollups/download") { request, context in
            let scope = scope(try context.requireSession())
            let query = request.uri.queryParameters
            guard let period = query["period"].map(String.init), let region = query["region"].map(String.init) else {
                throw PortalError.badRequest("缺少 period 或 region。")
            }
            let rollups = rollups
            guard let file = try await offloaded({ try rollups.workbook(period: period, region: region, for: scope) })
            else {
                throw PortalError.notFound
            }
            return download(file.bytes, fileName: file.fileName)
        }
        router.get("/template") { request, context in
            let scope = scope(try context.requireSession())
            let query = request.uri.queryParameters
            let (templates, period) = (templates, try Self.period(request))
            let (region, department) = (query["region"].map(String.init), query["department"].map(String.init))
            do {
                let file = try await offloaded {
                    try templates.workbook(
                        for: scope, region: region, department: department, period: period, now: Date())
                }
                return download(file.bytes, fileName: file.fileName)
            } catch let refused as FormTemplateError {
                throw PortalError.badRequest(refused.chinese)
            }
        }
    }
}
