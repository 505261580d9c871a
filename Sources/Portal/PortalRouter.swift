import Catalog
import Foundation
import Hummingbird
import Logging
import Pipeline
import Reports

extension Portal {
    /// The portal's routes behind its middleware, outermost first: security
    /// headers, error pages, the origin check, the session.
    public func router() -> Router<PortalContext> {
        let router = Router(context: PortalContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages(pages: pages))
        router.add(middleware: OriginCheck(behindProxy: settings.behindProxy))
        router.add(middleware: SessionLoader(sessions: sessions, behindProxy: settings.behindProxy))
        router.get("/healthz") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "ok")))
        }
        router.get("/static/{name}") { [pages] _, context in
            guard let name = context.parameters.get("name"), let asset = pages.asset(name) else {
                throw PortalError.notFound
            }
            return asset
        }
        router.get("/") { _, context in
            let target = context.session.map { $0.account.role == .department ? "/submit" : "/status" } ?? "/login"
            return Response(status: .seeOther, headers: [.location: target])
        }
        addLoginRoutes(to: router)
        addSubmissionRoutes(to: router)
        addReportingRoutes(to: router)
        addDownloadRoutes(to: router)
        return router
    }

    /// The application `huanxin serve` runs.
    public func application() -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(
                address: .hostname(settings.host, port: settings.port),
                serverName: "huanxin"),
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, recording every `retryInterval` the
    /// uploads a batch run kept waiting. First removes what uploads a killed
    /// server was receiving left behind.
    public func serve(retryInterval: Duration = .seconds(30)) async throws {
        uploads.removeAbandonedUploads()
        let (uploads, logger) = (uploads, logger)
        let retry = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: retryInterval)
                do {
                    try await uploads.retryQueued()
                } catch {
                    logger.warning("\(error)")
                }
            }
        }
        defer { retry.cancel() }
        try await application().runService()
    }

    // MARK: Shared by the routes

    /// The values every page's layout shows: who is logged in, the menu, the CSRF token for forms.
    func pageValues(_ session: PortalSessions.Session?, title: String, active: String) -> [String: Any] {
        var values: [String: Any] = ["title": title]
        guard let session else { return values }
        let account = session.account
        let placeName = catalog.region(code: account.region)?.name ?? account.region
        let departmentName = account.department.flatMap { catalog.department(code: $0)?.name } ?? ""
        values["account"] = ["name": account.name, "role": account.role.chinese, "place": placeName + departmentName]
        values["csrf"] = session.csrfToken
        let items: [(String, String, String, Bool)] = [
            ("/submit", "报送", "Upload", account.role == .department), ("/history", "报送记录", "History", true),
            ("/status", "报送情况", "Status", true), ("/targets", "目标进度", "Targets", true),
            ("/rollups", "汇总下载", "Roll-ups", account.role != .department),
        ]
        values["nav"] = items.filter(\.3).map {
            ["href": $0.0, "label": $0.1, "english": $0.2, "active": $0.0 == active]
        }
        return values
    }

    /// A JSON answer in `DocumentJSON`'s compact form (keys sorted, times in ISO 8601).
    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try DocumentJSON.encode(value, pretty: false))))
    }

    /// A file download: the name in both forms browsers read (RFC 6266).
    func download(_ bytes: Data, fileName: String) -> Response {
        let ascii = String(
            fileName.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A form posted as `application/x-www-form-urlencoded`, at most 16 KiB.
    static func form(_ request: Request) async throws -> [String: String] {
        var request = request
        let body = try await request.collectBody(upTo: 16 * 1024)
        var fields: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if let key = parts.first, fields[key] == nil { fields[key] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }

    /// A query parameter's text; nil when absent or empty (an empty form field is no choice).
    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A `YYYY-MM` query parameter, or nil when absent; 400 when malformed.
    static func period(_ request: Request, _ name: String = "period") throws -> Period? {
        guard let text = query(request, name) else { return nil }
        guard let period = Period(text) else { throw PortalError.badRequest("期间应为 YYYY-MM：\(text)") }
        return period
    }
}
