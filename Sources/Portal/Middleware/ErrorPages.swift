import Foundation
import Hummingbird

/// Turns what routes throw into answers: a `PortalError` (or an error a
/// use case throws that maps to one) as a page in Chinese with English
/// beside, or as JSON `{"error": code, "message": …}` under `/api/`; an
/// anonymous page request goes to the login page; anything else is a 500
/// with nothing of the error shown, logged.
struct ErrorPages: RouterMiddleware {
    typealias Context = PortalContext
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let portalError: PortalError
            if let known = PortalError(error) {
                portalError = known
            } else if let http = error as? HTTPError {
                portalError =
                    http.status == .contentTooLarge
                    ? .formTooLarge
                    : http.status == .notFound ? .notFound : .badRequest(http.body ?? "\(http.status)")
            } else {
                context.logger.error(
                    "请求失败 request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
                return try answer(
                    status: .internalServerError, code: "internal", chinese: "服务器内部错误，请稍后再试。",
                    english: "Internal error.", request: request)
            }
            if portalError == .notLoggedIn, request.method == .get, !Self.isAPI(request) {
                return Response(status: .seeOther, headers: [.location: "/login"])
            }
            return try answer(
                status: portalError.status, code: portalError.code, chinese: portalError.chinese,
                english: portalError.english, request: request)
        }
    }

    static func isAPI(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api/") || request.uri.path == "/healthz"
    }

    private func answer(
        status: HTTPResponse.Status, code: String, chinese: String, english: String,
        request: Request
    ) throws -> Response {
        if Self.isAPI(request) {
            let body = try JSONSerialization.data(
                withJSONObject: ["error": code, "message": chinese, "english": english],
                options: [.sortedKeys])
            return Response(
                status: status, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        return try pages.render(
            "error",
            [
                "title": "出错了", "status": status.code, "code": code, "chinese": chinese,
                "english": english,
            ], status: status)
    }
}
