import Foundation
import Hummingbird
import Pipeline
import Reports

extension Portal {
    /// `GET /history`, `GET /api/history`, `GET /status`, `GET /api/status`:
    /// what the account may see, read from the ledger at the request;
    /// `GET /targets`, `GET /api/targets`: the targets as last computed
    /// (`TargetsCache`: recomputed in the background once files are recorded).
    func addReportingRoutes(to router: Router<PortalContext>) {
        router.get("/api/history") { request, context in
            let (entries, more) = try await historyEntries(request, context)
            return try json(HistoryDocument(entries, more: more, filter: try Self.historyFilter(request)))
        }
        router.get("/history") { request, context in
            let session = try context.requireSession()
            let filter = try Self.historyFilter(request)
            let (entries, more) = try await historyEntries(request, context)
            var values = pageValues(session, title: "报送记录", active: "/history")
            values.merge(
                HistoryView.values(entries, more: more, filter: filter, scope: scope(session), catalog: catalog)
            ) {
                $1
            }
            return try pages.render("history", values)
        }
        router.get("/api/status") { request, context in
            let report = try await statusAnswer(request, context)
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: try report.json())))
        }
        router.get("/status") { request, context in
            let session = try context.requireSession()
            let answer = try await statusAnswer(request, context)
            var values = pageValues(session, title: "报送情况", active: "/status")
            let linksHistory = scope(session).submitter == nil
            values.merge(StatusView.values(answer, catalog: catalog, linksHistory: linksHistory)) { $1 }
            return try pages.render("status", values)
        }
        router.get("/api/targets") { request, context in
            try json(try await targetsAnswer(request, context))
        }
        router.get("/targets") { request, context in
            let session = try context.requireSession()
            let answer = try await targetsAnswer(request, context)
            var values = pageValues(session, title: "目标进度", active: "/targets")
            values.merge(TargetsView.values(answer, scope: scope(session), catalog: catalog)) { $1 }
            return try pages.render("targets", values)
        }
    }

    private func historyEntries(_ request: Request, _ context: PortalContext) async throws -> (
        entries: [SubmissionHistory.Entry], more: Bool
    ) {
        let scope = scope(try context.requireSession())
        let (history, filter) = (history, try Self.historyFilter(request))
        return try await offloaded { try history.entries(for: scope, filter: filter) }
    }

    /// `?region=&department=&before=`: empty fields are no limit.
    static func historyFilter(_ request: Request) throws -> SubmissionHistory.Filter {
        var before: Int64?
        if let text = query(request, "before") {
            guard let id = Int64(text), id > 0 else { throw PortalError.badRequest("before 应为报送编号：\(text)") }
            before = id
        }
        return SubmissionHistory.Filter(
            region: query(request, "region"), department: query(request, "department"), before: before)
    }

    private func statusAnswer(_ request: Request, _ context: PortalContext) async throws -> StatusReport {
        let scope = scope(try context.requireSession())
        let (status, period) = (status, try Self.period(request))
        return try await offloaded {
            try status.report(period: period, city: nil, scope: scope, calendar: ProgrammeCalendar(now: Date()))
        }
    }

    private func targetsAnswer(_ request: Request, _ context: PortalContext) async throws -> TargetsQuery.Answer {
        let scope = scope(try context.requireSession())
        let period = try Self.period(request)
        let region = Self.query(request, "region")
        return try await targets.targets(
            for: scope, region: region, period: period, calendar: ProgrammeCalendar(now: Date()))
    }
}
